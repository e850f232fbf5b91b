package org.equiplan.jobs;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.equiplan.problem.Json;
import org.equiplan.solve.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a worker's running jobs to the store: periodically (each job's latest best if it changed, else just
 * the time charged) and once at the end. One write per job at a time, and none after the final one: a periodic
 * write that drained the history and is still building its answer must finish before the final state is
 * written, or the final answer could be overwritten by an older best. Every write is fenced by the job's
 * attempt; one that is refused means the job is no longer this worker's.
 */
final class BestAnswerWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BestAnswerWriter.class);

    private final JobStore store;

    BestAnswerWriter(JobStore store) {
        this.store = store;
    }

    /** The periodic write of every running job; a job refused by the store is stopped as lost. */
    void writeAll(Collection<RunningJob> jobs) {
        for (RunningJob job : jobs) {
            try {
                if (!write(job)) {
                    LOG.warn("job {}: another worker holds it now, or it was deleted; stopping here", job.id);
                    job.stop(RunningJob.StopReason.LOST);
                }
            } catch (RuntimeException e) {
                LOG.error("job {}: cannot store its progress; trying again next period", job.id, e);
            }
        }
    }

    /** Stores the latest best if it changed since the last write, else charges the time; false when fenced out. */
    boolean write(RunningJob job) {
        synchronized (job.storeLock) {
            if (job.finalWritten) {
                return true;
            }
            Supplier<Answer> supplier;
            ScorePoint best;
            List<ScorePoint> points;
            synchronized (job) {
                if (!job.dirty) {
                    supplier = null;
                    best = null;
                    points = List.of();
                } else {
                    supplier = job.latestAnswer;
                    best = job.latest;
                    points = job.drainUnsaved();
                    job.dirty = false;
                }
            }
            if (supplier == null) {
                return store.charge(job.id, job.attempt, job.solvedMillis());
            }
            return store.saveBest(job.id, job.attempt, answer(job, supplier), best, points, job.solvedMillis());
        }
    }

    /** The answer's JSON, or null when it cannot be built (logged once per job): the score and time still count. */
    private static String answer(RunningJob job, Supplier<Answer> supplier) {
        try {
            return Json.write(supplier.get());
        } catch (RuntimeException e) {
            if (!job.answerFailureLogged) {
                job.answerFailureLogged = true;
                LOG.error(
                        "job {}: its best answer cannot be built; its scores and time are stored without it",
                        job.id,
                        e);
            }
            return null;
        }
    }

    /**
     * Writes the final state: the final answer when there is one, else the last best (when it can still be
     * built), with the bests not yet stored. The status is written even when no answer can be: a job never
     * stays SOLVING because its answer failed. False when fenced out.
     */
    boolean writeFinal(RunningJob job, JobStatus status, String finalAnswer, String error) {
        synchronized (job.storeLock) {
            JobStore.Final end = last(job, status, finalAnswer, error);
            boolean written = store.finish(job.id, job.attempt, job.solvedMillis(), end);
            job.finalWritten = true;
            return written;
        }
    }

    /** Hands the job back to the queue with its last best and the time it used. False when fenced out. */
    boolean handBack(RunningJob job) {
        synchronized (job.storeLock) {
            JobStore.Final last = last(job, JobStatus.QUEUED, null, null);
            boolean written = store.requeue(job.id, job.attempt, job.solvedMillis(), last);
            job.finalWritten = true;
            return written;
        }
    }

    private static JobStore.Final last(RunningJob job, JobStatus status, String finalAnswer, String error) {
        ScorePoint best;
        List<ScorePoint> points;
        Supplier<Answer> supplier;
        boolean dirty;
        synchronized (job) {
            best = job.latest;
            points = job.drainUnsaved();
            supplier = job.latestAnswer;
            dirty = job.dirty;
            job.dirty = false;
        }
        String answer = finalAnswer;
        if (answer == null && dirty && supplier != null) {
            answer = answer(job, supplier);
        }
        if (answer != null && best == null) {
            best = new ScorePoint(
                    job.solvedBefore, Json.readTree(answer).path("score").asText(), false);
        }
        return new JobStore.Final(status, error, answer, answer == null ? null : best, points);
    }
}
