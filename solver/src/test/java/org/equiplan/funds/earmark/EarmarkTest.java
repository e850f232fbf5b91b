package org.equiplan.funds.earmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.equiplan.funds.FundsPlanBuilder;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.CategorySpec;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.FundsProblem.RulesSpec;
import org.equiplan.funds.FundsReport;
import org.equiplan.funds.FundsValidator;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.importers.Counties;
import org.equiplan.funds.solver.FundsSolver;
import org.equiplan.problem.FieldError;
import org.equiplan.solve.SolveOptions;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.solver.EnvironmentMode;

/** Earmarked category budgets: the bound and the answer against enumeration, the rules on the sum, validation. */
class EarmarkTest {

    /**
     * Three regions, two categories (education for children, administration for residents), unit 10, random
     * revenues and needs, hold-harmless on the sum of last year's transfers and sometimes a cap.
     */
    static FundsProblem tiny(Random random) {
        long education = 2 + random.nextInt(5);
        long administration = 1 + random.nextInt(5);
        List<CategorySpec> categories = List.of(
                new CategorySpec("education", null, Map.of("children", 10.0), null, education * 10.0),
                new CategorySpec("administration", null, Map.of("residents", 2.0), null, administration * 10.0));
        List<RegionSpec> regions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            double population = 10 + random.nextInt(30);
            double children = 1 + random.nextInt(8);
            Double previous = random.nextInt(3) == 0 ? 10.0 * random.nextInt(3) : null;
            Double cap = random.nextInt(4) == 0 ? 10.0 * (2 + random.nextInt(3)) : null;
            regions.add(new RegionSpec(
                    "R" + i,
                    null,
                    population,
                    (double) random.nextInt(60),
                    null,
                    previous == null ? 0.0 : previous,
                    null,
                    cap,
                    null,
                    Map.of("children", children),
                    null,
                    null,
                    null));
        }
        return new FundsProblem(
                FundsProblem.KIND,
                "tiny-earmarked",
                null,
                null,
                (education + administration) * 10.0,
                10.0,
                regions,
                new RulesSpec(1.0, null, null, null, null),
                categories,
                null);
    }

    /** The best plan by enumeration of every split that places both budgets and keeps the rules; NaN if none. */
    static double enumerated(FundsPlan plan) {
        long b0 = plan.getFunds().get(0).units();
        long b1 = plan.getFunds().get(1).units();
        double best = Double.NaN;
        for (long a0 = 0; a0 <= b0; a0++) {
            for (long a1 = 0; a0 + a1 <= b0; a1++) {
                for (long c0 = 0; c0 <= b1; c0++) {
                    for (long c1 = 0; c0 + c1 <= b1; c1++) {
                        // Shares are region-major: R0 education, R0 administration, R1 ..., R2 ...
                        long[] shares = {a0, c0, a1, c1, b0 - a0 - a1, b1 - c0 - c1};
                        long[] totals = {a0 + c0, a1 + c1, shares[4] + shares[5]};
                        HardMediumSoftLongScore score = FundsSolver.score(plan, totals, shares);
                        if (score.hardScore() == 0) {
                            double objective = Earmarks.objective(plan, shares);
                            best = Double.isNaN(best) ? objective : Math.min(best, objective);
                        }
                    }
                }
            }
        }
        return best;
    }

    @Test
    void boundBelowAndAnswerAtTheEnumeratedOptimum() {
        Random random = new Random(5);
        int checked = 0;
        int atOptimum = 0;
        for (int trial = 0; trial < 60; trial++) {
            FundsProblem p = tiny(random);
            if (!FundsValidator.validate(p).isEmpty()) {
                continue;
            }
            FundsPlan plan = FundsPlanBuilder.build(p);
            double best = enumerated(plan);
            assertThat(best).as("a valid problem has a plan").isNotNaN();
            checked++;
            double bound = CategoryRelaxation.of(plan).bound();
            assertThat(bound).isLessThanOrEqualTo(best * (1 + 1e-12));
            FundsPlan solved = FundsSolver.solve(
                    plan, new SolveOptions(2, 0.2, null, trial), progress -> {}, FundsSolver.Start.OPTIMUM);
            var answer = FundsReport.of(p, solved);
            assertThat(answer.feasible()).isTrue();
            assertThat(answer.objective()).isGreaterThanOrEqualTo(best * (1 - 1e-12));
            assertThat(answer.bound()).isLessThanOrEqualTo(best * (1 + 1e-12));
            if (answer.objective() <= best * (1 + 1e-12)) {
                atOptimum++;
            }
        }
        assertThat(checked).isGreaterThan(30);
        assertThat(atOptimum).isEqualTo(checked);
    }

    @Test
    void rulesHoldOnTheSumAndEveryBudgetIsPlaced() {
        FundsProblem p = Counties.generateEarmarked(200, 3, Counties.DEFAULT_UNIT, 0.9, null);
        assertThat(FundsValidator.validate(p)).isEmpty();
        FundsPlan plan = FundsPlanBuilder.build(p);
        FundsPlan solved =
                FundsSolver.solve(plan, new SolveOptions(5, 1.0, null, 1), progress -> {}, FundsSolver.Start.OPTIMUM);
        var answer = FundsReport.of(p, solved);
        assertThat(answer.feasible()).isTrue();
        assertThat(answer.unallocated()).isZero();
        assertThat(answer.gapToBound()).isLessThan(1e-4);
        for (int k = 0; k < p.categories().size(); k++) {
            var fund = answer.earmarked().funds().get(k);
            assertThat(fund.placed()).isEqualTo(p.categories().get(k).budget());
        }
        for (int i = 0; i < answer.allocations().size(); i++) {
            var allocation = answer.allocations().get(i);
            long sum = answer.earmarked().regions().get(i).shares().stream()
                    .mapToLong(org.equiplan.funds.FundsAnswer.Share::units)
                    .sum();
            assertThat(sum).isEqualTo(allocation.units());
            // Hold-harmless on the sum: at least 90% of last year's transfer, in whole units rounded up.
            double previous = p.regions().get(i).previousTransfer();
            assertThat(allocation.amount()).isGreaterThanOrEqualTo(0.9 * previous - 1e-6);
        }
        // The formula splits each budget on its own and breaks hold-harmless somewhere: the rules make a difference.
        assertThat(answer.baseline().score()).doesNotStartWith("0hard");
    }

    @Test
    void rankOrderHoldsOnTheSums() {
        FundsProblem p = Counties.generateEarmarked(200, 2, Counties.DEFAULT_UNIT, null, 0.0);
        FundsPlan plan = FundsPlanBuilder.build(p);
        FundsPlan solved =
                FundsSolver.solve(plan, new SolveOptions(5, 1.0, null, 1), progress -> {}, FundsSolver.Start.OPTIMUM);
        var answer = FundsReport.of(p, solved);
        assertThat(answer.feasible()).isTrue();
        assertThat(answer.rank().shortfall()).isZero();
        assertThat(answer.rank().reversedByFormula()).isPositive();
        assertThat(answer.gapToBound()).isLessThan(1e-4);
        assertThat(answer.objective()).isGreaterThanOrEqualTo(answer.bound());
    }

    /** Shifts and exchanges under FULL_ASSERT, from the formula's split (which breaks rules, so moves mend it). */
    @Test
    void movesScoreCorrectlyUnderFullAssert() {
        FundsProblem p = Counties.generateEarmarked(40, 1, Counties.DEFAULT_UNIT, 0.9, null);
        FundsPlan plan = FundsPlanBuilder.build(p);
        long[] shares = EarmarkFormula.shares(plan);
        plan.setShareUnits(shares);
        plan.setUnits(EarmarkFormula.totals(plan, shares));
        HardMediumSoftLongScore start = FundsSolver.SCORING.update(plan);
        var config = EarmarkSolver.config(new SolveOptions(3, null, null, 4), true)
                .withEnvironmentMode(EnvironmentMode.FULL_ASSERT);
        FundsPlan solved = SolverFactory.<FundsPlan>create(config).buildSolver().solve(plan);
        assertThat(solved.getScore()).isGreaterThan(start);
        assertThat(solved.getScore().hardScore()).isGreaterThan(start.hardScore());
    }

    @Test
    void withoutEarmarksTheAnswerIsToday() {
        FundsProblem p = Counties.generateWithCategories(100, 4, Counties.DEFAULT_UNIT);
        assertThat(p.earmarked()).isFalse();
        FundsPlan plan = FundsPlanBuilder.build(p);
        assertThat(plan.getShares()).isEmpty();
        var answer = FundsReport.of(
                p,
                FundsSolver.solve(plan, new SolveOptions(2, null, null, 1), progress -> {}, FundsSolver.Start.OPTIMUM));
        assertThat(answer.earmarked()).isNull();
        assertThat(answer.objective())
                .isCloseTo(
                        FundsReport.objective(plan, org.equiplan.funds.solver.WaterFilling.optimum(plan)), within(0.0));
    }

    @Test
    void earmarkedAndTodaysObjectiveAgreeWhenEveryBudgetFollowsNeed() {
        // One category: the earmarked problem is today's problem, so the bound and the answer must be today's.
        Random random = new Random(11);
        FundsProblem base = tiny(random);
        CategorySpec only = new CategorySpec("all", null, Map.of("residents", 2.0), null, base.budget());
        FundsProblem p = new FundsProblem(
                base.kind(),
                base.name(),
                null,
                null,
                base.budget(),
                base.unit(),
                base.regions(),
                base.rules(),
                List.of(only),
                null);
        FundsPlan plan = FundsPlanBuilder.build(p);
        double today = FundsReport.objective(plan, org.equiplan.funds.solver.WaterFilling.optimum(plan));
        var answer = FundsReport.of(
                p,
                FundsSolver.solve(plan, new SolveOptions(2, 0.2, null, 1), progress -> {}, FundsSolver.Start.OPTIMUM));
        assertThat(answer.objective()).isCloseTo(today, within(1e-9 * today));
    }

    @Test
    void errorsNameTheField() {
        FundsProblem p = tiny(new Random(2));
        List<CategorySpec> oneMissing = List.of(
                p.categories().get(0), new CategorySpec("administration", null, Map.of("residents", 2.0), null, null));
        assertThat(fields(withCategories(p, oneMissing, p.budget()))).containsExactly("categories[1].budget");
        assertThat(fields(withCategories(p, p.categories(), p.budget() + 20))).containsExactly("budget");
        List<CategorySpec> negative = List.of(
                p.categories().get(0), new CategorySpec("administration", null, Map.of("residents", 2.0), null, -10.0));
        assertThat(fields(withCategories(p, negative, p.budget()))).contains("categories[1].budget");
        // Caps that cannot take the earmarked total.
        List<RegionSpec> capped = p.regions().stream()
                .map(r -> new RegionSpec(
                        r.id(),
                        r.name(),
                        r.population(),
                        r.standardRevenue(),
                        null,
                        r.previousTransfer(),
                        null,
                        0.0,
                        null,
                        r.populationByGroup(),
                        null,
                        null,
                        null))
                .toList();
        FundsProblem unplaceable = new FundsProblem(
                p.kind(),
                p.name(),
                null,
                null,
                p.budget(),
                p.unit(),
                capped,
                new RulesSpec(null, null, null, null, null),
                p.categories(),
                null);
        assertThat(fields(unplaceable)).containsExactly("categories");
        // A plan over years does not take earmarks yet, and says so.
        FundsProblem years = new FundsProblem(
                p.kind(),
                p.name(),
                null,
                null,
                null,
                p.unit(),
                p.regions(),
                null,
                p.categories(),
                null,
                List.of(new FundsProblem.YearSpec("2025", p.budget(), null, null)));
        assertThat(fields(years)).contains("categories");
    }

    private static FundsProblem withCategories(FundsProblem p, List<CategorySpec> categories, double budget) {
        return new FundsProblem(
                p.kind(), p.name(), null, null, budget, p.unit(), p.regions(), p.rules(), categories, null);
    }

    private static List<String> fields(FundsProblem p) {
        return FundsValidator.validate(p).stream().map(FieldError::field).toList();
    }
}
