package org.equiplan.funds.solver;

import java.util.List;
import java.util.Map;
import org.equiplan.funds.FundsPlanBuilder;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.FundsProblem.RulesSpec;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RegionAllocation;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

/**
 * One test per rule. Three regions, unit 10: A (R 100, E 400, previous 100), B (R 300, E 200,
 * previous 50, not eligible), C (R 50, E 250, previous 200); A and C form group "g" capped at 250.
 */
class FundsConstraintsTest {

    private final ConstraintVerifier<FundsConstraints, FundsPlan> verifier = ConstraintVerifier.build(
                    new FundsConstraints(),
                    FundsPlan.class,
                    RegionAllocation.class,
                    org.equiplan.funds.domain.CategoryShare.class)
            .withConstraintStreamImplType(ConstraintStreamImplType.BAVET);

    private static FundsPlan plan(RulesSpec rules, Double minA, Double maxA, long a, long b, long c) {
        FundsProblem p = new FundsProblem(
                FundsProblem.KIND,
                "t",
                null,
                null,
                1000.0,
                10.0,
                List.of(
                        new RegionSpec("A", null, 10.0, 100.0, 400.0, 100.0, minA, maxA, "g"),
                        new RegionSpec("B", null, 10.0, 300.0, 200.0, 50.0, null, null, null),
                        new RegionSpec("C", null, 10.0, 50.0, 250.0, 200.0, null, null, "g")),
                rules);
        FundsPlan plan = FundsPlanBuilder.build(p);
        plan.setUnits(new long[] {a, b, c});
        return plan;
    }

    private static final RulesSpec NONE = new RulesSpec(null, null, null, null, null);

    @Test
    void budget() {
        // 60 + 20 + 30 = 110 units against a budget of 100 units
        verifier.verifyThat(FundsConstraints::budget)
                .givenSolution(plan(NONE, null, null, 60, 20, 30))
                .penalizesBy(10);
        verifier.verifyThat(FundsConstraints::budget)
                .givenSolution(plan(NONE, null, null, 50, 20, 30))
                .penalizesBy(0);
    }

    @Test
    void minimumTransfer() {
        // A's minimum 125 yuan is 13 units (rounded up); A has 5
        verifier.verifyThat(FundsConstraints::minimumTransfer)
                .givenSolution(plan(NONE, 125.0, null, 5, 0, 0))
                .penalizesBy(8);
    }

    @Test
    void maximumTransfer() {
        // A's maximum 125 yuan is 12 units (rounded down); A has 15
        verifier.verifyThat(FundsConstraints::maximumTransfer)
                .givenSolution(plan(NONE, null, 125.0, 15, 0, 0))
                .penalizesBy(3);
    }

    @Test
    void holdHarmless() {
        // 0.95 x 100 = 95 yuan -> 10 units for A; 0.95 x 200 = 190 -> 19 units for C; B 0.95 x 50 -> 5 units
        RulesSpec rules = new RulesSpec(0.95, null, null, null, null);
        verifier.verifyThat(FundsConstraints::holdHarmless)
                .givenSolution(plan(rules, null, null, 8, 5, 19))
                .penalizesBy(2);
    }

    @Test
    void maximumGrowth() {
        // 1.2 x 200 = 240 yuan -> at most 24 units for C; C has 30
        RulesSpec rules = new RulesSpec(null, 0.2, null, null, null);
        verifier.verifyThat(FundsConstraints::maximumGrowth)
                .givenSolution(plan(rules, null, null, 12, 6, 30))
                .penalizesBy(6);
    }

    @Test
    void guaranteedCoverage() {
        // coverage 0.5: A needs 0.5 x 400 - 100 = 100 yuan = 10 units, C needs 125 - 50 = 75 -> 8 units, B none
        RulesSpec rules = new RulesSpec(null, null, 0.5, null, null);
        verifier.verifyThat(FundsConstraints::guaranteedCoverage)
                .givenSolution(plan(rules, null, null, 4, 0, 8))
                .penalizesBy(6);
    }

    @Test
    void eligibility() {
        // B's revenue 300 covers its expenditure 200: any transfer to B is penalised
        RulesSpec rules = new RulesSpec(null, null, null, null, true);
        verifier.verifyThat(FundsConstraints::eligibility)
                .givenSolution(plan(rules, null, null, 10, 7, 10))
                .penalizesBy(7);
    }

    @Test
    void groupCap() {
        // group g (A, C) capped at 250 yuan = 25 units; A 20 + C 15 = 35
        RulesSpec rules = new RulesSpec(null, null, null, Map.of("g", 250.0), null);
        verifier.verifyThat(FundsConstraints::groupCap)
                .givenSolution(plan(rules, null, null, 20, 0, 15))
                .penalizesBy(10);
    }

    @Test
    void unallocatedBudget() {
        // 100 units placeable (no caps); 40 + 0 + 30 placed
        verifier.verifyThat(FundsConstraints::unallocatedBudget)
                .givenSolution(plan(NONE, null, null, 40, 0, 30))
                .penalizesBy(30);
    }

    @Test
    void coverageSpread() {
        // (100 + 400)^2 / 400 + (300 + 0)^2 / 200 + (50 + 200)^2 / 250 = 625 + 450 + 250 = 1325, scale 1000
        verifier.verifyThat(FundsConstraints::coverageSpread)
                .givenSolution(plan(NONE, null, null, 40, 0, 20))
                .penalizesBy(1_325_000);
    }
}
