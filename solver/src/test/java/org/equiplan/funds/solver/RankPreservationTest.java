package org.equiplan.funds.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.equiplan.funds.FundsAnswer;
import org.equiplan.funds.FundsModel;
import org.equiplan.funds.FundsPlanBuilder;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.RankPreservation;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.FundsProblem.RulesSpec;
import org.equiplan.funds.FundsReport;
import org.equiplan.funds.FundsValidator;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RankOrder;
import org.equiplan.funds.domain.RegionAllocation;
import org.equiplan.funds.importers.Counties;
import org.equiplan.solve.SolveListener;
import org.equiplan.solve.SolveOptions;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;

/** Rank preservation: the order before transfers holds after them, checked against enumeration. */
class RankPreservationTest {

    static FundsProblem withRules(FundsProblem p, RulesSpec rules) {
        return new FundsProblem(
                p.kind(), p.name(), p.description(), p.source(), p.budget(), p.unit(), p.regions(), rules);
    }

    /**
     * The generator's rules with growth caps but without its hold-harmless floors: last year's transfers are
     * noisy, so holding them harmless would lift some regions past the whole order above them (validation
     * names that collision; see aFloorAboveACapLaterInTheOrderIsNamed).
     */
    static RulesSpec ranked(RulesSpec r, RankPreservation rank) {
        return new RulesSpec(null, r.maxGrowth(), null, r.groupCaps(), r.eligibility(), rank, null);
    }

    /** Pairwise, from the definition in RankOrder's comment, independent of its prefix arithmetic. */
    static boolean orderHolds(FundsPlan plan, long[] units, double tolerance) {
        return orderHolds(plan, units, tolerance, RegionAllocation::getExpenditure);
    }

    /** The same by a measure's weight: (R + T) / weight, expenditure for coverage, population for per capita. */
    static boolean orderHolds(
            FundsPlan plan, long[] units, double tolerance, ToDoubleFunction<RegionAllocation> weight) {
        var regions = plan.getAllocations();
        for (int i = 0; i < units.length; i++) {
            for (int j = 0; j < units.length; j++) {
                var a = regions.get(i);
                var b = regions.get(j);
                double wa = weight.applyAsDouble(a);
                double wb = weight.applyAsDouble(b);
                if (a.getRevenue() / wa < b.getRevenue() / wb) {
                    double ci = (a.getRevenue() + units[i] * a.getUnit()) / wa;
                    double cj = (b.getRevenue() + units[j] * b.getUnit()) / wb;
                    double slack = a.getUnit() / wa + b.getUnit() / wb;
                    if (cj < ci - tolerance - slack - 1e-12) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Every whole-unit plan of four regions within their own rules' ranges that places {@code total} and is kept. */
    static List<long[]> plans(FundsPlan plan, long total, Predicate<long[]> keep) {
        var cells = plan.getAllocations();
        List<long[]> out = new ArrayList<>();
        long[] u = new long[4];
        for (u[0] = cells.get(0).getRuleLower(); u[0] <= cells.get(0).getRuleUpper(); u[0]++) {
            for (u[1] = cells.get(1).getRuleLower(); u[1] <= cells.get(1).getRuleUpper(); u[1]++) {
                for (u[2] = cells.get(2).getRuleLower(); u[2] <= cells.get(2).getRuleUpper(); u[2]++) {
                    u[3] = total - u[0] - u[1] - u[2];
                    if (u[3] >= cells.get(3).getRuleLower()
                            && u[3] <= cells.get(3).getRuleUpper()
                            && keep.test(u)) {
                        out.add(u.clone());
                    }
                }
            }
        }
        return out;
    }

    /** The least objective over the plans that keep the order, or +infinity when none does. */
    static double best(FundsPlan plan, long total, Predicate<long[]> keep) {
        double best = Double.POSITIVE_INFINITY;
        for (long[] u : plans(plan, total, keep)) {
            best = Math.min(best, FundsReport.objective(plan, u));
        }
        return best;
    }

    /** Four regions, hold-harmless floors and caps that make the unruled optimum reverse the order. */
    static FundsProblem tiny(Random random) {
        List<RegionSpec> regions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double expenditure = 50 + random.nextInt(100);
            double revenue = random.nextInt((int) expenditure);
            Double min = random.nextInt(3) == 0 ? (double) (10 * random.nextInt(6)) : null;
            Double max = random.nextInt(3) == 0 ? (double) (10 * (2 + random.nextInt(6))) : null;
            if (min != null && max != null && min > max) {
                min = max;
            }
            regions.add(new RegionSpec("R" + i, null, 1.0, revenue, expenditure, null, min, max, null));
        }
        return new FundsProblem(
                FundsProblem.KIND,
                "tiny",
                null,
                null,
                (double) (10 * (4 + random.nextInt(10))),
                10.0,
                regions,
                new RulesSpec(null, null, null, null, null, new RankPreservation("coverage", null), null));
    }

    @Test
    void optimumMatchesEnumerationAndTheBoundIsBelowIt() {
        Random random = new Random(11);
        int checked = 0;
        int reversedWithout = 0;
        for (int trial = 0; trial < 300; trial++) {
            FundsProblem p = tiny(random);
            if (!FundsValidator.validate(p).isEmpty()) {
                continue;
            }
            FundsPlan plan = FundsPlanBuilder.build(p);
            long total = plan.getRules().placeableUnits();
            double best = best(plan, total, u -> orderHolds(plan, u, 0));
            if (best == Double.POSITIVE_INFINITY) {
                continue; // the tightened caps place less than the budget; enumeration at that total finds none
            }
            checked++;
            long[] optimum = WaterFilling.optimum(plan);
            assertThat(orderHolds(plan, optimum, 0)).as("trial %d", trial).isTrue();
            assertThat(FundsReport.objective(plan, optimum))
                    .as("trial %d", trial)
                    .isCloseTo(best, within(1e-9));
            assertThat(WaterFilling.continuousBound(plan, total)).isLessThanOrEqualTo(best + 1e-9);
            FundsAnswer answer = FundsReport.of(p, withUnits(plan, optimum));
            assertThat(answer.rank().shortfall()).isZero();
            reversedWithout += answer.rank().reversedWithoutRule() > 0 ? 1 : 0;
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(reversedWithout)
                .as("instances where the rule changes the answer")
                .isGreaterThan(10);
    }

    /**
     * By per capita, water-filling (which levels coverage) is only a start: the search goes on from it. Against
     * enumeration the bound stays below the optimum on every problem and the answer reaches it on nearly all.
     */
    @Test
    void perCapitaOrderAgainstEnumeration() {
        Random random = new Random(11);
        int checked = 0;
        int atOptimum = 0;
        for (int trial = 0; trial < 60; trial++) {
            FundsProblem t = tiny(random);
            List<RegionSpec> regions = new ArrayList<>();
            for (RegionSpec r : t.regions()) {
                regions.add(new RegionSpec(
                        r.id(),
                        null,
                        1.0 + random.nextInt(5),
                        r.standardRevenue(),
                        r.standardExpenditure(),
                        null,
                        r.minTransfer(),
                        r.maxTransfer(),
                        null));
            }
            FundsProblem p = withRules(
                    new FundsProblem(t.kind(), t.name(), null, null, t.budget(), t.unit(), regions, t.rules()),
                    new RulesSpec(null, null, null, null, null, new RankPreservation("perCapita", null), null));
            if (!FundsValidator.validate(p).isEmpty()) {
                continue;
            }
            FundsPlan plan = FundsPlanBuilder.build(p);
            long total = plan.getRules().placeableUnits();
            double best = best(plan, total, u -> orderHolds(plan, u, 0, RegionAllocation::getPopulation));
            if (best == Double.POSITIVE_INFINITY) {
                continue;
            }
            checked++;
            FundsAnswer answer = FundsReport.of(
                    p,
                    FundsSolver.solve(
                            plan, new SolveOptions(1, 0.2, null, trial), progress -> {}, FundsSolver.Start.OPTIMUM));
            assertThat(answer.bound()).as("trial %d", trial).isLessThanOrEqualTo(best + 1e-9);
            assertThat(answer.rank().shortfall()).as("trial %d", trial).isZero();
            if (answer.unallocated() == 0 && Math.abs(answer.objective() - best) < 1e-9) {
                atOptimum++;
            }
        }
        assertThat(checked).isGreaterThan(40);
        // 257 of 265 over 300 trials when measured; water-filling alone reached 226.
        assertThat(atOptimum).isGreaterThanOrEqualTo(checked * 9 / 10);
    }

    private static FundsPlan withUnits(FundsPlan plan, long[] units) {
        plan.setUnits(units);
        return plan;
    }

    @Test
    void countiesKeepTheirOrderWhereTheUnruledOptimumReversesIt() {
        FundsProblem base = Counties.generate(600, 3, false, 1e6);
        FundsProblem p = withRules(base, ranked(base.rules(), RankPreservation.of(true)));
        FundsAnswer answer =
                new FundsModel().solve(p, new SolveOptions(10, null, null, 0), SolveListener.ofProgress(x -> {}), null);
        assertThat(answer.feasible()).isTrue();
        assertThat(answer.rank().shortfall()).isZero();
        assertThat(answer.rank().reversedWithoutRule()).isGreaterThan(0);
        assertThat(answer.rank().heldByRule()).isGreaterThan(0);
        assertThat(answer.gapToBound()).isLessThan(1e-6);
        FundsPlan plan = FundsPlanBuilder.build(p);
        long[] units = answer.allocations().stream()
                .mapToLong(FundsAnswer.Allocation::units)
                .toArray();
        assertThat(orderHolds(plan, units, 0)).isTrue();
        assertThat(Arrays.stream(units).sum()).isEqualTo(plan.getRules().placeableUnits());
    }

    @Test
    void withGroupCapsTheSearchRestoresTheOrder() {
        FundsProblem base = Counties.generate(300, 5, true, 1e6);
        FundsProblem p = withRules(base, ranked(base.rules(), RankPreservation.of(true)));
        FundsAnswer answer =
                new FundsModel().solve(p, new SolveOptions(5, null, null, 0), SolveListener.ofProgress(x -> {}), null);
        assertThat(answer.rank().shortfall()).isZero();
        assertThat(answer.feasible()).isTrue();
        assertThat(answer.bound()).isLessThanOrEqualTo(answer.objective());
    }

    @Test
    void toleranceLoosensTheRule() {
        FundsProblem base = Counties.generate(300, 3, false, 1e6);
        FundsAnswer strict = solve(withRules(base, ranked(base.rules(), new RankPreservation("coverage", 0.0))));
        FundsAnswer loose = solve(withRules(base, ranked(base.rules(), new RankPreservation("coverage", 0.05))));
        FundsAnswer none = solve(withRules(base, ranked(base.rules(), RankPreservation.of(false))));
        assertThat(strict.rank().shortfall()).isZero();
        assertThat(loose.rank().shortfall()).isZero();
        assertThat(strict.rank().heldByRule()).isGreaterThan(loose.rank().heldByRule());
        assertThat(strict.placed()).isLessThanOrEqualTo(loose.placed());
        assertThat(loose.placed()).isLessThanOrEqualTo(none.placed());
    }

    private static FundsAnswer solve(FundsProblem p) {
        return new FundsModel().solve(p, new SolveOptions(5, null, null, 0), SolveListener.ofProgress(x -> {}), null);
    }

    /** By resources per person: the order of R / population survives, with (R + T) / population after. */
    @Test
    void perCapitaOrderHoldsAfterSolving() {
        FundsProblem base = Counties.generate(300, 3, false, 1e6);
        FundsProblem p = withRules(base, ranked(base.rules(), new RankPreservation("perCapita", null)));
        FundsAnswer answer = solve(p);
        assertThat(answer.feasible()).isTrue();
        assertThat(answer.rank().by()).isEqualTo("perCapita");
        assertThat(answer.rank().shortfall()).isZero();
        assertThat(answer.rank().reversedWithoutRule()).isGreaterThan(0);
        // Pairwise, from the rule's definition, in per-capita terms.
        FundsPlan plan = FundsPlanBuilder.build(p);
        var cells = plan.getAllocations();
        for (int i = 0; i < cells.size(); i++) {
            for (int j = 0; j < cells.size(); j++) {
                var a = cells.get(i);
                var b = cells.get(j);
                if (a.getRevenue() / a.getPopulation() < b.getRevenue() / b.getPopulation()) {
                    double mi = (a.getRevenue() + answer.allocations().get(i).amount()) / a.getPopulation();
                    double mj = (b.getRevenue() + answer.allocations().get(j).amount()) / b.getPopulation();
                    double slack = a.getUnit() / a.getPopulation() + b.getUnit() / b.getPopulation();
                    assertThat(mj).isGreaterThanOrEqualTo(mi - slack - 1e-9);
                }
            }
        }
    }

    @Test
    void aFloorAboveACapLaterInTheOrderIsNamed() {
        // B starts above A, but A's hold-harmless floor lifts A above where B's cap can take B.
        FundsProblem p = new FundsProblem(
                FundsProblem.KIND,
                "collide",
                null,
                null,
                100.0,
                1.0,
                List.of(
                        new RegionSpec("A", "Anxian", 1.0, 10.0, 100.0, null, 60.0, null, null),
                        new RegionSpec("B", "Beixian", 1.0, 20.0, 100.0, null, null, 20.0, null)),
                new RulesSpec(null, null, null, null, null, RankPreservation.of(true), null));
        assertThat(FundsValidator.validate(p)).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("rules.rankPreservation");
            assertThat(e.message())
                    .contains("'Anxian' has a floor from minTransfer")
                    .contains("'Beixian'")
                    .contains("maxTransfer allows at most 20");
        });
    }

    @Test
    void offIsTheSameAsAbsent() {
        FundsProblem base = Counties.generate(200, 2, true, 1e6);
        FundsAnswer off = solve(withRules(base, ranked(base.rules(), RankPreservation.of(false))));
        FundsAnswer absent = solve(withRules(base, ranked(base.rules(), null)));
        assertThat(off.allocations()).isEqualTo(absent.allocations());
        assertThat(off.rank()).isNull();
    }

    /** The rank constraint's incremental score under FULL_ASSERT, from the formula's plan (which breaks the order). */
    @Test
    void rankConstraintScoresCorrectlyUnderFullAssert() {
        FundsProblem base = Counties.generate(15, 4, true, 1e6);
        FundsPlan plan = FundsPlanBuilder.build(withRules(base, ranked(base.rules(), RankPreservation.of(true))));
        long[] formula = org.equiplan.funds.FormulaBaseline.units(plan);
        RankOrder order = plan.getAllocations().get(0).getRankOrder();
        plan.setUnits(formula);
        SolverConfig config =
                FundsSolver.config(new SolveOptions(3, null, null, 7)).withEnvironmentMode(EnvironmentMode.FULL_ASSERT);
        FundsPlan solved = SolverFactory.<FundsPlan>create(config).buildSolver().solve(plan);
        HardMediumSoftLongScore score = solved.getScore();
        assertThat(score.hardScore()).isZero();
        assertThat(order.shortfall(solved.units())).isZero();
    }

    @Test
    void jsonTakesTrueOrAnObject() throws Exception {
        var mapper = org.equiplan.problem.Json.MAPPER;
        RulesSpec on = mapper.readValue("{\"rankPreservation\": true}", RulesSpec.class);
        RulesSpec object = mapper.readValue(
                "{\"rankPreservation\": {\"by\": \"perCapita\", \"tolerance\": 0.01}}", RulesSpec.class);
        RulesSpec off = mapper.readValue("{\"rankPreservation\": false}", RulesSpec.class);
        assertThat(on.rankPreservation().on()).isTrue();
        assertThat(on.rankPreservation().perCapita()).isFalse();
        assertThat(object.rankPreservation().perCapita()).isTrue();
        assertThat(object.rankPreservation().tolerance()).isEqualTo(0.01);
        assertThat(off.rankPreservation().on()).isFalse();
        assertThat(Map.of()).isEmpty();
    }
}
