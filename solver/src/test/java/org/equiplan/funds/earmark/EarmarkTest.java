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
import org.equiplan.funds.solver.RankedPlanBound;
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
        double best = Double.NaN;
        for (long[] shares :
                splits(plan.getFunds().get(0).units(), plan.getFunds().get(1).units())) {
            HardMediumSoftLongScore score = FundsSolver.score(plan, EarmarkFormula.totals(plan, shares), shares);
            if (score.hardScore() == 0) {
                double objective = Earmarks.objective(plan, shares);
                best = Double.isNaN(best) ? objective : Math.min(best, objective);
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
    void rulesHoldOnTheSumAndEveryBudgetIsPlaced() throws Exception {
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
        // The CSV carries each category's amount beside the region's sum.
        var records = org.apache.commons.csv.CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new java.io.StringReader(new org.equiplan.funds.FundsModel().csv(answer)))
                .getRecords();
        var first = answer.earmarked().regions().get(0).shares().get(0);
        assertThat(records.get(0).get("amount:" + first.category()))
                .isEqualTo(org.equiplan.problem.Decimals.plain(first.amount()));
        assertThat(records.get(0).isMapped("amount:administration")).isTrue();
        // The explanation reads the shares back from the answer and scores the same plan.
        assertThat(org.equiplan.funds.FundsAnalysis.of(p, answer).score()).isEqualTo(answer.score());
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

    /**
     * A two-year plan of the tiny problem: each year's budgets earmarked, revenue growing 20% in the second year,
     * transfers within +50% / -30% of the year before on each region's sum.
     */
    static FundsProblem tinyPlan(Random random) {
        FundsProblem one = tiny(random);
        List<FundsProblem.YearSpec> years = new ArrayList<>();
        for (int y = 0; y < 2; y++) {
            long education = 2 + random.nextInt(3);
            long administration = 1 + random.nextInt(3);
            years.add(new FundsProblem.YearSpec(
                    "Y" + y,
                    (education + administration) * 10.0,
                    y == 0 ? null : 0.2,
                    null,
                    Map.of("education", education * 10.0, "administration", administration * 10.0)));
        }
        List<CategorySpec> categories = one.categories().stream()
                .map(c -> new CategorySpec(c.id(), c.name(), c.standards(), c.coefficients()))
                .toList();
        return new FundsProblem(
                one.kind(),
                "tiny-plan",
                null,
                null,
                null,
                one.unit(),
                one.regions(),
                new RulesSpec(1.0, null, null, null, null, null, null, new FundsProblem.YearOnYear(0.5, 0.3)),
                categories,
                null,
                years);
    }

    /** Every split of a year's budgets over three regions, in share order (region-major within the year). */
    static List<long[]> splits(long education, long administration) {
        List<long[]> out = new ArrayList<>();
        for (long a0 = 0; a0 <= education; a0++) {
            for (long a1 = 0; a0 + a1 <= education; a1++) {
                for (long c0 = 0; c0 <= administration; c0++) {
                    for (long c1 = 0; c0 + c1 <= administration; c1++) {
                        out.add(new long[] {a0, c0, a1, c1, education - a0 - a1, administration - c0 - c1});
                    }
                }
            }
        }
        return out;
    }

    /** The best two-year plan of {@link #tinyPlan}'s shape by enumeration of both years' splits; NaN if none. */
    static double enumeratedOverYears(FundsPlan plan) {
        var funds = plan.getFunds();
        double best = Double.NaN;
        for (long[] first : splits(funds.get(0).units(), funds.get(1).units())) {
            for (long[] second : splits(funds.get(2).units(), funds.get(3).units())) {
                long[] shares = new long[12];
                System.arraycopy(first, 0, shares, 0, 6);
                System.arraycopy(second, 0, shares, 6, 6);
                if (FundsSolver.score(plan, EarmarkFormula.totals(plan, shares), shares)
                                .hardScore()
                        == 0) {
                    double objective = Earmarks.objective(plan, shares);
                    best = Double.isNaN(best) ? objective : Math.min(best, objective);
                }
            }
        }
        return best;
    }

    @Test
    void planOverYearsAgainstEnumeration() {
        Random random = new Random(9);
        int checked = 0;
        int atOptimum = 0;
        for (int trial = 0; trial < 30; trial++) {
            FundsProblem p = tinyPlan(random);
            if (!FundsValidator.validate(p).isEmpty()) {
                continue;
            }
            FundsPlan plan = FundsPlanBuilder.build(p);
            double best = enumeratedOverYears(plan);
            if (Double.isNaN(best)) {
                continue; // the limits leave no plan that places both years' budgets
            }
            checked++;
            // The bound of the plan that places every earmarked unit: by categories (with the year limits' prices)
            // and by the regions' sums.
            long[] budgets = {
                plan.getYears().get(0).rules().budgetUnits(),
                plan.getYears().get(1).rules().budgetUnits()
            };
            assertThat(org.equiplan.funds.solver.MultiYearBound.of(plan, budgets))
                    .isLessThanOrEqualTo(best * (1 + 1e-12));
            assertThat(org.equiplan.funds.solver.MultiYearBound.of(plan.totalsOnly(), budgets))
                    .isLessThanOrEqualTo(best * (1 + 1e-12));
            FundsPlan solved = FundsSolver.solve(
                    plan, new SolveOptions(2, 0.3, null, trial), progress -> {}, FundsSolver.Start.OPTIMUM);
            var answer = FundsReport.of(p, solved);
            boolean complete = answer.feasible() && answer.unallocated() == 0;
            if (complete) {
                assertThat(answer.bound()).isLessThanOrEqualTo(best * (1 + 1e-12));
                assertThat(answer.objective()).isGreaterThanOrEqualTo(best * (1 - 1e-12));
            }
            if (complete && answer.objective() <= best * (1 + 1e-12)) {
                atOptimum++;
            }
        }
        assertThat(checked).isGreaterThan(10);
        // Not every one: with units this coarse the year-on-year limits leave the moves local optima (17 of 23
        // today; see docs/funds.md). At county scale the gap to the bound is about 3e-6.
        assertThat(atOptimum).isGreaterThanOrEqualTo(checked * 3 / 5);
    }

    /**
     * With a rank rule the plan bound that sees the whole rule prices the categories' budgets too: below the
     * enumerated optimum of the earmarked plan, and above the same bound on the regions' sums where a budget binds.
     */
    @Test
    void rankPlanBoundCountsTheCategories() {
        Random random = new Random(13);
        int checked = 0;
        int higher = 0;
        for (int trial = 0; trial < 40; trial++) {
            FundsProblem t = tinyPlan(random);
            FundsProblem p = new FundsProblem(
                    t.kind(),
                    t.name(),
                    null,
                    null,
                    null,
                    t.unit(),
                    t.regions(),
                    new RulesSpec(
                            1.0,
                            null,
                            null,
                            null,
                            null,
                            new FundsProblem.RankPreservation(
                                    FundsProblem.RankPreservation.COVERAGE, random.nextBoolean() ? 0.0 : 0.05),
                            null,
                            t.rules().yearOnYear()),
                    t.categories(),
                    null,
                    t.years());
            if (!FundsValidator.validate(p).isEmpty()) {
                continue;
            }
            FundsPlan plan = FundsPlanBuilder.build(p);
            double best = enumeratedOverYears(plan);
            if (Double.isNaN(best)) {
                continue;
            }
            checked++;
            long[] budgets = {
                plan.getYears().get(0).rules().budgetUnits(),
                plan.getYears().get(1).rules().budgetUnits()
            };
            int[] calls = {0, 0};
            double withCategories = RankedPlanBound.of(plan, budgets, () -> calls[0]++ > 400);
            double sums = RankedPlanBound.of(plan.totalsOnly(), budgets, () -> calls[1]++ > 400);
            assertThat(withCategories).as("trial %d", trial).isLessThanOrEqualTo(best * (1 + 1e-9));
            if (withCategories > sums * (1 + 1e-9)) {
                higher++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
        assertThat(higher)
                .as("of %d plans, where the categories raised the bound", checked)
                .isPositive();
    }

    /**
     * On a 400-county three-year earmarked plan with the rank rule the reported bound is the one that prices the
     * categories: above the converged bound on the regions' sums (by about 3.6e-4 of it here) and the neighbours'
     * bounds the report leaves out, below the answer.
     */
    @Test
    void countyPlanReportsTheBoundThatCountsTheCategories() {
        FundsProblem p = Counties.generatePlanEarmarked(400, 1, 1e6, 0.05);
        FundsPlan plan = FundsPlanBuilder.build(p);
        long[] placed = new long[plan.getYears().size()];
        for (int y = 0; y < placed.length; y++) {
            placed[y] = plan.getYears().get(y).rules().placeableUnits();
        }
        long deadline = System.currentTimeMillis() + 60_000;
        double sums = RankedPlanBound.of(plan.totalsOnly(), placed, () -> System.currentTimeMillis() > deadline);
        var answer = new org.equiplan.funds.FundsModel()
                .solve(
                        p,
                        new SolveOptions(8, null, null, 1L),
                        org.equiplan.solve.SolveListener.ofProgress(x -> {}),
                        null);
        assertThat(answer.feasible()).isTrue();
        assertThat(answer.bound()).isGreaterThan(sums * (1 + 1e-4));
        assertThat(answer.objective()).isGreaterThanOrEqualTo(answer.bound());
        // The report no longer computes the neighbours' bounds beside it: they stay below it.
        assertThat(answer.bound())
                .isGreaterThan(org.equiplan.funds.solver.MultiYearBound.of(plan, placed))
                .isGreaterThan(org.equiplan.funds.solver.MultiYearBound.of(plan.totalsOnly(), placed));
    }

    @Test
    void planMovesScoreCorrectlyUnderFullAssert() {
        FundsProblem p = Counties.generatePlanEarmarked(30, 2, Counties.DEFAULT_UNIT, null);
        FundsPlan plan = FundsPlanBuilder.build(p);
        long[] shares = EarmarkFormula.shares(plan);
        plan.setShareUnits(shares);
        plan.setUnits(EarmarkFormula.totals(plan, shares));
        HardMediumSoftLongScore start = FundsSolver.SCORING.update(plan);
        var config = EarmarkSolver.config(new SolveOptions(3, null, null, 5), true)
                .withEnvironmentMode(EnvironmentMode.FULL_ASSERT);
        FundsPlan solved = SolverFactory.<FundsPlan>create(config).buildSolver().solve(plan);
        assertThat(solved.getScore()).isGreaterThan(start);
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
        // A plan over years states each year's earmarks: not the categories' own budgets, and each year adds up.
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
        assertThat(fields(years)).contains("categories[0].budget", "years[0].categoryBudgets");
        FundsProblem plan = tinyPlan(new Random(3));
        FundsProblem.YearSpec first = plan.years().get(0);
        FundsProblem offByOne = new FundsProblem(
                plan.kind(),
                plan.name(),
                null,
                null,
                null,
                plan.unit(),
                plan.regions(),
                plan.rules(),
                plan.categories(),
                null,
                List.of(
                        new FundsProblem.YearSpec("Y0", first.budget() + 10, null, null, first.categoryBudgets()),
                        new FundsProblem.YearSpec(
                                "Y1", first.budget(), null, null, Map.of("education", first.budget()))));
        assertThat(fields(offByOne))
                .containsExactlyInAnyOrder("years[0].budget", "years[1].categoryBudgets.administration");
    }

    private static FundsProblem withCategories(FundsProblem p, List<CategorySpec> categories, double budget) {
        return new FundsProblem(
                p.kind(), p.name(), null, null, budget, p.unit(), p.regions(), p.rules(), categories, null);
    }

    private static List<String> fields(FundsProblem p) {
        return FundsValidator.validate(p).stream().map(FieldError::field).toList();
    }
}
