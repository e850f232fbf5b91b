package org.equiplan.funds;

import java.util.List;
import java.util.Map;
import org.equiplan.funds.expenditure.StandardExpenditure;
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
        BoundDetail boundDetail,
        double scoreScale,
        List<Allocation> allocations,
        Baseline baseline,
        Metrics metrics,
        List<ConstraintTotal> constraints,
        Expenditure expenditure,
        Rank rank,
        List<Year> years,
        Earmarked earmarked)
        implements Answer {

    /**
     * How {@code bound} (a proven lower bound on {@code objective}) was obtained: {@code method} names the relaxation
     * whose value stands, {@code notes} what it leaves out or how far it was taken.
     */
    public record BoundDetail(String method, List<String> notes) {}

    /**
     * Earmarked category budgets (null without them): each fund's budget, what was placed and how evenly, and each
     * region's share of each category. {@code objective} and {@code bound} are then over the shares.
     */
    public record Earmarked(List<Fund> funds, List<RegionShares> regions) {}

    /**
     * One earmarked category (in one year of a plan; {@code year} is empty without years).
     *
     * @param coverage population-weighted inequality of the category's coverage (R_c + T_c) / E_c after transfers
     * @param formulaCoverage the same under the formula's split of the category's budget
     */
    public record Fund(
            String year,
            String category,
            String name,
            double budget,
            double placed,
            Inequality.Indices coverage,
            Inequality.Indices formulaCoverage) {}

    /** One region's transfer by category (in one year of a plan); the shares add up to its allocation. */
    public record RegionShares(String region, String year, List<Share> shares) {}

    /**
     * @param coverage the category's coverage after transfers, (R_c + T_c) / E_c, where R_c is the region's own
     *     revenue apportioned to the category as its standard expenditure is
     */
    public record Share(String category, long units, double amount, double standardExpenditure, double coverage) {}

    /**
     * One year of a multi-year plan (null for a plan without years, whose top-level figures are its only year).
     *
     * @param objective the year's sum of (R + T)^2 / E
     * @param allocations the year's transfers; reasons name the year-on-year limit where it binds
     */
    public record Year(
            String label,
            double budget,
            double placed,
            double unallocated,
            double objective,
            Inequality.Indices coverage,
            Inequality.Indices perCapita,
            List<Allocation> allocations) {}

    /**
     * How standard expenditure was built from categories (null when the problem states it directly).
     *
     * @param categories per category, its total and what public evaluation added
     * @param byEvaluation what public evaluation added over all regions and categories
     * @param regionsRaised regions where evaluation raised some category
     * @param regions per region, each category's base (people x standards), coefficient, raise and amount
     */
    public record Expenditure(
            List<StandardExpenditure.CategoryTotal> categories,
            double byEvaluation,
            int regionsRaised,
            List<StandardExpenditure.Build> regions) {}

    /**
     * Rank preservation (null without the rule).
     *
     * @param shortfall units by which the answer falls out of the order (0: the order holds)
     * @param heldByRule regions whose floor or cap the rule moved
     * @param reversedWithoutRule regions that would fall out of the order under the same rules without it
     * @param reversedByFormula regions the formula's plan puts out of the order
     */
    public record Rank(
            String by,
            double tolerance,
            long shortfall,
            int heldByRule,
            int reversedWithoutRule,
            int reversedByFormula) {}

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
