package org.equiplan.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
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

    /**
     * The funds suite's rows, each handed to {@code report} as soon as it is measured: 2,800 counties (300 in the
     * smoke run) with separable rules, categories, three-year plans and earmarked categories, at {@code limit} seconds.
     */
    static List<Row> suite(boolean smoke, double limit, UnaryOperator<Row> report) {
        List<Row> rows = new ArrayList<>();
        if (smoke) {
            rows.add(report.apply(run(300, 1, true, 1e6)));
            rows.add(report.apply(runWithCategories(300, 1, 1e6, 3)));
            rows.add(report.apply(runPlan(300, 1, 1e6, null, 3)));
            rows.add(report.apply(runEarmarked(300, 1, 1e6, 0.9, null, 3)));
            rows.add(report.apply(runPlanEarmarked(300, 1, 1e6, null, 3)));
        } else {
            for (long s = 1; s <= 3; s++) {
                rows.add(report.apply(run(2800, s, true, 1e6)));
            }
            rows.add(report.apply(run(2800, 1, false, 1e6)));
            for (long s = 1; s <= 3; s++) {
                rows.add(report.apply(runWithCategories(2800, s, 1e6, limit)));
            }
            for (long s = 1; s <= 3; s++) {
                rows.add(report.apply(runPlan(2800, s, 1e6, null, limit)));
            }
            // The rank rule's plans at the generator's unit (万元), then at 1e6: the continuous bound does not see
            // whole units, and with limits and the rank rule holding regions at once their cost is most of the gap
            // at 1e6 (benchmark/results/issue14-integer-paths-2026-11-30).
            rows.add(report.apply(runPlan(2800, 1, Counties.DEFAULT_UNIT, 0.05, limit)));
            rows.add(report.apply(runPlan(2800, 1, 1e6, 0.05, limit)));
            for (long s = 1; s <= 3; s++) {
                rows.add(report.apply(runEarmarked(2800, s, 1e6, 0.9, null, limit)));
                rows.add(report.apply(runEarmarked(2800, s, 1e6, null, 0.0, limit)));
            }
            for (long s = 1; s <= 3; s++) {
                rows.add(report.apply(runPlanEarmarked(2800, s, 1e6, null, limit)));
            }
            rows.add(report.apply(runPlanEarmarked(2800, 1, Counties.DEFAULT_UNIT, 0.05, limit)));
            rows.add(report.apply(runPlanEarmarked(2800, 1, 1e6, 0.05, limit)));
        }
        return rows;
    }

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

    /**
     * The county problem with every richer rule (standard expenditure from categories, public evaluation,
     * basic-need floors, rank preservation, growth and prefecture caps): the answer's gap to its own
     * certified bound at the limit, when the first feasible plan came, whether every rule holds, and memory.
     */
    static Row runWithCategories(int counties, long seed, double unit, double seconds) {
        return runRich(Counties.generateWithCategories(counties, seed, unit), seconds, seed);
    }

    /** The same counties as a three-year plan with year-on-year limits (and rank preservation at a tolerance). */
    static Row runPlan(int counties, long seed, double unit, Double rankTolerance, double seconds) {
        return runRich(Counties.generatePlan(counties, seed, unit, rankTolerance), seconds, seed);
    }

    /** The counties with the budget earmarked by category, hold-harmless on each county's sum or rank order. */
    static Row runEarmarked(
            int counties, long seed, double unit, Double holdHarmless, Double rankTolerance, double seconds) {
        return runRich(Counties.generateEarmarked(counties, seed, unit, holdHarmless, rankTolerance), seconds, seed);
    }

    /** The three-year plan with each year's budget earmarked by category (rank preservation at a tolerance). */
    static Row runPlanEarmarked(int counties, long seed, double unit, Double rankTolerance, double seconds) {
        return runRich(Counties.generatePlanEarmarked(counties, seed, unit, rankTolerance), seconds, seed);
    }

    private static Row runRich(FundsProblem problem, double seconds, long seed) {
        int counties = problem.regions().size();
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        double[] firstFeasible = {Double.NaN};
        long t0 = System.nanoTime();
        org.equiplan.funds.FundsAnswer answer = new org.equiplan.funds.FundsModel()
                .solve(
                        problem,
                        new SolveOptions(seconds, null, null, seed),
                        org.equiplan.solve.SolveListener.ofProgress(p -> {
                            if (p.feasible() && Double.isNaN(firstFeasible[0])) {
                                firstFeasible[0] = (System.nanoTime() - t0) / 1e9;
                            }
                        }),
                        null);
        double took = (System.nanoTime() - t0) / 1e9;
        long heapAfter = memory.getHeapMemoryUsage().getUsed();
        Map<Double, Double> at = new LinkedHashMap<>();
        at.put(seconds, answer.objective());
        String rank = answer.rank() == null
                ? "no rank rule"
                : String.format(
                        java.util.Locale.ROOT,
                        "units out of order %d (%d regions held by the rank rule, %d would be out of order without it,"
                                + " %d in the formula's plan)",
                        answer.rank().shortfall(),
                        answer.rank().heldByRule(),
                        answer.rank().reversedWithoutRule(),
                        answer.rank().reversedByFormula());
        String note = String.format(
                java.util.Locale.ROOT,
                "score %s, feasible %s; %s%s; gapToBound %.2e; first feasible plan at %s s; stopped at %.1f s; "
                        + "unallocated %.0f of %.0f; "
                        + "evaluation added %.0f in %d regions; heap after solve %d MB (%d MB before)",
                answer.score(),
                answer.feasible(),
                rank,
                answer.years() == null ? "" : "; " + answer.years().size() + " years",
                answer.gapToBound(),
                Double.isNaN(firstFeasible[0])
                        ? "none"
                        : String.format(java.util.Locale.ROOT, "%.2f", firstFeasible[0]),
                took,
                answer.unallocated(),
                answer.budget(),
                answer.expenditure().byEvaluation(),
                answer.expenditure().regionsRaised(),
                heapAfter >> 20,
                heapBefore >> 20);
        return new Row(
                "funds",
                problem.name(),
                counties + " regions, 6 categories"
                        + (answer.earmarked() == null ? "" : " with earmarked budgets")
                        + (answer.rank() == null ? "" : ", rank preservation")
                        + (answer.years() == null ? "" : ", " + answer.years().size() + " years")
                        + ", unit " + FacilityNumbers.plain(answer.unit()),
                answer.bound(),
                // The answer says which relaxation its bound comes from.
                "certified bound: " + answer.boundDetail().method(),
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
                answer.bound(),
                Double.isNaN(firstFeasible[0]) ? null : firstFeasible[0]);
    }
}
