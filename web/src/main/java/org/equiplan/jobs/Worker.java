package org.equiplan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.problem.Json;
import org.equiplan.solve.Answer;
import org.equiplan.solve.Models;
import org.equiplan.solve.Progress;
import org.equiplan.solve.SolveListener;
import org.equiplan.solve.SolveOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solves the jobs the queue hands to this process, one per slot: claims the job in the store (which fences
 * every later write to this attempt), solves it from its last stored best with the time it has left, and
 * writes its end. Periodically ({@link #tick}) it stores each job's new best and charges its time, and stops
 * the jobs someone asked to stop. On shutdown ({@link #drain}) its jobs go back to the queue with their bests.
 */
final class Worker {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    /** What the queue does with a job after {@link #solve}: forget it, or offer it again (shutdown). */
    enum Outcome {
        ENDED,
        HANDED_BACK
    }

    private final JobStore store;
    private final EventHub events;
    private final BestAnswerWriter writer;
    private final String name;
    private final int maxLost;
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private volatile boolean draining;

    /**
     * @param name this worker, as stored with the jobs it solves
     * @param maxLost how many times a job may lose its worker (kill -9, machine lost) before it is failed rather
     *     than resumed again
     */
    Worker(JobStore store, EventHub events, String name, int maxLost) {
        this.store = store;
        this.events = events;
        this.writer = new BestAnswerWriter(store);
        this.name = name;
        this.maxLost = maxLost;
    }

    String name() {
        return name;
    }

    // --- one job, on a queue thread ---

    /** Solves one job to its end (or until this worker shuts down); throws only when the store fails. */
    Outcome solve(String id) {
        if (draining) {
            return Outcome.HANDED_BACK;
        }
        Optional<JobStore.Claim> claimed = store.claim(id, name);
        if (claimed.isEmpty()) {
            LOG.info("job {} was deleted or has ended: nothing to solve", id);
            return Outcome.ENDED;
        }
        JobStore.Claim claim = claimed.get();
        if (claim.lost() > maxLost) {
            return endUnsolved(
                    id,
                    claim,
                    JobStatus.FAILED,
                    "its worker stopped " + claim.lost()
                            + " times (killed or lost) before the job finished; it is not resumed again");
        }
        if (claim.stopRequested()) {
            return endUnsolved(id, claim, JobStatus.STOPPED, null);
        }
        if (claim.remainingMillis() <= 0) {
            // Crashes do not earn a job more time: it ends with the best it stored.
            boolean answered = store.solution(id).isPresent();
            return endUnsolved(
                    id,
                    claim,
                    answered ? JobStatus.COMPLETED : JobStatus.FAILED,
                    answered ? null : "its time limit was used up (counted across restarts) before any answer");
        }
        Models.Loaded<?, ?> loaded;
        JsonNode warm;
        try {
            loaded = Models.load(store.problem(id).orElseThrow());
            warm = store.warmStart(id).map(Json::readTree).orElse(null);
        } catch (RuntimeException e) {
            LOG.error("job {} cannot be read back", id, e);
            return endUnsolved(id, claim, JobStatus.FAILED, "cannot be read back: " + reason(e));
        }
        RunningJob job = new RunningJob(id, loaded, claim.attempt(), claim.solvedMillis());
        running.put(id, job);
        try {
            if (draining) {
                job.stop(RunningJob.StopReason.HAND_BACK);
            }
            return run(job, claim, warm);
        } finally {
            running.remove(id);
            job.done.countDown();
        }
    }

    private Outcome run(RunningJob job, JobStore.Claim claim, JsonNode warm) {
        double seconds = claim.remainingMillis() / 1000.0;
        LOG.info(
                "job {} SOLVING on {} ({} s left{}{})",
                job.id,
                name,
                Math.round(seconds * 10) / 10.0,
                warm == null ? "" : ", from its last stored best",
                claim.lost() > 0 ? ", after its worker was lost " + claim.lost() + " time(s)" : "");
        JobStatus status;
        String answer = null;
        String error = null;
        try {
            Answer result = job.loaded.solve(new SolveOptions(seconds, null, null, claim.seed()), listener(job), warm);
            if (job.stopReason() == RunningJob.StopReason.HAND_BACK || job.stopReason() == RunningJob.StopReason.LOST) {
                return handOver(job);
            }
            answer = Json.write(result);
            status = job.stopReason() == RunningJob.StopReason.REQUESTED ? JobStatus.STOPPED : JobStatus.COMPLETED;
        } catch (RuntimeException | Error e) {
            LOG.error("job {} FAILED", job.id, e);
            status = JobStatus.FAILED;
            error = reason(e);
        }
        if (!writer.writeFinal(job, status, answer, error)) {
            LOG.warn("job {}: another worker holds it now, or it was deleted; its end here is not stored", job.id);
            return Outcome.ENDED;
        }
        LOG.info("job {} {}{}", job.id, status, error == null ? "" : ": " + error);
        ScorePoint last = job.latest;
        events.end(job.id, status, last == null ? null : last.score());
        return Outcome.ENDED;
    }

    /** This worker shuts down (the job goes back to the queue) or lost the job (nothing more is written). */
    private Outcome handOver(RunningJob job) {
        if (job.stopReason() == RunningJob.StopReason.LOST) {
            LOG.warn("job {}: no longer this worker's; its result here is dropped", job.id);
            return Outcome.ENDED;
        }
        if (writer.handBack(job)) {
            LOG.info("job {} QUEUED again: this worker shuts down ({} ms solved so far)", job.id, job.solvedMillis());
        }
        return Outcome.HANDED_BACK;
    }

    private SolveListener<Answer> listener(RunningJob job) {
        return new SolveListener<>() {
            @Override
            public void started(Runnable stop) {
                job.stopper = stop;
                if (job.stopReason() != null) {
                    stop.run();
                }
            }

            @Override
            public void improved(Progress progress, Supplier<? extends Answer> answer) {
                ScorePoint point = new ScorePoint(
                        job.solvedBefore + progress.elapsedMillis(), progress.score(), progress.feasible());
                job.improved(point, answer);
                events.best(job.id, point);
                // A stop that came before the solver was running would be reset when it starts: repeat it.
                Runnable stopper = job.stopper;
                if (job.stopReason() != null && stopper != null) {
                    stopper.run();
                }
            }
        };
    }

    private Outcome endUnsolved(String id, JobStore.Claim claim, JobStatus status, String error) {
        if (store.finish(
                id, claim.attempt(), claim.solvedMillis(), new JobStore.Final(status, error, null, null, List.of()))) {
            LOG.info("job {} {}{}", id, status, error == null ? "" : ": " + error);
        }
        return Outcome.ENDED;
    }

    private static String reason(Throwable e) {
        return e instanceof InvalidProblemException
                ? e.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    // --- periodically, on the job timer ---

    /** Stores new bests and charges time of every running job, and stops those someone asked to stop. */
    void tick() {
        writer.writeAll(running.values());
        try {
            for (String id : store.stopRequested(running.keySet())) {
                stop(id);
            }
        } catch (RuntimeException e) {
            LOG.error("cannot read stop requests; trying again next period", e);
        }
    }

    // --- seen from the API of this process ---

    boolean solves(String id) {
        return running.containsKey(id);
    }

    Optional<RunningJob> running(String id) {
        return Optional.ofNullable(running.get(id));
    }

    /** Stops a job solved here (it ends STOPPED with its best); false when it is not solved here. */
    boolean stop(String id) {
        RunningJob job = running.get(id);
        if (job == null) {
            return false;
        }
        job.stop(RunningJob.StopReason.REQUESTED);
        return true;
    }

    /** On shutdown: every job solved here stops and goes back to the queue with its best; no new one starts. */
    void drain() {
        draining = true;
        Collection<RunningJob> jobs = running.values();
        if (!jobs.isEmpty()) {
            LOG.info("shutting down: handing {} running job(s) back to the queue", jobs.size());
        }
        for (RunningJob job : jobs) {
            job.stop(RunningJob.StopReason.HAND_BACK);
        }
    }
}
