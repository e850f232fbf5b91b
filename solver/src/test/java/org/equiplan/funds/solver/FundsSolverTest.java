package org.equiplan.funds.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.equiplan.funds.FormulaBaseline;
import org.equiplan.funds.FundsAnswer;
import org.equiplan.funds.FundsModel;
import org.equiplan.funds.FundsPlanBuilder;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.FundsProblem.RulesSpec;
import org.equiplan.funds.FundsReport;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.importers.Counties;
import org.equiplan.solve.SolveOptions;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;

/** The optimum is checked against computations written here, independent of the solver's. */
class FundsSolverTest {

    /** Generated counties with a coarse unit, so that the unit-by-unit reference stays quick. */
    private static FundsProblem counties(int n, long seed, boolean caps) {
        return Counties.generate(n, seed, caps, 1e7);
    }

    @Test
    void waterFillingEqualsTheUnitByUnitGreedyOnGeneratedInstances() {
        for (long seed = 1; seed <= 4; seed++) {
            for (boolean caps : new boolean[] {false, true}) {
                FundsPlan plan = FundsPlanBuilder.build(counties(300, seed, caps));
                long[] fast = WaterFilling.optimum(plan);
                long[] reference = ReferenceGreedy.allocate(plan);
                assertThat(java.util.Arrays.stream(fast).sum())
                        .isEqualTo(plan.getRules().placeableUnits());
                assertThat(FundsReport.objective(plan, fast))
                        .as("seed %d, caps %s", seed, caps)
                        .isCloseTo(FundsReport.objective(plan, reference), within(1e-6));
                assertThat(FundsSolver.score(plan, fast)).isEqualTo(FundsSolver.score(plan, reference));
            }
        }
    }

    @Test
    void optimumMatchesBruteForceWithFloorsCapsAndAGroupCap() {
        // Four regions, 12 units of 10; A and B share a capped group; C has a floor, D a cap.
        FundsProblem p = new FundsProblem(
                FundsProblem.KIND,
                "tiny",
                null,
                null,
                120.0,
                10.0,
                List.of(
                        new RegionSpec("A", null, 5.0, 10.0, 100.0, null, null, null, "g"),
                        new RegionSpec("B", null, 5.0, 20.0, 150.0, null, null, null, "g"),
                        new RegionSpec("C", null, 5.0, 90.0, 100.0, null, 30.0, null, null),
                        new RegionSpec("D", null, 5.0, 0.0, 80.0, null, null, 20.0, null)),
                new RulesSpec(null, null, null, Map.of("g", 60.0), null));
        FundsPlan plan = FundsPlanBuilder.build(p);
        double best = Double.POSITIVE_INFINITY;
        for (int a = 0; a <= 12; a++) {
            for (int b = 0; a + b <= 12; b++) {
                for (int c = 3; a + b + c <= 12; c++) {
                    int d = 12 - a - b - c;
                    if (a + b <= 6 && d <= 2) {
                        best = Math.min(best, FundsReport.objective(plan, new long[] {a, b, c, d}));
                    }
                }
            }
        }
        assertThat(FundsReport.objective(plan, WaterFilling.optimum(plan))).isCloseTo(best, within(1e-9));
    }

    @Test
    void localSearchFromTheFormulaReachesTheOptimum() {
        FundsPlan plan = FundsPlanBuilder.build(counties(40, 9, true));
        long[] formula = FormulaBaseline.units(plan);
        HardMediumSoftLongScore formulaScore = FundsSolver.score(plan, formula);
        HardMediumSoftLongScore optimum = FundsSolver.score(plan, ReferenceGreedy.allocate(plan));
        assertThat(formulaScore).isLessThan(optimum);
        FundsPlan solved =
                FundsSolver.solve(plan, new SolveOptions(60, null, null, 5), p -> {}, FundsSolver.Start.FORMULA);
        assertThat(solved.getScore()).isEqualTo(optimum);
    }

    /**
     * The shift moves and their undo under FULL_ASSERT, which recomputes the score from scratch after each
     * move: from the formula's plan to the optimum, every step checked.
     */
    @Test
    void shiftMovesKeepTheScoreCorrectUnderFullAssert() {
        FundsPlan plan = FundsPlanBuilder.build(counties(12, 4, true));
        HardMediumSoftLongScore optimum = FundsSolver.score(plan, ReferenceGreedy.allocate(plan));
        long[] formula = FormulaBaseline.units(plan);
        assertThat(FundsSolver.score(plan, formula)).isLessThan(optimum); // so the search has steps to take
        plan.setUnits(formula);
        SolverConfig config = FundsSolver.config(new SolveOptions(600, null, optimum.toString(), 7))
                .withEnvironmentMode(EnvironmentMode.FULL_ASSERT);
        FundsPlan solved = SolverFactory.<FundsPlan>create(config).buildSolver().solve(plan);
        assertThat(solved.getScore()).isEqualTo(optimum);
    }

    @Test
    void reportScoresWithoutWritingToThePlan() {
        FundsProblem p = counties(60, 3, true);
        FundsPlan plan = FundsPlanBuilder.build(p);
        long[] optimum = WaterFilling.optimum(plan);
        plan.setUnits(optimum);
        FundsAnswer report = FundsReport.of(p, plan);
        assertThat(plan.getScore()).isNull();
        assertThat(plan.units()).containsExactly(optimum);
        assertThat(report.score()).isEqualTo(FundsSolver.score(plan, optimum).toString());
    }

    @Test
    void nationalAmountsDoNotOverflow() {
        // Three regions with 10^13 yuan and a budget of 10^13 in 1-yuan units: 10^13 units to place.
        FundsProblem p = new FundsProblem(
                FundsProblem.KIND,
                "huge",
                null,
                null,
                1e13,
                1.0,
                List.of(
                        new RegionSpec("A", null, 1e9, 2e12, 1e13, null, null, null, null),
                        new RegionSpec("B", null, 4e8, 9e12, 1e13, null, null, null, null),
                        new RegionSpec("C", null, 2e8, 1e12, 4e12, null, null, null, null)),
                null);
        FundsAnswer s = new FundsModel().solve(p, SolveOptions.ofSeconds(10), x -> {});
        HardMediumSoftLongScore score = HardMediumSoftLongScore.parseScore(s.score());
        assertThat(score.hardScore()).isZero();
        assertThat(score.mediumScore()).isZero();
        assertThat(score.softScore()).isNegative();
        assertThat(s.placed()).isEqualTo(1e13);
        // Water level by hand: all three start below it, so one coverage c with sum(c E - R) = 1e13:
        // c (1e13 + 1e13 + 4e12) = 1e13 + 2e12 + 9e12 + 1e12 -> c = 2.2 / 2.4 = 11/12.
        for (int i = 0; i < 3; i++) {
            assertThat(s.allocations().get(i).coverage()).isCloseTo(11.0 / 12, within(1e-9));
        }
        // Objective: sum (c E)^2 / E = c^2 sum E.
        double expected = Math.pow(11.0 / 12, 2) * 2.4e13;
        assertThat(s.objective()).isCloseTo(expected, within(expected * 1e-12));
        assertThat(s.gapToBound()).isLessThan(1e-9);
        assertThat(-score.softScore() / s.scoreScale()).isCloseTo(expected, within(expected * 1e-9));
    }

    @Test
    void explainsWhoIsCappedFlooredOrLevelled() {
        FundsAnswer s = new FundsModel()
                .solve(
                        new FundsProblem(
                                FundsProblem.KIND,
                                "reasons",
                                null,
                                null,
                                255.0,
                                1.0,
                                List.of(
                                        new RegionSpec("poor", null, 1.0, 0.0, 100.0, 50.0, null, null, null),
                                        new RegionSpec("rich", null, 1.0, 200.0, 100.0, 0.0, null, null, null),
                                        new RegionSpec("mid", null, 1.0, 50.0, 100.0, 200.0, null, null, null)),
                                new RulesSpec(0.9, 0.5, null, null, true)),
                        SolveOptions.ofSeconds(5),
                        x -> {});
        List<String> reasons = new ArrayList<>();
        s.allocations().forEach(a -> reasons.add(a.region() + ": " + a.reason()));
        // mid's hold-harmless floor (0.9 x 200 = 180) already lifts it to coverage 2.3; the other 75 units
        // go to poor, which stops at its growth cap 1.5 x 50 = 75; rich is not eligible.
        assertThat(reasons)
                .containsExactly(
                        "poor: at its cap set by the growth cap (rules.maxGrowth)",
                        "rich: not eligible (standard revenue covers standard expenditure)",
                        "mid: at its floor set by hold-harmless (rules.holdHarmless) (the common coverage level lies below it)");
    }
}
