package org.equiplan.funds.multiyear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.equiplan.funds.FundsAnswer;
import org.equiplan.funds.FundsModel;
import org.equiplan.funds.FundsPlanBuilder;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.FundsProblem.RulesSpec;
import org.equiplan.funds.FundsProblem.YearOnYear;
import org.equiplan.funds.FundsProblem.YearSpec;
import org.equiplan.funds.FundsReport;
import org.equiplan.funds.FundsValidator;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.YearCoupling;
import org.equiplan.funds.solver.FundsSolver;
import org.equiplan.funds.solver.MultiYearBound;
import org.equiplan.funds.solver.WaterFilling;
import org.equiplan.problem.FieldError;
import org.equiplan.solve.SolveListener;
import org.equiplan.solve.SolveOptions;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.solver.EnvironmentMode;

/** Multi-year plans: year-on-year limits, checked against enumeration; the Lagrangian bound below the optimum. */
class MultiYearTest {

    /**
     * Three regions over two years in units of 0.25 (tens of units a year: whole units are coarse against
     * a 25% limit on one or two units); region revenue grows at different rates.
     */
    static FundsProblem tiny(Random random, double growth, double decline) {
        List<RegionSpec> regions = List.of(
                region("A", 2 + random.nextInt(6), 10 + random.nextInt(5), random),
                region("B", 2 + random.nextInt(6), 10 + random.nextInt(5), random),
                region("C", 2 + random.nextInt(6), 10 + random.nextInt(5), random));
        return new FundsProblem(
                FundsProblem.KIND,
                "tiny plan",
                null,
                null,
                null,
                0.25,
                regions,
                new RulesSpec(null, null, null, null, null, null, null, new YearOnYear(growth, decline)),
                null,
                null,
                List.of(
                        new YearSpec("1", (double) (6 + random.nextInt(6)), null, null),
                        new YearSpec("2", (double) (6 + random.nextInt(8)), 0.0, 0.1)));
    }

    static RegionSpec region(String id, double revenue, double expenditure, Random random) {
        return new RegionSpec(
                id,
                null,
                1.0,
                revenue,
                expenditure,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                random.nextInt(3) == 0 ? Double.valueOf(0.5) : random.nextInt(2) == 0 ? Double.valueOf(-0.3) : null);
    }

    /** The best objective over all whole-unit plans placing each year's placeable total within every rule. */
    static double enumerate(FundsPlan plan) {
        return enumerate(plan, (first, second) -> true);
    }

    /** The same, with a further rule on each plan's two years ({@code keep}). */
    static double enumerate(FundsPlan plan, java.util.function.BiPredicate<long[], long[]> keep) {
        var cells = plan.getAllocations();
        long t1 = plan.getYears().get(0).rules().placeableUnits();
        long t2 = plan.getYears().get(1).rules().placeableUnits();
        YearCoupling c = cells.get(0).getCoupling();
        double best = Double.POSITIVE_INFINITY;
        for (long a = 0; a <= t1; a++) {
            for (long b = 0; a + b <= t1; b++) {
                long[] y1 = {a, b, t1 - a - b};
                for (long d = 0; d <= t2; d++) {
                    for (long e = 0; d + e <= t2; e++) {
                        long[] y2 = {d, e, t2 - d - e};
                        boolean ok = keep.test(y1, y2);
                        for (int i = 0; i < 3 && ok; i++) {
                            ok = y2[i] <= c.most(y1[i]) && y2[i] >= c.least(y1[i]);
                            ok &= y1[i] >= cells.get(i).getRuleLower()
                                    && y1[i] <= cells.get(i).getRuleUpper();
                            ok &= y2[i] >= cells.get(3 + i).getRuleLower()
                                    && y2[i] <= cells.get(3 + i).getRuleUpper();
                        }
                        if (ok) {
                            best = Math.min(
                                    best,
                                    FundsReport.objective(plan, new long[] {y1[0], y1[1], y1[2], y2[0], y2[1], y2[2]}));
                        }
                    }
                }
            }
        }
        return best;
    }

    @Test
    void searchReachesTheEnumeratedOptimumAndTheBoundStaysBelowIt() {
        Random random = new Random(5);
        int checked = 0;
        int optimal = 0;
        int coupled = 0;
        for (int trial = 0; trial < 40; trial++) {
            FundsProblem p = tiny(random, 0.25, 0.2);
            if (!FundsValidator.validate(p).isEmpty()) {
                continue;
            }
            FundsPlan plan = FundsPlanBuilder.build(p);
            double best = enumerate(plan);
            if (best == Double.POSITIVE_INFINITY) {
                continue;
            }
            checked++;
            FundsAnswer answer = new FundsModel()
                    .solve(p, new SolveOptions(2, 0.75, null, trial), SolveListener.ofProgress(x -> {}), null);
            assertThat(answer.feasible()).as("trial %d", trial).isTrue();
            assertThat(answer.objective()).as("trial %d", trial).isBetween(best * (1 - 1e-9), best * 1.005);
            optimal += answer.objective() <= best * (1 + 1e-9) ? 1 : 0;
            assertThat(answer.bound()).as("trial %d", trial).isLessThanOrEqualTo(best + 1e-9 * best);
            // Where the limits bind, the years' own optima together break them: the bound must do better than
            // their sum and still stay below the optimum.
            double independent = 0;
            for (int y = 0; y < 2; y++) {
                FundsPlan view = plan.year(y);
                independent +=
                        WaterFilling.continuousBound(view, view.getRules().placeableUnits());
            }
            if (best > independent * (1 + 1e-6)) {
                coupled++;
                assertThat(answer.bound()).as("trial %d", trial).isGreaterThan(independent);
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(15);
        assertThat(optimal)
                .as("of %d trials at the enumerated optimum", checked)
                .isGreaterThanOrEqualTo(checked * 8 / 10);
        assertThat(coupled).as("trials where the year-on-year limits bind").isGreaterThan(3);
    }

    @Test
    void theBoundIsExactWithoutLimitsBetweenYears() {
        FundsProblem p = tiny(new Random(3), 0.25, 0.2);
        FundsProblem free = new FundsProblem(
                p.kind(),
                p.name(),
                null,
                null,
                null,
                p.unit(),
                p.regions(),
                new RulesSpec(null, null, null, null, null),
                null,
                null,
                p.years());
        FundsPlan plan = FundsPlanBuilder.build(free);
        long[] placed = new long[2];
        double sum = 0;
        for (int y = 0; y < 2; y++) {
            FundsPlan view = plan.year(y);
            placed[y] = view.getRules().placeableUnits();
            sum += WaterFilling.continuousBound(view, placed[y]);
        }
        assertThat(MultiYearBound.of(plan, placed)).isCloseTo(sum, within(1e-12 * sum));
    }

    @Test
    void alongYearsMovesScoreCorrectlyUnderFullAssert() {
        FundsProblem p = tiny(new Random(8), 0.25, 0.2);
        FundsPlan plan = FundsPlanBuilder.build(p);
        long[] formula = org.equiplan.funds.FormulaBaseline.unitsByYear(plan);
        var start = FundsSolver.score(plan, formula);
        plan.setUnits(formula);
        // FULL_ASSERT recomputes the score from scratch after every move and fails on any difference.
        var config = FundsSolverAccess.config(new SolveOptions(2, null, null, 3))
                .withEnvironmentMode(EnvironmentMode.FULL_ASSERT);
        FundsPlan solved = SolverFactory.<FundsPlan>create(config).buildSolver().solve(plan);
        assertThat(solved.getScore()).isGreaterThan(start);
        assertThat(solved.getScore().hardScore()).isZero();
    }

    @Test
    void errorsNameTheYear() {
        FundsProblem p = tiny(new Random(1), 0.1, 0.1);
        FundsProblem bad = new FundsProblem(
                p.kind(),
                p.name(),
                null,
                null,
                100.0,
                p.unit(),
                p.regions(),
                p.rules(),
                null,
                null,
                List.of(new YearSpec("1", 10.0, null, null), new YearSpec("2", null, 2.0, null)));
        assertThat(FundsValidator.validate(bad))
                .extracting(FieldError::field)
                .contains("budget", "years[1].budget", "years[1].revenueGrowth");
        FundsProblem single = new FundsProblem(p.kind(), p.name(), null, null, 10.0, p.unit(), p.regions(), p.rules());
        assertThat(FundsValidator.validate(single))
                .extracting(FieldError::field)
                .contains("rules.yearOnYear", "regions[0].revenueGrowth");
    }

    @Test
    void theAnswerListsEveryYear() {
        FundsProblem p = tiny(new Random(2), 0.25, 0.2);
        FundsAnswer answer =
                new FundsModel().solve(p, new SolveOptions(1, null, null, 0), SolveListener.ofProgress(x -> {}), null);
        assertThat(answer.years()).hasSize(2);
        assertThat(answer.years().get(0).label()).isEqualTo("1");
        assertThat(answer.allocations()).isEqualTo(answer.years().get(0).allocations());
        assertThat(answer.placed())
                .isCloseTo(
                        answer.years().get(0).placed() + answer.years().get(1).placed(), within(1e-9));
        assertThat(answer.budget())
                .isEqualTo(
                        answer.years().get(0).budget() + answer.years().get(1).budget());
    }

    @Test
    void theAnalysisScoresEveryYearAsTheAnswerDid() {
        FundsProblem p = tiny(new Random(6), 0.25, 0.2);
        FundsModel model = new FundsModel();
        FundsAnswer answer =
                model.solve(p, new SolveOptions(1, null, null, 0), SolveListener.ofProgress(x -> {}), null);
        var analysis = model.analyze(p, answer);
        assertThat(analysis.score()).isEqualTo(answer.score());
        assertThat(analysis.regions()).hasSize(3);
        assertThat(analysis.regions().get(0).amount())
                .isEqualTo(answer.allocations().get(0).amount());
    }

    /** The solver's search configuration, reached from this package. */
    static final class FundsSolverAccess {
        static org.optaplanner.core.config.solver.SolverConfig config(SolveOptions options) {
            return FundsSolver.searchConfig(options);
        }
    }
}
