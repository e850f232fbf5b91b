package org.equiplan.funds;

import java.util.List;
import java.util.Map;
import org.equiplan.metrics.Inequality;
import org.equiplan.solve.Answer;
import org.equiplan.solve.ConstraintTotal;

/** The answer to a transfer problem as written to JSON; see docs/funds.md. */
public record FundsAnswer(
        String kind,
        String name,
        String score,
        boolean feasible,
        double unit,
        double budget,
        double placed,
        double unallocated,
        double objective,
        double bound,
        double gapToBound,
        double scoreScale,
        List<Allocation> allocations,
        Baseline baseline,
        Metrics metrics,
        List<ConstraintTotal> constraints)
        implements Answer {

    /**
     * One region's transfer and what it brings.
     *
     * @param units  the amount in allocation units ({@code amount = units x unit}), so that an answer read back
     *               gives the plan exactly
     * @param reason why the region gets this amount: the rule at which it stops, or the common level
     */
    public record Allocation(
            String region,
            String name,
            String group,
            double population,
            long units,
            double amount,
            double coverage,
            double perCapita,
            double coverageBefore,
            double perCapitaBefore,
            double floor,
            double cap,
            String reason) {}

    /** The formula's plan under the same rules, and how far it is from the optimum. */
    public record Baseline(
            String score, double objective, double gapToOptimum, double unallocated, List<Allocation> allocations) {}

    public record Metrics(Distribution before, Distribution formula, Distribution optimised, Effects equalization) {}

    /** Population-weighted inequality of coverage and of per-capita resources, with the Theil split by group. */
    public record Distribution(
            Inequality.Indices coverage,
            Inequality.Indices perCapita,
            Inequality.TheilSplit coverageByGroup,
            Inequality.TheilSplit perCapitaByGroup) {}

    /** Per index, (before - after) / before: the share of inequality that transfers remove. */
    public record Effects(
            Map<String, Double> formulaCoverage,
            Map<String, Double> formulaPerCapita,
            Map<String, Double> optimisedCoverage,
            Map<String, Double> optimisedPerCapita) {}
}
