package org.equiplan.funds.solver;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.equiplan.funds.FormulaBaseline;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RankOrder;
import org.equiplan.funds.domain.RegionAllocation;
import org.equiplan.solve.Progress;
import org.equiplan.solve.SolveOptions;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
import org.optaplanner.core.config.solver.SolverConfig;

/**
 * Solves a transfer plan. The exact optimum is computed directly ({@link WaterFilling}) and scored;
 * local search with unit shifts starts from it (or, to show how far the formula is, from the
 * formula's plan) and stops as soon as the certified optimum's score is reached.
 */
public final class FundsSolver {

    /** Where local search starts. */
    public enum Start {
        OPTIMUM,
        FORMULA
    }

    /** The one scoring and explaining manager of transfer plans (reports, analysis, checks). */
    public static final SolutionManager<FundsPlan, HardMediumSoftLongScore> SCORING =
            SolutionManager.create(SolverFactory.create(scoringConfig()));

    private FundsSolver() {}

    public static SolverConfig scoringConfig() {
        return new SolverConfig()
                .withSolutionClass(FundsPlan.class)
                .withEntityClasses(RegionAllocation.class, org.equiplan.funds.domain.CategoryShare.class)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                        .withConstraintProviderClass(FundsConstraints.class)
                        .withConstraintStreamImplType(ConstraintStreamImplType.BAVET));
    }

    /** A copy of the plan's current units on shared facts, for reports while the original changes. */
    public static FundsPlan snapshot(FundsPlan plan) {
        java.util.List<RegionAllocation> copies = new java.util.ArrayList<>();
        java.util.Map<RegionAllocation, RegionAllocation> copyOf = new java.util.IdentityHashMap<>();
        for (RegionAllocation r : plan.getAllocations()) {
            RegionAllocation c = r.copy();
            copies.add(c);
            copyOf.put(r, c);
        }
        FundsPlan copy = new FundsPlan(plan.getRules(), plan.getGroups(), copies, plan.getYears());
        if (plan.earmarked()) {
            java.util.List<org.equiplan.funds.domain.CategoryShare> shares = new java.util.ArrayList<>();
            for (var share : plan.getShares()) {
                shares.add(share.copyFor(copyOf.get(share.getRegion())));
            }
            copy.earmark(plan.getFunds(), shares);
        }
        copy.shareProblemCache(plan);
        copy.setScore(plan.getScore());
        return copy;
    }

    /**
     * Scores the plan's rules with the given units. Works on a copy, never on the plan itself: the plan
     * may be a best-solution snapshot that another thread is reporting at the same moment.
     */
    public static HardMediumSoftLongScore score(FundsPlan plan, long[] units) {
        FundsPlan copy = snapshot(plan);
        copy.setUnits(units);
        return SCORING.update(copy);
    }

    /** Scores an earmarked plan with the given totals and shares, on a copy. */
    public static HardMediumSoftLongScore score(FundsPlan plan, long[] units, long[] shareUnits) {
        FundsPlan copy = snapshot(plan);
        copy.setUnits(units);
        copy.setShareUnits(shareUnits);
        return SCORING.update(copy);
    }

    /** The local search, for tests in other packages (e.g. FULL_ASSERT runs of multi-year moves). */
    public static SolverConfig searchConfig(SolveOptions options) {
        return config(options, true);
    }

    /** The local search over unit shifts, from a plan whose units are all set. */
    static SolverConfig config(SolveOptions options) {
        return config(options, false);
    }

    /**
     * With {@code coupled}, rules tie regions or years together (year-on-year limits, rank preservation with
     * group caps) and a plan can be stuck where no single move improves: late acceptance over 200 steps lets
     * the search pass through worse plans.
     */
    static SolverConfig config(SolveOptions options, boolean coupled) {
        return config(options, coupled, FundsMoveFactory.class);
    }

    /** The local search with the given moves (earmarked plans bring their own). */
    @SuppressWarnings("rawtypes")
    public static SolverConfig config(
            SolveOptions options,
            boolean coupled,
            Class<? extends org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory> moves) {
        return scoringConfig()
                .withRandomSeed(options.seed())
                .withTerminationConfig(options.termination())
                .withPhases(new LocalSearchPhaseConfig()
                        .withMoveSelectorConfig(new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(moves))
                        // The objective is convex: every non-optimal plan has an improving shift, so plain
                        // hill climbing (late acceptance of 1) converges.
                        .withAcceptorConfig(new LocalSearchAcceptorConfig().withLateAcceptanceSize(coupled ? 200 : 1))
                        .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1)));
    }

    /**
     * Water-filling within the rank rule's bounds keeps the order unless a group cap holds some regions below
     * the common level; then the regions before them are capped where those stand, and filled again, until
     * the order holds or no cap can move.
     */
    public static long[] keepRank(FundsPlan plan, long[] units) {
        var regions = plan.getAllocations();
        long[] lower = new long[units.length];
        long[] upper = new long[units.length];
        for (int i = 0; i < units.length; i++) {
            lower[i] = regions.get(i).getLower();
            upper[i] = regions.get(i).getUpper();
        }
        return keepRank(plan, units, lower, upper);
    }

    /** As above, within the given floors and caps (which the repair narrows). */
    static long[] keepRank(FundsPlan plan, long[] units, long[] lower, long[] upper) {
        var regions = plan.getAllocations();
        if (regions.isEmpty() || regions.get(0).getRankOrder() == null) {
            return units;
        }
        var order = regions.get(0).getRankOrder();
        long[] current = units;
        for (int round = 0; round < 50 && order.shortfall(current) > 0; round++) {
            if (!order.holdBelowShort(current, lower, upper)) {
                break;
            }
            current = WaterFilling.optimum(plan, lower, upper);
        }
        return current;
    }

    /** Whether water-filling's answer is the certified optimum: feasible, and no group cap meets the rank rule. */
    private static boolean exact(FundsPlan plan, HardMediumSoftLongScore target) {
        if (!target.isFeasible()) {
            return false;
        }
        if (plan.multiYear()
                && !plan.getAllocations().isEmpty()
                && plan.getAllocations().get(0).getCoupling() != null) {
            return false; // year by year is only a start when limits couple the years
        }
        RankOrder order = plan.getAllocations().isEmpty()
                ? null
                : plan.getAllocations().get(0).getRankOrder();
        boolean capped = plan.getGroups().stream().anyMatch(org.equiplan.funds.domain.Group::hasCap);
        // Water-filling levels coverage: within the implied bounds it is exact for the coverage order, but for the
        // per-capita order only a start (15% of small enumerated problems cost more), so the search goes on.
        return order == null || (!capped && !order.perCapita());
    }

    public static FundsPlan solve(FundsPlan plan, SolveOptions options, Consumer<Progress> progress, Start start) {
        return solve(plan, options, stop -> {}, (p, best) -> progress.accept(p), start);
    }

    /** Solves, telling {@code started} how to stop early and {@code improved} each new best (a snapshot). */
    public static FundsPlan solve(
            FundsPlan plan,
            SolveOptions options,
            Consumer<Runnable> started,
            BiConsumer<Progress, FundsPlan> improved,
            Start start) {
        if (plan.earmarked()) {
            return org.equiplan.funds.earmark.EarmarkSolver.solve(
                    plan, options, started, improved, start == Start.FORMULA);
        }
        long began = System.currentTimeMillis();
        RankedPlanBound.Runner[] beside = {null};
        long[] optimum = plan.multiYear()
                ? PlanStart.of(plan, early -> {
                    if (start == Start.OPTIMUM) {
                        plan.setUnits(early);
                        report(plan, began, improved);
                        beside[0] = startBeside(plan, options, began);
                    }
                })
                : keepRank(plan, WaterFilling.optimum(plan));
        HardMediumSoftLongScore target = score(plan, optimum);
        plan.setUnits(start == Start.OPTIMUM ? optimum : FormulaBaseline.unitsByYear(plan));
        report(plan, began, improved);

        boolean exact = exact(plan, target);
        SolveOptions withTarget = new SolveOptions(
                options.seconds(),
                // Without a certified optimum to stop at, stop when the search has stalled for a tenth of the limit.
                exact ? options.unimprovedSeconds() : stallSeconds(options),
                options.bestScoreLimit() != null
                        ? options.bestScoreLimit()
                        // An exact optimum is certified and worth stopping at; a repaired one is only a start.
                        : exact ? target.toString() : null,
                options.seed());
        return runWithRankBound(
                plan,
                plan,
                FundsPlan::setUnits,
                config(withTarget, !exact),
                options,
                began,
                started,
                improved,
                beside[0]);
    }

    /**
     * Starts the bound with the whole rank rule on {@code plan} until the time limit, where it applies (else
     * null): called once the first plan has been reported, so that it never delays it, and before the rest of the
     * start is built, which on an earmarked plan of 2,800 counties over three years took about 5 s of a 30 s limit
     * that the bound, still rising at the limit, could use.
     */
    public static RankedPlanBound.Runner startBeside(FundsPlan plan, SolveOptions options, long began) {
        if (!RankedPlanBound.appliesTo(plan)) {
            return null;
        }
        return RankedPlanBound.start(plan, began + Math.round(options.seconds() * 1000));
    }

    /**
     * {@link #run}, with a bound that sees the whole rank rule of a plan raised beside the search on {@code boundPlan}
     * (the plan, or an earmarked plan's totals) where it applies, until the time limit; a user's stop ends both. It
     * is {@code running} already when the caller started it once the first plan was out ({@link #startBeside}), else
     * it starts now; never before the first plan (measured: first plan at 2.6 to 3.9 s instead of 1.9 s when both ran
     * at once from the beginning). When the search stalls with time left, totals built from the
     * bound's prices ({@link PricedPlan}) are put into a copy of the best plan by {@code applyTotals} (an earmarked
     * plan splits them into its categories); the search goes on from it when it scores better, else from the best
     * plan, and the plan is built again each time the search stalls while the bound's prices still move (measured:
     * stopping at the first plan that did not win left half the time unused in one run of two).
     */
    public static FundsPlan runWithRankBound(
            FundsPlan plan,
            FundsPlan boundPlan,
            BiConsumer<FundsPlan, long[]> applyTotals,
            SolverConfig config,
            SolveOptions options,
            long began,
            Consumer<Runnable> started,
            BiConsumer<Progress, FundsPlan> improved,
            RankedPlanBound.Runner running) {
        if (!RankedPlanBound.appliesTo(plan)) {
            return run(plan, config, began, started, improved);
        }
        long deadline = began + Math.round(options.seconds() * 1000);
        // Started once the first plan was out ({@link #startBeside}), or now.
        RankedPlanBound.Runner beside = running != null ? running : RankedPlanBound.start(boundPlan, deadline);
        AtomicReference<Runnable> current = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        started.accept(() -> {
            stopped.set(true);
            beside.stop();
            Runnable stop = current.get();
            if (stop != null) {
                stop.run();
            }
        });
        try {
            FundsPlan best = run(plan, config, began, current::set, improved);
            while (!stopped.get() && deadline - System.currentTimeMillis() > MIN_RESTART_MS) {
                // The search has stalled: a plan from the bound's latest prices, if they moved since the last try.
                FundsPlan from = best;
                long[] priced = beside.plan();
                if (priced != null) {
                    FundsPlan next = snapshot(best);
                    applyTotals.accept(next, priced);
                    if (SCORING.update(next).compareTo(best.getScore()) > 0) {
                        report(next, began, improved);
                        from = next;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || stopped.get()) {
                    best = from;
                    break;
                }
                // Searching on (from the better plan, or again from the best one while the prices improve) until
                // it stalls for a second: from such a plan it gains little (a few score units, 1e-9 of the objective)
                // but resets a longer stall clock again and again, while a plan from later prices gains 1e-5. Once
                // the bound has ended the search has the rest of the time.
                SolverConfig again = config.copyConfig()
                        .withTerminationConfig(new SolveOptions(
                                        left / 1000.0,
                                        beside.running() ? Double.valueOf(RESTART_STALL_SECONDS) : null,
                                        null,
                                        options.seed())
                                .termination());
                best = run(from, again, began, current::set, improved);
            }
            return best;
        } finally {
            beside.finish();
        }
    }

    /**
     * How long a search may go without improving: as asked, or a tenth of the limit (at least a second) where a
     * plan has no certified optimum to stop at.
     */
    public static Double stallSeconds(SolveOptions options) {
        return options.unimprovedSeconds() != null
                ? options.unimprovedSeconds()
                : Double.valueOf(Math.max(1, options.seconds() / 10));
    }

    /** How long a search restarted beside the bound may go without improving (s). */
    private static final double RESTART_STALL_SECONDS = 1;

    /** Time a restart from the bound's prices needs at least to be worth building (ms). */
    private static final long MIN_RESTART_MS = 1000;

    /** Scores the plan as it stands and reports it (a snapshot) as a best so far, timed from {@code began}. */
    public static HardMediumSoftLongScore report(FundsPlan plan, long began, BiConsumer<Progress, FundsPlan> improved) {
        HardMediumSoftLongScore score = SCORING.update(plan);
        improved.accept(
                new Progress(System.currentTimeMillis() - began, score.toString(), score.isFeasible()), snapshot(plan));
        return score;
    }

    /** Runs a local search on the plan, reporting each new best (a snapshot) with the time since {@code began}. */
    public static FundsPlan run(
            FundsPlan plan,
            SolverConfig config,
            long began,
            Consumer<Runnable> started,
            BiConsumer<Progress, FundsPlan> improved) {
        Solver<FundsPlan> solver = SolverFactory.<FundsPlan>create(config).buildSolver();
        solver.addEventListener(event -> {
            HardMediumSoftLongScore score = (HardMediumSoftLongScore) event.getNewBestScore();
            improved.accept(
                    new Progress(System.currentTimeMillis() - began, score.toString(), score.isFeasible()),
                    event.getNewBestSolution());
        });
        started.accept(solver::terminateEarly);
        return solver.solve(plan);
    }
}
