package org.equiplan.funds;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Map;

/**
 * A transfer-payment problem as users write it (JSON, {@code "kind": "funds"}); see docs/funds.md.
 * Amounts are in yuan (or any one currency unit); every transfer is a whole number of {@code unit}s.
 *
 * @param categories spending categories with per-capita standards: when given, each region's standard
 *     expenditure is built from them (population by group x standard x cost coefficients) instead of stated
 * @param formula settings of today's formula, reported beside the optimum
 */
public record FundsProblem(
        String kind,
        String name,
        String description,
        String source,
        Double budget,
        Double unit,
        List<RegionSpec> regions,
        RulesSpec rules,
        List<CategorySpec> categories,
        FormulaSpec formula,
        List<YearSpec> years) {

    public static final String KIND = "funds";

    /** The problem without years, as before multi-year plans. */
    public FundsProblem(
            String kind,
            String name,
            String description,
            String source,
            Double budget,
            Double unit,
            List<RegionSpec> regions,
            RulesSpec rules,
            List<CategorySpec> categories,
            FormulaSpec formula) {
        this(kind, name, description, source, budget, unit, regions, rules, categories, formula, null);
    }

    /** True for a plan over several years. */
    public boolean multiYear() {
        return years != null && !years.isEmpty();
    }

    @JsonCreator
    public FundsProblem {}

    /** A problem that states every region's standard expenditure directly. */
    public FundsProblem(
            String kind,
            String name,
            String description,
            String source,
            Double budget,
            Double unit,
            List<RegionSpec> regions,
            RulesSpec rules) {
        this(kind, name, description, source, budget, unit, regions, rules, null, null, null);
    }

    /** The same problem with other regions (e.g. with standard expenditure filled in from the categories). */
    public FundsProblem withRegions(List<RegionSpec> newRegions) {
        return new FundsProblem(
                kind, name, description, source, budget, unit, newRegions, rules, categories, formula, years);
    }

    /**
     * One region. Coverage is (standardRevenue + transfer) / standardExpenditure.
     *
     * @param group e.g. the prefecture a county belongs to; used by group caps and the Theil split
     * @param populationByGroup people per population group named in the categories' standards (the group
     *     {@code residents} is {@code population} itself)
     * @param costCoefficients cost-difference coefficients (e.g. {@code heating: 1.12}), multiplied into the
     *     standard expenditure of every category that names them
     * @param satisfaction survey scores per category, 0 to 1 (share satisfied), for {@code rules.evaluation}
     * @param basicNeed the county's basic financial security level: its resources reach it first (stage one)
     * @param revenueGrowth in a multi-year plan, this region's own yearly growth of standard revenue from the
     *     second year on, in place of the year's common rate (regional economies grow at different speeds)
     */
    public record RegionSpec(
            String id,
            String name,
            Double population,
            Double standardRevenue,
            Double standardExpenditure,
            Double previousTransfer,
            Double minTransfer,
            Double maxTransfer,
            String group,
            Map<String, Double> populationByGroup,
            Map<String, Double> costCoefficients,
            Map<String, Double> satisfaction,
            Double basicNeed,
            Double revenueGrowth) {

        @JsonCreator
        public RegionSpec {}

        public RegionSpec(
                String id,
                String name,
                Double population,
                Double standardRevenue,
                Double standardExpenditure,
                Double previousTransfer,
                Double minTransfer,
                Double maxTransfer,
                String group,
                Map<String, Double> populationByGroup,
                Map<String, Double> costCoefficients,
                Map<String, Double> satisfaction,
                Double basicNeed) {
            this(
                    id,
                    name,
                    population,
                    standardRevenue,
                    standardExpenditure,
                    previousTransfer,
                    minTransfer,
                    maxTransfer,
                    group,
                    populationByGroup,
                    costCoefficients,
                    satisfaction,
                    basicNeed,
                    null);
        }

        public RegionSpec(
                String id,
                String name,
                Double population,
                Double standardRevenue,
                Double standardExpenditure,
                Double previousTransfer,
                Double minTransfer,
                Double maxTransfer,
                String group) {
            this(
                    id,
                    name,
                    population,
                    standardRevenue,
                    standardExpenditure,
                    previousTransfer,
                    minTransfer,
                    maxTransfer,
                    group,
                    null,
                    null,
                    null,
                    null);
        }

        public RegionSpec withStandardExpenditure(double expenditure) {
            return new RegionSpec(
                    id,
                    name,
                    population,
                    standardRevenue,
                    expenditure,
                    previousTransfer,
                    minTransfer,
                    maxTransfer,
                    group,
                    populationByGroup,
                    costCoefficients,
                    satisfaction,
                    basicNeed,
                    revenueGrowth);
        }
    }

    /**
     * Allocation rules; each is optional.
     *
     * @param holdHarmless h: no region gets less than h x its previous transfer
     * @param maxGrowth g: no region gets more than (1 + g) x its previous transfer
     * @param guaranteedCoverage c: every region reaches coverage >= c
     * @param groupCaps group id to the most its regions may receive together
     * @param eligibility only regions with standardExpenditure > standardRevenue receive anything
     * @param rankPreservation transfers may narrow gaps but not reverse the order of regions
     * @param evaluation how public-evaluation scores raise the standard expenditure of poorly rated services
     */
    public record RulesSpec(
            Double holdHarmless,
            Double maxGrowth,
            Double guaranteedCoverage,
            Map<String, Double> groupCaps,
            Boolean eligibility,
            RankPreservation rankPreservation,
            EvaluationSpec evaluation,
            YearOnYear yearOnYear) {

        @JsonCreator
        public RulesSpec {}

        public RulesSpec(
                Double holdHarmless,
                Double maxGrowth,
                Double guaranteedCoverage,
                Map<String, Double> groupCaps,
                Boolean eligibility,
                RankPreservation rankPreservation,
                EvaluationSpec evaluation) {
            this(
                    holdHarmless,
                    maxGrowth,
                    guaranteedCoverage,
                    groupCaps,
                    eligibility,
                    rankPreservation,
                    evaluation,
                    null);
        }

        public RulesSpec(
                Double holdHarmless,
                Double maxGrowth,
                Double guaranteedCoverage,
                Map<String, Double> groupCaps,
                Boolean eligibility) {
            this(holdHarmless, maxGrowth, guaranteedCoverage, groupCaps, eligibility, null, null, null);
        }
    }

    /**
     * The order of regions before transfers must survive them: a region that starts below another may
     * end level with it or above it only by {@code tolerance} (plus one allocation unit of each, the
     * granularity of whole units). Written {@code true} for the defaults or as an object.
     *
     * @param by {@code coverage} (R / E before, (R + T) / E after; the default) or {@code perCapita}
     *     (R / population before, (R + T) / population after)
     * @param tolerance how far, in the measure's own terms, a later region may fall below an earlier one (default 0)
     */
    public record RankPreservation(String by, Double tolerance) {

        public static final String COVERAGE = "coverage";
        public static final String PER_CAPITA = "perCapita";

        @JsonCreator
        public RankPreservation {}

        /** {@code true} switches the rule on with its defaults; {@code false} leaves it off. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static RankPreservation of(boolean on) {
            return new RankPreservation(on ? COVERAGE : OFF, null);
        }

        static final String OFF = "off";

        public boolean on() {
            return !OFF.equals(by);
        }

        public boolean perCapita() {
            return PER_CAPITA.equals(by);
        }

        public double toleranceOrZero() {
            return tolerance == null ? 0 : tolerance;
        }
    }

    /**
     * One year of a multi-year plan. Standard revenue and expenditure (and basic needs) of every region grow by
     * the year's rates over the year before; the first year's rates apply to the figures as given (0 when absent).
     *
     * @param budget the year's transfer budget
     * @param categoryBudgets the year's earmarked budget per category id (adding up to {@code budget}), or null
     */
    public record YearSpec(
            String label,
            Double budget,
            Double revenueGrowth,
            Double expenditureGrowth,
            Map<String, Double> categoryBudgets) {

        @JsonCreator
        public YearSpec {}

        public YearSpec(String label, Double budget, Double revenueGrowth, Double expenditureGrowth) {
            this(label, budget, revenueGrowth, expenditureGrowth, null);
        }
    }

    /**
     * Limits between consecutive years of a multi-year plan, per region: a transfer may grow by at most
     * {@code maxGrowth} and fall by at most {@code maxDecline} (shares of the year before), so that a reform is
     * phased in. The first year is held to {@code previousTransfer} by holdHarmless and maxGrowth as before.
     */
    public record YearOnYear(Double maxGrowth, Double maxDecline) {}

    /**
     * Public evaluation: a category rated below {@code target} in a region has its standard expenditure
     * there raised by {@code weight} x (target - score), at most {@code maxRaise} (a share, e.g. 0.1).
     */
    public record EvaluationSpec(Double target, Double weight, Double maxRaise) {

        public double raise(double score) {
            double w = weight == null ? 1 : weight;
            double most = maxRaise == null ? 0.1 : maxRaise;
            return Math.min(most, Math.max(0, w * (target - score)));
        }
    }

    /**
     * A spending category with its per-capita standards.
     *
     * @param standards population group to yuan per person a year ({@code residents}: everyone)
     * @param coefficients names of the regions' cost coefficients that apply; null: all of them
     * @param budget an earmarked budget for this category (专项): when the categories carry budgets, each is split
     *     over the regions on its own, and the region-level rules hold on each region's sum over categories
     */
    public record CategorySpec(
            String id, String name, Map<String, Double> standards, List<String> coefficients, Double budget) {

        public static final String RESIDENTS = "residents";

        @JsonCreator
        public CategorySpec {}

        /** A category without an earmarked budget. */
        public CategorySpec(String id, String name, Map<String, Double> standards, List<String> coefficients) {
            this(id, name, standards, coefficients, null);
        }
    }

    /**
     * True when the categories carry earmarked budgets, or a plan's years do (any one of them: the validator asks
     * for all).
     */
    public boolean earmarked() {
        return (categories != null && categories.stream().anyMatch(c -> c != null && c.budget() != null))
                || (years != null && years.stream().anyMatch(y -> y != null && y.categoryBudgets() != null));
    }

    /** Year y's earmarked budget of category k (a plan's from its years, else the category's own). */
    public double categoryBudget(int year, int k) {
        String id = categories.get(k).id();
        return multiYear()
                ? years.get(year).categoryBudgets().get(id)
                : categories.get(k).budget();
    }

    /**
     * Today's formula: T = (E - R) x k x difficulty, where difficulty = max(0, 1 + {@code difficulty} x z) and
     * z is how many (population-weighted) standard deviations a region's coverage before transfers lies below
     * the mean; 0 or absent leaves the plain formula.
     */
    public record FormulaSpec(Double difficulty) {}
}
