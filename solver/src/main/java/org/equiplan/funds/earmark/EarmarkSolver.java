package org.equiplan.funds.earmark;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.solver.FundsSolver;
import org.equiplan.funds.solver.PlanStart;
import org.equiplan.funds.solver.RankedPlanBound;
import org.equiplan.funds.solver.WaterFilling;
import org.equiplan.solve.Progress;
import org.equiplan.solve.SolveOptions;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.config.solver.SolverConfig;

/**
 * Solves an earmarked plan. Two starts, the better kept: the relaxation's transfers rounded (the regions' totals
 * as the relaxation wants them), and today's water-filled totals with the relaxation's split inside them (every
 * region-level rule held, group caps and the rank order too). Local search then shifts units of a category
 * between regions and exchanges categories between regions, until it stalls for a tenth of the limit.
 */
public final class EarmarkSolver {

    /** Cache key of the plan's relaxation (the bound the report shows). */
    private static final String RELAXATION = "earmark relaxation";

    private EarmarkSolver() {}

    /** The relaxation of this plan's problem, computed once per problem. */
    public static CategoryRelaxation.Result relaxation(FundsPlan plan) {
        return (CategoryRelaxation.Result)
                plan.problemCache().computeIfAbsent(RELAXATION, k -> CategoryRelaxation.of(plan));
    }

    /** Each year's totals split by that year's relaxation with the totals fixed. */
    static SplitRounding.Split split(FundsPlan plan, long[] totals) {
        plan.setUnits(totals);
        for (int y = 0; y < plan.getYears().size(); y++) {
            FundsPlan view = plan.year(y);
            long[] year = view.units();
            SplitRounding.Split split = SplitRounding.round(
                    view, CategoryRelaxation.of(view, year, year).transfers(), year);
            view.setUnits(split.totals());
            view.setShareUnits(split.shares());
        }
        return new SplitRounding.Split(plan.units(), plan.shareUnits());
    }

    /** The better of the two starts of a single-year plan, as totals and shares. */
    static SplitRounding.Split start(FundsPlan plan) {
        SplitRounding.Split relaxed = SplitRounding.round(plan, relaxation(plan).transfers(), null);
        long[] totals = FundsSolver.keepRank(plan, WaterFilling.optimum(plan));
        SplitRounding.Split levelled = SplitRounding.round(
                plan, CategoryRelaxation.of(plan, totals, totals).transfers(), totals);
        HardMediumSoftLongScore a = FundsSolver.score(plan, relaxed.totals(), relaxed.shares());
        HardMediumSoftLongScore b = FundsSolver.score(plan, levelled.totals(), levelled.shares());
        return a.compareTo(b) >= 0 ? relaxed : levelled;
    }

    /** The local search over shifts, exchanges and chains; late acceptance when rules couple regions. */
    public static SolverConfig config(SolveOptions options, boolean coupled) {
        return FundsSolver.config(options, coupled, CategoryMoveFactory.class);
    }

    public static FundsPlan solve(
            FundsPlan plan,
            SolveOptions options,
            Consumer<Runnable> started,
            BiConsumer<Progress, FundsPlan> improved,
            boolean fromFormula) {
        long began = System.currentTimeMillis();
        // The bound with the whole rank rule, started as soon as the first plan is out (multi-year plans).
        RankedPlanBound.Runner[] beside = {null};
        if (fromFormula) {
            long[] shares = EarmarkFormula.shares(plan);
            plan.setShareUnits(shares);
            plan.setUnits(EarmarkFormula.totals(plan, shares));
        } else if (plan.multiYear()) {
            // The mended myopic totals, split, are reported as soon as they exist; then the full start.
            long[] full = PlanStart.of(plan.totalsOnly(), early -> {
                split(plan, early);
                FundsSolver.report(plan, began, improved);
                beside[0] = FundsSolver.startBeside(plan, options, began);
            });
            long[] totals = plan.units();
            long[] shares = plan.shareUnits();
            HardMediumSoftLongScore early = FundsSolver.score(plan, totals, shares);
            SplitRounding.Split start = split(plan, full);
            if (FundsSolver.score(plan, start.totals(), start.shares()).compareTo(early) < 0) {
                plan.setUnits(totals);
                plan.setShareUnits(shares);
            }
        } else {
            SplitRounding.Split start = start(plan);
            plan.setUnits(start.totals());
            plan.setShareUnits(start.shares());
        }
        FundsSolver.report(plan, began, improved);
        boolean ranked =
                !plan.getAllocations().isEmpty() && plan.getAllocations().get(0).getRankOrder() != null;
        boolean capped =
                plan.getGroups().stream().anyMatch(org.equiplan.funds.domain.Group::hasCap) || plan.multiYear();
        SolveOptions withStall = new SolveOptions(
                options.seconds(), FundsSolver.stallSeconds(options), options.bestScoreLimit(), options.seed());
        // Beside the search, the whole rank rule's bound on the plan's totals.
        return FundsSolver.runWithRankBound(
                plan,
                plan,
                EarmarkSolver::split,
                config(withStall, ranked || capped),
                options,
                began,
                started,
                improved,
                beside[0]);
    }
}
