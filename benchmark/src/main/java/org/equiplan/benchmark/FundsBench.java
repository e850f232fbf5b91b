package org.equiplan.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.equiplan.funds.FundsPlanBuilder;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsReport;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.importers.Counties;
import org.equiplan.funds.solver.FundsSolver;
import org.equiplan.funds.solver.ReferenceGreedy;
import org.equiplan.funds.solver.WaterFilling;
import org.equiplan.solve.SolveOptions;

/**
 * Transfers at county scale: Equiplan's exact water-filling against the textbook unit-by-unit greedy
 * (exact, slow), on the same plan in the same run: the objectives must agree, the times are compared.
 */
final class FundsBench {

    private FundsBench() {}

    static Row run(int counties, long seed, boolean caps, double unit) {
        FundsProblem problem = Counties.generate(counties, seed, caps, unit);
        FundsPlan plan = FundsPlanBuilder.build(problem);
        long t0 = System.nanoTime();
        long[] fast = WaterFilling.optimum(plan);
        double fastSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        long[] reference = ReferenceGreedy.allocate(plan);
        double referenceSeconds = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        FundsPlan solved =
                FundsSolver.solve(plan, new SolveOptions(60, null, null, seed), p -> {}, FundsSolver.Start.OPTIMUM);
        double solveSeconds = (System.nanoTime() - t2) / 1e9;
        double objective = FundsReport.objective(plan, solved.units());
        double referenceObjective = FundsReport.objective(plan, reference);
        Map<Double, Double> at = new LinkedHashMap<>();
        at.put(solveSeconds, objective);
        String note = String.format(
                java.util.Locale.ROOT,
                "water-filling %.3f s, unit-by-unit greedy %.3f s (%.0fx); full solve %.3f s; fast = reference: %s",
                fastSeconds,
                referenceSeconds,
                referenceSeconds / Math.max(fastSeconds, 1e-9),
                solveSeconds,
                FundsReport.objective(plan, fast) == referenceObjective
                        || Math.abs(FundsReport.objective(plan, fast) - referenceObjective)
                                <= 1e-9 * referenceObjective);
        return new Row(
                "funds",
                problem.name() + (caps ? "-caps" : ""),
                counties + " regions, " + plan.getRules().placeableUnits() + " units",
                referenceObjective,
                "unit-by-unit greedy (exact)",
                at,
                null,
                null,
                0,
                seed,
                null,
                null,
                null,
                note,
                false,
                null,
                null);
    }
}
