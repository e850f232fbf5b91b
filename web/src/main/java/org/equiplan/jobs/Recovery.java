package org.equiplan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import org.equiplan.problem.Json;
import org.equiplan.solve.Models;
import org.equiplan.solve.SolveOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart: every job that was queued or solving is queued again with the time it had left, from
 * its last stored best; one that cannot be resumed is marked FAILED with the reason, keeping its best.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /** Where a resumed job goes: the same queue as a new one. */
    interface Queue {
        void enqueue(String id, Models.Loaded<?, ?> loaded, SolveOptions options, JsonNode warm, long elapsedBefore);
    }

    private Recovery() {}

    static int resume(JobStore store, Queue queue) {
        int resumed = 0;
        for (Job job : store.active()) {
            try {
                Models.Loaded<?, ?> loaded = Models.load(store.problem(job.id()).orElseThrow());
                JsonNode warm = store.solution(job.id()).map(Json::readTree).orElse(null);
                double remaining = Math.max(1, job.seconds() - job.elapsedMillis() / 1000.0);
                store.setStatus(job.id(), JobStatus.QUEUED, null);
                LOG.info(
                        "job {} QUEUED again after a restart ({} s left, {})",
                        job.id(),
                        Math.round(remaining),
                        warm == null ? "from the start" : "from its last stored best");
                queue.enqueue(
                        job.id(),
                        loaded,
                        new SolveOptions(remaining, null, null, job.seed()),
                        warm,
                        job.elapsedMillis());
                resumed++;
            } catch (RuntimeException e) {
                LOG.error("job {} cannot be resumed", job.id(), e);
                store.setStatus(job.id(), JobStatus.FAILED, "could not be resumed after a restart: " + e.getMessage());
            }
        }
        return resumed;
    }
}
