package org.equiplan.funds.solver;

import java.util.List;
import org.equiplan.funds.FundsPlanBuilder;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.RankPreservation;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.FundsProblem.RulesSpec;
import org.equiplan.funds.FundsProblem.YearOnYear;
import org.equiplan.funds.FundsProblem.YearSpec;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RegionAllocation;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

/** One test per richer rule, with the penalty worked out by hand. */
class RicherRulesConstraintsTest {

    private final ConstraintVerifier<FundsConstraints, FundsPlan> verifier = ConstraintVerifier.build(
                    new FundsConstraints(),
                    FundsPlan.class,
                    RegionAllocation.class,
                    org.equiplan.funds.domain.CategoryShare.class)
            .withConstraintStreamImplType(ConstraintStreamImplType.BAVET);

    @Test
    void rankPreservation() {
        // Unit 10. Before: C 50/250 = 0.20 < A 100/400 = 0.25 < B 300/200 = 1.5. Slack U/E: A 0.025, B 0.05, C 0.04.
        // With A 0, B 0, C 30: C ends at 350/250 = 1.4. A must reach 1.4 - 0.04 - 0.025 = 1.335, i.e. 434 yuan:
        // 44 units short. C may not pass A's 0.25 + 0.025 + 0.04 = 0.315, i.e. 28.75 yuan: at most 2 units, 28
        // too many. B, far above both, is fine. 44 + 28 = 72.
        FundsProblem p = new FundsProblem(
                FundsProblem.KIND,
                "rank",
                null,
                null,
                1000.0,
                10.0,
                List.of(
                        new RegionSpec("A", null, 10.0, 100.0, 400.0, null, null, null, null),
                        new RegionSpec("B", null, 10.0, 300.0, 200.0, null, null, null, null),
                        new RegionSpec("C", null, 10.0, 50.0, 250.0, null, null, null, null)),
                new RulesSpec(null, null, null, null, null, RankPreservation.of(true), null));
        FundsPlan plan = FundsPlanBuilder.build(p);
        plan.setUnits(new long[] {0, 0, 30});
        verifier.verifyThat(FundsConstraints::rankPreservation)
                .givenSolution(plan)
                .penalizesBy(72);
        // A 30 (1.0): still 14 short; C may not pass 1.0 + 0.025 + 0.04 = 1.065, 216.25 yuan: 21 units, 9 over.
        plan.setUnits(new long[] {30, 0, 30});
        verifier.verifyThat(FundsConstraints::rankPreservation)
                .givenSolution(plan)
                .penalizesBy(14 + 9);
        // A 50 (1.5), C 40 (1.8): A needs 1.735, 59.4 -> 60 units, 10 short; B needs 1.76 - 0.05 = 1.71, 42 yuan ->
        // 5 units, 5 short; C may not pass min(A 1.525, B 1.55) + 0.04 = 1.565, 34 units, 6 over.
        plan.setUnits(new long[] {50, 0, 40});
        verifier.verifyThat(FundsConstraints::rankPreservation)
                .givenSolution(plan)
                .penalizesBy(10 + 5 + 6);
    }

    @Test
    void basicNeed() {
        // A's basic need 250 against revenue 100: at least 150 yuan, 15 units of 10; A has 9.
        RegionSpec a = new RegionSpec("A", null, 10.0, 100.0, 400.0, null, null, null, null, null, null, null, 250.0);
        FundsProblem p = new FundsProblem(
                FundsProblem.KIND,
                "basic",
                null,
                null,
                1000.0,
                10.0,
                List.of(a, new RegionSpec("B", null, 10.0, 300.0, 400.0, null, null, null, null)),
                null);
        FundsPlan plan = FundsPlanBuilder.build(p);
        plan.setUnits(new long[] {9, 0});
        verifier.verifyThat(FundsConstraints::basicNeed).givenSolution(plan).penalizesBy(6);
    }

    @Test
    void yearOnYear() {
        // Unit 1, limits +10% / -20%. A: 10 then 12, at most 11: 1 over. B: 10 then 7, at least 8: 1 under.
        FundsProblem p = new FundsProblem(
                FundsProblem.KIND,
                "years",
                null,
                null,
                null,
                1.0,
                List.of(
                        new RegionSpec("A", null, 1.0, 10.0, 100.0, null, null, null, null),
                        new RegionSpec("B", null, 1.0, 10.0, 100.0, null, null, null, null)),
                new RulesSpec(null, null, null, null, null, null, null, new YearOnYear(0.1, 0.2)),
                null,
                null,
                List.of(new YearSpec("1", 20.0, null, null), new YearSpec("2", 20.0, null, null)));
        FundsPlan plan = FundsPlanBuilder.build(p);
        plan.setUnits(new long[] {10, 10, 12, 7});
        verifier.verifyThat(FundsConstraints::yearOnYearGrowth)
                .givenSolution(plan)
                .penalizesBy(1);
        verifier.verifyThat(FundsConstraints::yearOnYearDecline)
                .givenSolution(plan)
                .penalizesBy(1);
        // Each year's budget on its own: year 2 has 19 of 20 and no year is over.
        verifier.verifyThat(FundsConstraints::budget).givenSolution(plan).penalizesBy(0);
        verifier.verifyThat(FundsConstraints::unallocatedBudget)
                .givenSolution(plan)
                .penalizesBy(1);
    }
}
