package org.equiplan.funds.solver;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.equiplan.funds.FormulaBaseline;
import org.equiplan.funds.domain.FundsPlan;
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
                .withEntityClasses(RegionAllocation.class)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                        .withConstraintProviderClass(FundsConstraints.class)
                        .withConstraintStreamImplType(ConstraintStreamImplType.BAVET));
    }

    /** A copy of the plan's current units on shared facts, for reports while the original changes. */
    public static FundsPlan snapshot(FundsPlan plan) {
        java.util.List<RegionAllocation> copies = new java.util.ArrayList<>();
        for (RegionAllocation r : plan.getAllocations()) {
            RegionAllocation c = new RegionAllocation(
                    r.getId(),
                    r.getName(),
                    r.getPopulation(),
                    r.getRevenue(),
                    r.getExpenditure(),
                    r.getGroup(),
                    r.getBounds(),
                    r.getLower(),
                    r.getUpper(),
                    r.getUnit(),
                    plan.getRules().scoreScale());
            c.setUnits(r.getUnits());
            copies.add(c);
        }
        FundsPlan copy = new FundsPlan(plan.getRules(), plan.getGroups(), copies);
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

    /** The local search over unit shifts, from a plan whose units are all set. */
    static SolverConfig config(SolveOptions options) {
        return scoringConfig()
                .withRandomSeed(options.seed())
                .withTerminationConfig(options.termination())
                .withPhases(new LocalSearchPhaseConfig()
                        .withMoveSelectorConfig(
                                new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(FundsMoveFactory.class))
                        // The objective is convex: every non-optimal plan has an improving shift, so plain
                        // hill climbing (late acceptance of 1) converges.
                        .withAcceptorConfig(new LocalSearchAcceptorConfig().withLateAcceptanceSize(1))
                        .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1)));
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
        long began = System.currentTimeMillis();
        long[] optimum = WaterFilling.optimum(plan);
        HardMediumSoftLongScore target = score(plan, optimum);
        plan.setUnits(start == Start.OPTIMUM ? optimum : FormulaBaseline.units(plan));
        HardMediumSoftLongScore initial = SCORING.update(plan);
        improved.accept(
                new Progress(System.currentTimeMillis() - began, initial.toString(), initial.isFeasible()),
                snapshot(plan));

        SolveOptions withTarget = new SolveOptions(
                options.seconds(),
                options.unimprovedSeconds(),
                options.bestScoreLimit() != null ? options.bestScoreLimit() : target.toString(),
                options.seed());
        Solver<FundsPlan> solver =
                SolverFactory.<FundsPlan>create(config(withTarget)).buildSolver();
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
