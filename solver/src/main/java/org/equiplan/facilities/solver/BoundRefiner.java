package org.equiplan.facilities.solver;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.equiplan.facilities.bound.FacilityBound;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.LowerBound;
import org.equiplan.facilities.domain.SearchHints;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the lower bound of capacitated services beside the search, on a thread of its own: a branch and bound
 * over open sites ({@link FacilityBound#refine}). The search is neither
 * held back nor restarted (run as phases, before the search it left Holmberg's 30 x 200 sets 12 to 400% above
 * the optimum at 5 s of a 30 s solve; between two stretches of search, the restarted late acceptance lost 1%
 * on p30). The raised bound goes into the plan's {@link SearchHints}, which every copy of the plan shares; when
 * the best plan then meets it, the solve ends ({@code onProven}). The tree is pruned by the search's best plan
 * at the time (on Holmberg p57 that raised the bound from 25,868 to 26,019; the optimum is 26,039), so the
 * bound depends on how far the search has got: always valid, the same for a seed only as far as the search is.
 * {@code budgetMillis}, or the end of the solve, cut it short with a valid bound.
 */
final class BoundRefiner {

    private static final Logger LOG = LoggerFactory.getLogger(BoundRefiner.class);

    private final long budgetMillis;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<HardMediumSoftLongScore> best = new AtomicReference<>();
    private final AtomicReference<FacilityPlan> bestPlan = new AtomicReference<>();
    private final AtomicReference<Runnable> onProven = new AtomicReference<>(() -> {});
    private volatile Thread thread;

    BoundRefiner(long budgetMillis) {
        this.budgetMillis = budgetMillis;
    }

    /** What ends the solve once the best plan is proven optimal (the solver's early termination). */
    void onProven(Runnable action) {
        onProven.set(action);
    }

    /**
     * The search found a new best plan (a copy the solver no longer touches): if the bound already meets it,
     * nothing better exists; if it meets the hard rules, its cost prunes the tree.
     */
    void improved(HardMediumSoftLongScore score, FacilityPlan plan, LowerBound bound) {
        best.set(score);
        if (score.isFeasible()) {
            bestPlan.set(plan);
        }
        if (FacilitySolver.provenOptimal(score, bound)) {
            onProven.get().run();
        }
    }

    /**
     * Starts raising the bound of {@code computed}, writing each result into {@code hints}; when the tree ends (proved,
     * out of time or out of nodes), its thread runs {@code afterwards} (a second search takes the core).
     */
    void start(FacilityBound.Computed computed, SearchHints hints, Runnable afterwards) {
        if (!computed.anyGap() || stop.get()) {
            return;
        }
        long started = System.currentTimeMillis();
        hints.setRefining(true);
        Thread t = new Thread(
                () -> {
                    try {
                        FacilityBound.Computed refined = FacilityBound.refine(
                                computed,
                                s -> searchCost(computed, s),
                                () -> stop.get() || System.currentTimeMillis() - started > budgetMillis,
                                (s, siteOf, cost) -> offer(computed, hints, s, siteOf, cost));
                        if (refined.bound().softScaled() > hints.bound().softScaled()) {
                            hints.setBound(refined.bound());
                        }
                        LOG.info(
                                "Lower bound raised to {}soft by a branch and bound of {} nodes in {} ms",
                                -refined.bound().softScaled(),
                                refined.nodes(),
                                System.currentTimeMillis() - started);
                        HardMediumSoftLongScore score = best.get();
                        if (score != null && FacilitySolver.provenOptimal(score, hints.bound())) {
                            onProven.get().run();
                        }
                    } catch (RuntimeException e) {
                        // The bound already in the hints stays valid; the answer keeps it.
                        LOG.error("raising the lower bound failed; the root bound stands", e);
                    } finally {
                        try {
                            afterwards.run(); // before the core counts as free, so that no second window claims it
                        } finally {
                            hints.setRefining(false); // its core is free for the search
                        }
                    }
                },
                "equiplan-bound");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /**
     * A plan the tree found: the search takes it up where it is cheaper than the search's best
     * ({@link WindowMoveFactory}), as the "restart from the Lagrangian heuristic's solution" asks. The tree's
     * nodes open other sets of sites than the search holds; on tight sets its plans at times beat the search's.
     */
    private void offer(FacilityBound.Computed computed, SearchHints hints, int s, int[] siteOf, long cost) {
        long search = searchCost(computed, s);
        if (cost < search) {
            hints.offer(new SearchHints.PlanOffer(s, siteOf, cost));
            LOG.info("The bound's tree found a plan of cost {} (the search's best: {})", cost, search);
        }
    }

    /** The linear cost of service {@code s} in the search's best plan that meets the hard rules, if any yet. */
    private long searchCost(FacilityBound.Computed computed, int s) {
        FacilityPlan plan = bestPlan.get();
        if (plan == null || computed.costModels()[s] == null) {
            return Long.MAX_VALUE;
        }
        return computed.costModels()[s].costIn(plan);
    }

    /** Stops the refinement (it leaves its bound so far) and waits for it, so that the answer carries it. */
    void finish() {
        stop.set(true);
        Thread t = thread;
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
