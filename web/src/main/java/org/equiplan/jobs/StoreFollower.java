package org.equiplan.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events of jobs this process does not solve (queued, or solved by another worker): one query per period for
 * all followed jobs, a best event when the stored score moved, the end when the job reached a final state. The
 * store is the only channel between nodes, so an API node follows a job on any worker, with a delay of about
 * the worker's write period.
 */
final class StoreFollower implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFollower.class);

    private final JobStore store;
    private final EventHub events;
    private final Predicate<String> solvedHere;

    StoreFollower(JobStore store, EventHub events, Predicate<String> solvedHere) {
        this.store = store;
        this.events = events;
        this.solvedHere = solvedHere;
    }

    @Override
    public void run() {
        try {
            List<String> ids = new ArrayList<>();
            for (String id : events.followed()) {
                if (!solvedHere.test(id)) {
                    ids.add(id);
                }
            }
            if (ids.isEmpty()) {
                return;
            }
            List<Job> jobs = store.findAll(ids);
            for (Job job : jobs) {
                if (solvedHere.test(job.id())) {
                    continue;
                }
                if (job.score() != null) {
                    events.best(
                            job.id(),
                            new ScorePoint(job.elapsedMillis(), job.score(), Boolean.TRUE.equals(job.feasible())));
                }
                if (!job.status().active()) {
                    events.end(job.id(), job.status(), job.score());
                }
            }
            // A job deleted meanwhile ends its subscribers too.
            for (String id : ids) {
                if (jobs.stream().noneMatch(j -> j.id().equals(id))) {
                    events.end(id, JobStatus.STOPPED, null);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot follow jobs in the store; trying again next period", e);
        }
    }
}
