package org.equiplan.funds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.equiplan.funds.FundsAnswer.Allocation;
import org.equiplan.funds.FundsAnswer.Baseline;
import org.equiplan.funds.FundsAnswer.Distribution;
import org.equiplan.funds.FundsAnswer.Effects;
import org.equiplan.funds.FundsAnswer.Metrics;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.Group;
import org.equiplan.funds.domain.RankOrder;
import org.equiplan.funds.domain.RegionAllocation;
import org.equiplan.funds.earmark.EarmarkFormula;
import org.equiplan.funds.earmark.Earmarks;
import org.equiplan.funds.expenditure.StandardExpenditure;
import org.equiplan.funds.solver.FundsSolver;
import org.equiplan.funds.solver.WaterFilling;
import org.equiplan.metrics.Inequality;
import org.equiplan.metrics.Inequality.Indices;
import org.equiplan.solve.ConstraintTotal;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/** Turns a solved plan into the JSON answer: amounts, reasons, the formula beside it, fairness figures. */
public final class FundsReport {

    private FundsReport() {}

    /** Reports on a copy: the plan may be a best-solution snapshot that another thread reports too. */
    public static FundsAnswer of(FundsProblem problem, FundsPlan solved) {
        FundsPlan plan = FundsSolver.snapshot(solved);
        var explanation = FundsSolver.SCORING.explain(plan);
        HardMediumSoftLongScore score = explanation.getScore();
        long[] optimised = plan.units();
        long[] optimisedShares = plan.shareUnits();
        long[] formulaShares = plan.earmarked() ? EarmarkFormula.shares(plan) : null;
        long[] formula =
                plan.earmarked() ? EarmarkFormula.totals(plan, formulaShares) : FormulaBaseline.unitsByYear(plan);
        double unit = plan.getRules().unit();
        long budgetUnits = 0;
        for (var year : plan.getYears()) {
            budgetUnits += year.rules().budgetUnits();
        }
        long placedUnits = sum(optimised);
        double objective = plan.earmarked() ? Earmarks.objective(plan, optimisedShares) : objective(plan, optimised);
        long[] placedPerYear = plan.multiYear() ? perYear(plan, optimised) : null;
        ReportedBound certified = ReportedBound.of(plan, placedUnits, placedPerYear);
        double bound = certified.value();
        double gap = bound > 0 ? Math.max(0, (objective - bound) / bound) : 0;

        // Allocations, the formula's and the fairness figures are the first year's; each year's are in years.
        FundsPlan first = plan.year(0);
        int n = first.getAllocations().size();
        long[] optimisedFirst = java.util.Arrays.copyOf(optimised, n);
        long[] formulaFirst = java.util.Arrays.copyOf(formula, n);
        double formulaObjective = plan.earmarked() ? Earmarks.objective(plan, formulaShares) : objective(plan, formula);
        HardMediumSoftLongScore formulaScore =
                plan.earmarked() ? FundsSolver.score(plan, formula, formulaShares) : FundsSolver.score(plan, formula);
        Baseline baseline = new Baseline(
                formulaScore.toString(),
                formulaObjective,
                objective > 0 ? (formulaObjective - objective) / objective : 0,
                (budgetUnits - sum(formula)) * unit,
                allocations(first, formulaFirst, false, null));

        long[] none = new long[n];
        Distribution before = distribution(first, none);
        Distribution afterFormula = distribution(first, formulaFirst);
        Distribution afterOptimum = distribution(first, optimisedFirst);
        Effects effects = new Effects(
                effect(before.coverage(), afterFormula.coverage()),
                effect(before.perCapita(), afterFormula.perCapita()),
                effect(before.coverage(), afterOptimum.coverage()),
                effect(before.perCapita(), afterOptimum.perCapita()));
        return new FundsAnswer(
                FundsProblem.KIND,
                problem.name(),
                score.toString(),
                score.isFeasible(),
                unit,
                budgetUnits * unit,
                placedUnits * unit,
                (budgetUnits - placedUnits) * unit,
                objective,
                bound,
                gap,
                certified.detail(),
                plan.getRules().scoreScale(),
                allocations(first, optimisedFirst, true, null),
                baseline,
                new Metrics(before, afterFormula, afterOptimum, effects),
                ConstraintTotal.of(explanation),
                expenditure(problem),
                rank(problem, first, optimisedFirst, formulaFirst),
                plan.multiYear() ? years(plan, optimised) : null,
                plan.earmarked() ? earmarked(plan, optimisedShares, formulaShares) : null);
    }

    /** Per earmarked fund its budget, placement and evenness; per region its shares. */
    private static FundsAnswer.Earmarked earmarked(FundsPlan plan, long[] shares, long[] formula) {
        double unit = plan.getRules().unit();
        List<FundsAnswer.Fund> funds = new ArrayList<>();
        for (var fund : plan.getFunds()) {
            List<Double> coverage = new ArrayList<>();
            List<Double> formulaCoverage = new ArrayList<>();
            List<Double> population = new ArrayList<>();
            long placed = 0;
            for (int s = 0; s < shares.length; s++) {
                var share = plan.getShares().get(s);
                if (share.getFund() == fund) {
                    placed += shares[s];
                    coverage.add((share.getRevenue() + shares[s] * unit) / share.getExpenditure());
                    formulaCoverage.add((share.getRevenue() + formula[s] * unit) / share.getExpenditure());
                    population.add(share.getRegion().getPopulation());
                }
            }
            double[] weights =
                    population.stream().mapToDouble(Double::doubleValue).toArray();
            funds.add(new FundsAnswer.Fund(
                    plan.getYears().get(fund.year()).label(),
                    fund.id(),
                    fund.name(),
                    fund.units() * unit,
                    placed * unit,
                    Inequality.of(
                            coverage.stream().mapToDouble(Double::doubleValue).toArray(), weights),
                    Inequality.of(
                            formulaCoverage.stream()
                                    .mapToDouble(Double::doubleValue)
                                    .toArray(),
                            weights)));
        }
        Map<RegionAllocation, List<FundsAnswer.Share>> byRegion = new LinkedHashMap<>();
        for (RegionAllocation r : plan.getAllocations()) {
            byRegion.put(r, new ArrayList<>());
        }
        for (int s = 0; s < shares.length; s++) {
            var share = plan.getShares().get(s);
            byRegion.get(share.getRegion())
                    .add(new FundsAnswer.Share(
                            share.getFund().id(),
                            shares[s],
                            shares[s] * unit,
                            share.getExpenditure(),
                            (share.getRevenue() + shares[s] * unit) / share.getExpenditure()));
        }
        List<FundsAnswer.RegionShares> regions = new ArrayList<>();
        byRegion.forEach((r, list) -> regions.add(new FundsAnswer.RegionShares(
                r.getId(), plan.getYears().get(r.getYear()).label(), list)));
        return new FundsAnswer.Earmarked(funds, regions);
    }

    /** Units placed in each year. */
    static long[] perYear(FundsPlan plan, long[] units) {
        long[] out = new long[plan.getYears().size()];
        for (int i = 0; i < units.length; i++) {
            out[plan.getAllocations().get(i).getYear()] += units[i];
        }
        return out;
    }

    /** Each year of a multi-year plan: its totals, coverage figures and allocations, with last year's as reasons. */
    private static List<FundsAnswer.Year> years(FundsPlan plan, long[] units) {
        List<FundsAnswer.Year> out = new ArrayList<>();
        long[] previous = null;
        int at = 0;
        for (var fact : plan.getYears()) {
            FundsPlan view = plan.year(fact.index());
            int n = view.getAllocations().size();
            long[] year = java.util.Arrays.copyOfRange(units, at, at + n);
            at += n;
            double unit = fact.rules().unit();
            Distribution after = distribution(view, year);
            out.add(new FundsAnswer.Year(
                    fact.label(),
                    fact.rules().budgetUnits() * unit,
                    sum(year) * unit,
                    (fact.rules().budgetUnits() - sum(year)) * unit,
                    view.earmarked() ? Earmarks.objective(view, view.shareUnits()) : objective(view, year),
                    after.coverage(),
                    after.perCapita(),
                    allocations(view, year, true, previous)));
            previous = year;
        }
        return out;
    }

    private static FundsAnswer.Expenditure expenditure(FundsProblem problem) {
        if (!StandardExpenditure.applies(problem)) {
            return null;
        }
        var builds = StandardExpenditure.of(problem);
        double byEvaluation = 0;
        int raised = 0;
        for (var b : builds) {
            byEvaluation += b.byEvaluation();
            raised += b.byEvaluation() > 0 ? 1 : 0;
        }
        return new FundsAnswer.Expenditure(
                StandardExpenditure.byCategory(builds, problem.categories()), byEvaluation, raised, builds);
    }

    private static FundsAnswer.Rank rank(FundsProblem problem, FundsPlan plan, long[] optimised, long[] formula) {
        List<RegionAllocation> regions = plan.getAllocations();
        if (regions.isEmpty() || regions.get(0).getRankOrder() == null) {
            return null;
        }
        RankOrder order = regions.get(0).getRankOrder();
        int held = 0;
        long[] ruleLower = new long[regions.size()];
        long[] ruleUpper = new long[regions.size()];
        for (int i = 0; i < ruleLower.length; i++) {
            RegionAllocation r = regions.get(i);
            held += r.getLower() != r.getRuleLower() || r.getUpper() != r.getRuleUpper() ? 1 : 0;
            ruleLower[i] = r.getRuleLower();
            ruleUpper[i] = r.getRuleUpper();
        }
        long[] withoutRule = WaterFilling.optimum(plan, ruleLower, ruleUpper);
        return new FundsAnswer.Rank(
                order.perCapita() ? FundsProblem.RankPreservation.PER_CAPITA : FundsProblem.RankPreservation.COVERAGE,
                order.tolerance(),
                order.shortfall(optimised),
                held,
                countShort(order.shortfalls(withoutRule)),
                countShort(order.shortfalls(formula)));
    }

    private static int countShort(long[] shortfalls) {
        int n = 0;
        for (long s : shortfalls) {
            n += s > 0 ? 1 : 0;
        }
        return n;
    }

    /** Sum of (R + T)^2 / E in currency. */
    public static double objective(FundsPlan plan, long[] units) {
        double total = 0;
        for (int i = 0; i < units.length; i++) {
            RegionAllocation r = plan.getAllocations().get(i);
            total += r.objectiveTermAt(units[i] * r.getUnit());
        }
        return total;
    }

    private static List<Allocation> allocations(FundsPlan plan, long[] units, boolean explain, long[] lastYear) {
        Map<Group, Long> groupTotals = new LinkedHashMap<>();
        for (int i = 0; i < units.length; i++) {
            Group g = plan.getAllocations().get(i).getGroup();
            if (g != null) {
                groupTotals.merge(g, units[i], Long::sum);
            }
        }
        List<Allocation> out = new ArrayList<>();
        for (int i = 0; i < units.length; i++) {
            RegionAllocation r = plan.getAllocations().get(i);
            double amount = units[i] * r.getUnit();
            double resources = r.getRevenue() + amount;
            String reason = !explain
                    ? "formula"
                    : lastYear != null
                                    && r.getCoupling() != null
                                    && units[i] == r.getCoupling().most(lastYear[i])
                            ? "at the year-on-year growth limit over the year before"
                            : lastYear != null
                                            && r.getCoupling() != null
                                            && units[i] == r.getCoupling().least(lastYear[i])
                                            && units[i] > r.getLower()
                                    ? "at the year-on-year decline limit from the year before"
                                    : reason(plan, r, units[i], groupTotals);
            out.add(new Allocation(
                    r.getId(),
                    r.getName(),
                    r.getGroup() == null ? null : r.getGroup().id(),
                    r.getPopulation(),
                    units[i],
                    amount,
                    resources / r.getExpenditure(),
                    resources / r.getPopulation(),
                    r.getRevenue() / r.getExpenditure(),
                    r.getRevenue() / r.getPopulation(),
                    r.getLower() * r.getUnit(),
                    r.getUpper() * r.getUnit(),
                    reason));
        }
        return out;
    }

    /** Why the optimum gives this region what it gives: the binding rule, or the common level. */
    static String reason(FundsPlan plan, RegionAllocation r, long units, Map<Group, Long> groupTotals) {
        long budget = plan.getRules().budgetUnits();
        if (!r.getBounds().eligible()) {
            return "not eligible (standard revenue covers standard expenditure)";
        }
        if (units == r.getLower() && r.getLower() > r.getRuleLower()) {
            return "at the floor rank preservation sets: level with a region below it before transfers";
        }
        if (units == r.getLower() && r.getLower() > 0) {
            return "at its floor set by " + Bounds.ruleName(r.getBounds().lowerRule())
                    + " (the common coverage level lies below it)";
        }
        if (units == r.getUpper() && r.getUpper() < r.getRuleUpper()) {
            return "at the cap rank preservation sets: not past a region above it before transfers";
        }
        if (units == r.getUpper() && r.getUpper() < budget) {
            return "at its cap set by " + Bounds.ruleName(r.getBounds().upperRule(budget));
        }
        Group g = r.getGroup();
        if (g != null && g.hasCap() && groupTotals.getOrDefault(g, 0L) == g.capUnits()) {
            return "its group " + g.id() + " is at its cap: coverage levelled within the group";
        }
        if (r.isSplit()) {
            return "levelled within each earmarked category (see earmarked: each category has its own level)";
        }
        if (units == 0) {
            return "coverage already above the common level";
        }
        return "lifted to the common coverage level";
    }

    private static Distribution distribution(FundsPlan plan, long[] units) {
        int n = units.length;
        double[] coverage = new double[n];
        double[] perCapita = new double[n];
        double[] population = new double[n];
        String[] groups = new String[n];
        for (int i = 0; i < n; i++) {
            RegionAllocation r = plan.getAllocations().get(i);
            double resources = r.getRevenue() + units[i] * r.getUnit();
            coverage[i] = resources / r.getExpenditure();
            perCapita[i] = resources / r.getPopulation();
            population[i] = r.getPopulation();
            groups[i] = r.getGroup() == null ? null : r.getGroup().id();
        }
        return new Distribution(
                Inequality.of(coverage, population),
                Inequality.of(perCapita, population),
                Inequality.theilSplit(coverage, population, groups),
                Inequality.theilSplit(perCapita, population, groups));
    }

    private static Map<String, Double> effect(Indices before, Indices after) {
        Map<String, Function<Indices, Double>> indices = new LinkedHashMap<>();
        indices.put("gini", Indices::gini);
        indices.put("theilT", Indices::theilT);
        indices.put("theilL", Indices::theilL);
        indices.put("cv", Indices::cv);
        indices.put("atkinson", Indices::atkinson);
        indices.put("maxMinRatio", Indices::maxMinRatio);
        Map<String, Double> out = new LinkedHashMap<>();
        indices.forEach((name, index) -> {
            Double b = index.apply(before);
            Double a = index.apply(after);
            out.put(name, b == null || a == null || b == 0 ? null : (b - a) / b);
        });
        return out;
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
