package org.equiplan.jobs;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.equiplan.problem.Json;
import org.equiplan.solve.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes running jobs' best answers to the store: periodically (each job's latest best, if it changed) and
 * once at the end. One write per job at a time, and none after the final one: a periodic write that drained
 * the history and is still building its report must finish before the final answer is written, or the final
 * answer could be overwritten by an older best and the job be seen finished without its history.
 */
final class BestAnswerWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BestAnswerWriter.class);

    private final JobStore store;

    BestAnswerWriter(JobStore store) {
        this.store = store;
    }

    /** The periodic write of every running job; a failure is logged and the next period tries again. */
    void writeAll(Collection<RunningJob> jobs) {
        for (RunningJob job : jobs) {
            try {
                write(job);
            } catch (RuntimeException e) {
                LOG.error("job {}: cannot store its best solution", job.id, e);
            }
        }
    }

    /** Stores the latest best if it changed since the last write. */
    void write(RunningJob job) {
        synchronized (job.storeLock) {
            if (job.finalWritten) {
                return;
            }
            Supplier<Answer> supplier;
            ScorePoint best;
            List<ScorePoint> points;
            synchronized (job) {
                if (!job.dirty) {
                    return;
                }
                supplier = job.latestAnswer;
                best = job.latest;
                points = job.drainUnsaved();
                job.dirty = false;
            }
            store.saveBest(job.id, Json.write(supplier.get()), best, points);
        }
    }

    /** Stores the last best the job had (no final answer: stopped or failed); nothing is written after it. */
    void writeLast(RunningJob job) {
        write(job);
        synchronized (job.storeLock) {
            job.finalWritten = true;
        }
    }

    /** Stores the final answer with the bests not yet stored; nothing is written after it. */
    void writeFinal(RunningJob job, String finalAnswer) {
        synchronized (job.storeLock) {
            ScorePoint best;
            List<ScorePoint> points;
            synchronized (job) {
                best = job.latest;
                points = job.drainUnsaved();
                job.dirty = false;
            }
            if (best == null) {
                best = new ScorePoint(
                        job.elapsedBefore,
                        Json.readTree(finalAnswer).path("score").asText(),
                        false);
            }
            store.saveBest(job.id, finalAnswer, best, points);
            job.finalWritten = true;
        }
    }
}
