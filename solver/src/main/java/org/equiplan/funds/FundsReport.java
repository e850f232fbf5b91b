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
import org.equiplan.funds.domain.RegionAllocation;
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
        long[] formula = FormulaBaseline.units(plan);
        double unit = plan.getRules().unit();
        long placedUnits = sum(optimised);
        double objective = objective(plan, optimised);
        double bound = WaterFilling.continuousBound(plan, placedUnits);
        double gap = bound > 0 ? Math.max(0, (objective - bound) / bound) : 0;

        double formulaObjective = objective(plan, formula);
        HardMediumSoftLongScore formulaScore = FundsSolver.score(plan, formula);
        Baseline baseline = new Baseline(
                formulaScore.toString(),
                formulaObjective,
                objective > 0 ? (formulaObjective - objective) / objective : 0,
                (plan.getRules().budgetUnits() - sum(formula)) * unit,
                allocations(plan, formula, false));

        long[] none = new long[optimised.length];
        Distribution before = distribution(plan, none);
        Distribution afterFormula = distribution(plan, formula);
        Distribution afterOptimum = distribution(plan, optimised);
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
                problem.budget(),
                placedUnits * unit,
                (plan.getRules().budgetUnits() - placedUnits) * unit,
                objective,
                bound,
                gap,
                plan.getRules().scoreScale(),
                allocations(plan, optimised, true),
                baseline,
                new Metrics(before, afterFormula, afterOptimum, effects),
                ConstraintTotal.of(explanation));
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

    private static List<Allocation> allocations(FundsPlan plan, long[] units, boolean explain) {
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
            String reason = explain ? reason(plan, r, units[i], groupTotals) : "formula";
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
        if (units == r.getLower() && r.getLower() > 0) {
            return "at its floor set by " + r.getBounds().lowerRule() + " (the common coverage level lies below it)";
        }
        if (units == r.getUpper() && r.getUpper() < budget) {
            return "at its cap set by " + r.getBounds().upperRule(budget);
        }
        Group g = r.getGroup();
        if (g != null && g.hasCap() && groupTotals.getOrDefault(g, 0L) == g.capUnits()) {
            return "its group " + g.id() + " is at its cap: coverage levelled within the group";
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
