package org.equiplan.solve;

import java.util.function.Supplier;

/** What a running solve tells its caller, and how the caller can stop it. */
public interface SolveListener {

    /** The solve has started; {@code stop} ends it early, keeping the best so far. */
    default void started(Runnable stop) {
    }

    /**
     * A new best solution. {@code answer} builds the JSON-ready answer from a snapshot of it; it is
     * safe to call later and from another thread, and costs a full report, so call it sparingly.
     */
    void improved(Progress progress, Supplier<Object> answer);

    /** A listener that only watches the scores. */
    static SolveListener ofProgress(java.util.function.Consumer<Progress> progress) {
        return (p, answer) -> progress.accept(p);
    }
}
