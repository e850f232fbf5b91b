package org.equiplan.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.equiplan.solve.Answer;
import org.equiplan.solve.Models;

/**
 * A job a {@link Worker} is solving: its problem, the attempt that fences its writes, the stop handle, the
 * latest best (score and a lazily built answer) and the bests not yet stored. Its own monitor guards the best
 * and the unsaved history; {@link #storeLock} is held for the whole of each write of its best
 * ({@link BestAnswerWriter}).
 */
final class RunningJob {

    /** Why a solve is being stopped; the first reason given wins. */
    enum StopReason {
        /** Someone asked (any API node): the job ends STOPPED with its best. */
        REQUESTED,
        /** This worker shuts down: the job goes back to the queue with its best and the time it used. */
        HAND_BACK,
        /** Another worker holds the job now, or it was deleted: nothing more is written. */
        LOST
    }

    final String id;
    final Models.Loaded<?, ?> loaded;
    final int attempt;
    /** Solving time charged before this attempt (earlier attempts, across crashes). */
    final long solvedBefore;

    private final long startNanos = System.nanoTime();
    final CountDownLatch done = new CountDownLatch(1);
    final List<ScorePoint> unsaved = new ArrayList<>();
    volatile Runnable stopper;
    private volatile StopReason stopReason;
    volatile ScorePoint latest;
    volatile Supplier<Answer> latestAnswer;
    boolean dirty;
    /** Held for the whole of each write of this job's best. */
    final Object storeLock = new Object();
    /** Set once the final state is stored: later periodic writes write nothing. */
    boolean finalWritten;
    /** An answer that could not be built was logged; later ones are not (each best would log again). */
    volatile boolean answerFailureLogged;

    RunningJob(String id, Models.Loaded<?, ?> loaded, int attempt, long solvedBefore) {
        this.id = id;
        this.loaded = loaded;
        this.attempt = attempt;
        this.solvedBefore = solvedBefore;
    }

    /** The solving time to charge now: earlier attempts plus this one so far. */
    long solvedMillis() {
        return solvedBefore + (System.nanoTime() - startNanos) / 1_000_000;
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

    /** Stops the solve for a reason (the first one given is kept); safe before the solver has started. */
    void stop(StopReason reason) {
        synchronized (this) {
            if (stopReason == null) {
                stopReason = reason;
            }
        }
        Runnable s = stopper;
        if (s != null) {
            s.run();
        }
    }

    StopReason stopReason() {
        return stopReason;
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
