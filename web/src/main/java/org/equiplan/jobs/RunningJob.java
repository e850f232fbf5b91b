package org.equiplan.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.equiplan.solve.Answer;
import org.equiplan.solve.Models;

/**
 * A job in memory while queued or solving: its problem, the stop handle, the latest best (score and a
 * lazily built answer) and the bests not yet stored. Its own monitor guards the best and the unsaved
 * history; {@link #storeLock} is held for the whole of each write of its best ({@link BestAnswerWriter}).
 */
final class RunningJob {
    final String id;
    final Models.Loaded<?, ?> loaded;
    final long elapsedBefore;
    final CountDownLatch done = new CountDownLatch(1);
    final List<ScorePoint> unsaved = new ArrayList<>();
    volatile Runnable task;
    volatile Runnable stopper;
    volatile boolean cancelled;
    volatile boolean deleted;
    volatile ScorePoint latest;
    volatile Supplier<Answer> latestAnswer;
    boolean dirty;
    /** Held for the whole of each write of this job's best. */
    final Object storeLock = new Object();
    /** Set once the final answer is stored: later periodic writes write nothing. */
    boolean finalWritten;
    /** Event throttling ({@link EventHub}), under this job's monitor. */
    boolean eventPending;

    long lastEventSent;

    RunningJob(String id, Models.Loaded<?, ?> loaded, long elapsedBefore) {
        this.id = id;
        this.loaded = loaded;
        this.elapsedBefore = elapsedBefore;
    }

    synchronized void improved(ScorePoint point, Supplier<? extends Answer> answer) {
        latestAnswer = new Memo(answer);
        latest = point;
        unsaved.add(point);
        dirty = true;
    }

    synchronized List<ScorePoint> drainUnsaved() {
        List<ScorePoint> out = new ArrayList<>(unsaved);
        unsaved.clear();
        return out;
    }

    /** The answer of one best, built at most once, by whoever asks first (the writer or a GET of the solution). */
    private static final class Memo implements Supplier<Answer> {
        private final Supplier<? extends Answer> build;
        private Answer answer;

        Memo(Supplier<? extends Answer> build) {
            this.build = build;
        }

        @Override
        public synchronized Answer get() {
            if (answer == null) {
                answer = build.get();
            }
            return answer;
        }
    }
}
