package org.equiplan.funds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.FundsProblem.RulesSpec;
import org.equiplan.problem.FieldError;
import org.equiplan.solve.SolveListener;
import org.equiplan.solve.SolveOptions;
import org.junit.jupiter.api.Test;

/** Every input error is reported with its field, and unmeetable rules say by how much. */
class FundsValidatorTest {

    private static RegionSpec region(String id, double revenue, double expenditure, Double previous, String group) {
        return new RegionSpec(id, null, 100.0, revenue, expenditure, previous, null, null, group);
    }

    private static List<String> errors(double budget, RulesSpec rules, RegionSpec... regions) {
        return FundsValidator.validate(new FundsProblem(
                        FundsProblem.KIND, "t", null, null, budget, 10.0, new ArrayList<>(List.of(regions)), rules))
                .stream()
                .map(FieldError::toString)
                .toList();
    }

    @Test
    void aValidProblemHasNoErrors() {
        assertThat(errors(100, null, region("A", 10, 50, null, "g"), region("B", 30, 40, null, null)))
                .isEmpty();
    }

    @Test
    void badNumbersAndDuplicateIds() {
        assertThat(errors(
                        100,
                        null,
                        new RegionSpec("A", null, 0.0, -1.0, 0.0, null, 50.0, 20.0, null),
                        new RegionSpec("A", null, Double.NaN, 1.0, Double.POSITIVE_INFINITY, -5.0, null, null, null)))
                .containsExactlyInAnyOrder(
                        "regions[0].population: must be > 0",
                        "regions[0].standardRevenue: must be >= 0",
                        "regions[0].standardExpenditure: must be > 0",
                        "regions[0].minTransfer: is above maxTransfer (20)",
                        "regions[1].id: duplicate region id 'A'",
                        "regions[1].population: must be a finite number",
                        "regions[1].standardExpenditure: must be a finite number",
                        "regions[1].previousTransfer: must be >= 0");
    }

    @Test
    void aNeedSoSmallThatCoverageWouldLeaveAnyScaleIsRefusedByName() {
        // 1e-320 (a subnormal double) once passed, then made coverage infinite and the solve throw.
        assertThat(errors(100, null, region("A", 10, 1e-320, null, null), region("B", 30, 40, null, null)))
                .singleElement()
                .asString()
                .startsWith("regions[0].standardExpenditure: is too small: coverage")
                .contains("at least 1.10e-07");
    }

    @Test
    void aBudgetOfZeroOrMinusZeroIsRefused() {
        assertThat(errors(0.0, null, region("A", 10, 50, null, null))).contains("budget: must be > 0");
        assertThat(errors(-0.0, null, region("A", 10, 50, null, null))).contains("budget: must be >= 0 (got -0)");
        assertThat(org.equiplan.problem.Json.readTree("{\"budget\": -0.0}")
                        .get("budget")
                        .asDouble())
                .isEqualTo(-0.0);
    }

    @Test
    void theSmallestAcceptedNeedSolvesToAFiniteAnswer() {
        double budget = 100;
        double smallest = (10 + budget) / FundsValidator.MAX_COVERAGE;
        FundsProblem problem = new FundsProblem(
                FundsProblem.KIND,
                "t",
                null,
                null,
                budget,
                10.0,
                new ArrayList<>(List.of(region("A", 10, smallest, null, null), region("B", 30, 400, null, null))),
                null);
        assertThat(FundsValidator.validate(problem)).isEmpty();
        FundsAnswer answer = new FundsModel()
                .solve(problem, new SolveOptions(5, null, null, 0), SolveListener.ofProgress(p -> {}), null);
        assertThat(answer.feasible()).isTrue();
        assertThat(answer.objective()).isFinite();
        // All of it goes to B, the region below its need; A covers its need many times over already.
        assertThat(answer.allocations().get(1).amount()).isEqualTo(100.0);
    }

    @Test
    void unknownGroupInCapsAndMissingPreviousTransfer() {
        assertThat(errors(
                        100,
                        new RulesSpec(0.9, null, null, Map.of("nowhere", 10.0), null),
                        region("A", 10, 50, 20.0, "g"),
                        region("B", 10, 50, null, "g")))
                .containsExactly(
                        "regions[1].previousTransfer: is required by rules.holdHarmless",
                        "rules.groupCaps.nowhere: unknown group 'nowhere': no region has it");
    }

    @Test
    void aFloorAboveACapNamesBothRules() {
        // B is not eligible (revenue 90 covers 50), yet hold-harmless asks for 0.9 x 200 = 180
        assertThat(errors(
                        1000,
                        new RulesSpec(0.9, null, null, null, true),
                        region("A", 10, 50, 20.0, null),
                        region("B", 90, 50, 200.0, null)))
                .containsExactly(
                        "regions[1]: rules.holdHarmless needs at least 180 but rules.eligibility allows at most 0");
    }

    @Test
    void floorsAboveTheBudgetSayByHowMuch() {
        assertThat(errors(
                        100,
                        new RulesSpec(1.0, null, null, null, null),
                        region("A", 10, 50, 80.0, null),
                        region("B", 10, 50, 60.0, null)))
                .containsExactly("budget: 100 is below the floors the rules set, which add up to 140: short by 40");
    }

    @Test
    void anUnmeetableGuaranteeSaysByHowMuch() {
        // coverage 0.8: A needs 0.8 x 500 - 100 = 300, B needs 400 - 0 = 400: 700 against 500
        assertThat(errors(
                        500,
                        new RulesSpec(null, null, 0.8, null, null),
                        region("A", 100, 500, null, null),
                        region("B", 0, 500, null, null)))
                .containsExactly("rules.guaranteedCoverage: coverage 0.8 in every region needs transfers of at least"
                        + " 700 in total, 200 more than the budget of 500");
    }

    @Test
    void groupFloorsAboveTheGroupCap() {
        assertThat(errors(
                        1000,
                        new RulesSpec(1.0, null, null, Map.of("g", 50.0), null),
                        region("A", 10, 500, 40.0, "g"),
                        region("B", 10, 500, 30.0, "g")))
                .containsExactly("rules.groupCaps.g: the floors of its regions add up to 70, above the cap 50 by 20");
    }

    @Test
    void budgetAndUnitMustBePositive() {
        assertThat(FundsValidator.validate(new FundsProblem(
                                "funds", null, null, null, null, 0.0, List.of(region("A", 1, 2, null, null)), null))
                        .stream()
                        .map(FieldError::toString))
                .containsExactly("budget: is required", "unit: must be > 0");
    }
}
