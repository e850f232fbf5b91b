package org.equiplan.solve;

import java.util.function.Supplier;

/**
 * What a running solve tells its caller, and how the caller can stop it.
 *
 * @param <A> the answer type
 */
public interface SolveListener<A> {

    /** The solve has started; {@code stop} ends it early, keeping the best so far. */
    default void started(Runnable stop) {}

    /**
     * A new best solution. {@code answer} builds the answer from a snapshot of it; it is safe to call
     * later and from another thread, and costs a full report, so call it sparingly.
     */
    void improved(Progress progress, Supplier<? extends A> answer);

    /** A listener that only watches the scores. */
    static <A> SolveListener<A> ofProgress(java.util.function.Consumer<Progress> progress) {
        return (p, answer) -> progress.accept(p);
    }
}
