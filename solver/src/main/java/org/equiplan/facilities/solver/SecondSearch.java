package org.equiplan.facilities.solver;

import java.util.function.BiConsumer;
import java.util.function.LongFunction;
import org.equiplan.facilities.domain.FacilityPlan;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.impl.solver.DefaultSolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A second search on the core the bound's tree leaves: from the relaxation's own open sites ({@link
 * LowerBoundPhase#secondRoot}), exactly assigned ({@link AssignmentPhase}), then with a seed of its own the same local
 * search and exact windows as the first search, until the same deadline. Runs on tight capacitated sets
 * settle in different basins that the windows, local by design, do not bridge (three runs of one instance ended with
 * open sets differing at 8 of 13 sites); two searches reach two of them and the solve answers with the better one.
 * Measured with two one-core processes side by side: the better of two 0.30% above the best known, one search
 * beside the tree 0.51% (benchmark/results/issue9-second-core-2026-12-01).
 *
 * <p>The two searches share no plans but the tree's offers and every new best goes through one {@link Incumbent}, so
 * that progress is reported once, the tree prunes by the better of the two, and a proof ends both.
 */
final class SecondSearch {

    private static final Logger LOG = LoggerFactory.getLogger(SecondSearch.class);

    /** Below this much time left a second search could not get past its local search: the first keeps the core. */
    static final long MIN_MILLIS = 2000;

    /** Mixed into the solve's seed, so that the second search's moves differ from the first's for every seed. */
    private static final long SEED_MIX = 0x9E3779B97F4A7C15L;

    /** The second search's solver configuration for the time it has left, in milliseconds. */
    private final LongFunction<SolverConfig> config;

    private final long deadline;
    private final BiConsumer<HardMediumSoftLongScore, FacilityPlan> improved;

    private boolean stopped;
    private Solver<FacilityPlan> solver;
    private Thread thread;
    private volatile FacilityPlan best;
    private FacilityPlan root;

    /**
     * @param deadline the wall-clock time (epoch ms) both searches end
     * @param improved told of each new best of this search (a clone the solver no longer touches)
     */
    SecondSearch(
            LongFunction<SolverConfig> config,
            long deadline,
            BiConsumer<HardMediumSoftLongScore, FacilityPlan> improved) {
        this.config = config;
        this.deadline = deadline;
        this.improved = improved;
    }

    static long seed(long solveSeed) {
        return solveSeed ^ SEED_MIX;
    }

    /**
     * Starts searching from {@code root} (a copy of the plan the root bound left) on a thread of its own, unless the
     * solve has ended or too little time is left.
     */
    synchronized void start(FacilityPlan root) {
        long left = deadline - System.currentTimeMillis();
        if (stopped || left < MIN_MILLIS) {
            return;
        }
        try {
            solver = SolverFactory.<FacilityPlan>create(config.apply(left)).buildSolver();
        } catch (RuntimeException e) {
            LOG.error("the second search could not start; the first search carries on alone", e);
            return;
        }
        this.root = root;
        root.getHints().setSecondSearch(true); // the core is taken: no second window beside each step
        solver.addEventListener(event -> {
            HardMediumSoftLongScore score = (HardMediumSoftLongScore) event.getNewBestScore();
            if (score.isSolutionInitialized()) {
                improved.accept(score, event.getNewBestSolution());
            }
        });
        Solver<FacilityPlan> mine = solver;
        thread = new Thread(
                () -> {
                    try {
                        best = mine.solve(root);
                    } catch (RuntimeException e) {
                        // The first search carries on alone; its answer stands.
                        LOG.error("the second search failed; the first search's plan stands", e);
                    }
                },
                "equiplan-second-search");
        thread.setDaemon(true);
        thread.start();
        LOG.info("A second search starts on the core the bound's tree left, {} ms before the end", left);
    }

    /** Stops the search (if it runs) and waits for it: its best plan, or null if it never ran or failed. */
    FacilityPlan finish() {
        Thread t;
        Solver<FacilityPlan> s;
        synchronized (this) {
            stopped = true;
            t = thread;
            s = solver;
        }
        if (t == null) {
            return null;
        }
        try {
            // A request that comes while the solver is still starting is forgotten by it: ask until it has ended.
            while (t.isAlive()) {
                s.terminateEarly();
                t.join(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        root.getHints().setSecondSearch(false);
        return best;
    }

    /** Score calculations of the second search, for the solve's speed. */
    long scoreCalculations() {
        Solver<FacilityPlan> s;
        synchronized (this) {
            s = solver;
        }
        return s instanceof DefaultSolver<FacilityPlan> d ? d.getSolverScope().getScoreCalculationCount() : 0;
    }

    /**
     * The best plan of both searches: each new best of either is reported once, when it beats the best so far.
     * Progress, the tree's pruning and the proof of optimality all follow it.
     */
    static final class Incumbent {
        private final BiConsumer<HardMediumSoftLongScore, FacilityPlan> onBetter;
        private HardMediumSoftLongScore score;

        Incumbent(BiConsumer<HardMediumSoftLongScore, FacilityPlan> onBetter) {
            this.onBetter = onBetter;
        }

        synchronized void offer(HardMediumSoftLongScore candidate, FacilityPlan plan) {
            if (score == null || candidate.compareTo(score) > 0) {
                score = candidate;
                onBetter.accept(candidate, plan);
            }
        }
    }
}
