package org.equiplan.funds.solver;

import java.util.List;
import java.util.Map;
import org.equiplan.funds.FundsPlanBuilder;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.CategorySpec;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.domain.CategoryShare;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RegionAllocation;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

/** The earmark constraints, with penalties worked out by hand. */
class EarmarkConstraintsTest {

    private final ConstraintVerifier<FundsConstraints, FundsPlan> verifier = ConstraintVerifier.build(
                    new FundsConstraints(), FundsPlan.class, RegionAllocation.class, CategoryShare.class)
            .withConstraintStreamImplType(ConstraintStreamImplType.BAVET);

    /**
     * Unit 10. Two regions, education (children x 10) budget 50 = 5 units, administration (residents x 2) budget 30
     * = 3 units. A: 20 people, 4 children, revenue 30: E_edu 40, E_adm 40, so R_edu = R_adm = 15. B: 10 people, 2
     * children, revenue 0: E_edu 20, E_adm 20.
     */
    private static FundsPlan plan() {
        FundsProblem p = new FundsProblem(
                FundsProblem.KIND,
                "earmarks",
                null,
                null,
                80.0,
                10.0,
                List.of(
                        new RegionSpec(
                                "A",
                                null,
                                20.0,
                                30.0,
                                null,
                                null,
                                null,
                                null,
                                null,
                                Map.of("children", 4.0),
                                null,
                                null,
                                null),
                        new RegionSpec(
                                "B",
                                null,
                                10.0,
                                0.0,
                                null,
                                null,
                                null,
                                null,
                                null,
                                Map.of("children", 2.0),
                                null,
                                null,
                                null)),
                null,
                List.of(
                        new CategorySpec("education", null, Map.of("children", 10.0), null, 50.0),
                        new CategorySpec("administration", null, Map.of("residents", 2.0), null, 30.0)),
                null);
        return FundsPlanBuilder.build(p);
    }

    @Test
    void categoryBudget() {
        FundsPlan plan = plan();
        // Shares A-edu, A-adm, B-edu, B-adm. Education 4 + 3 = 7 of 5: 2 over; administration 1 + 1 = 2 of 3: fine.
        plan.setShareUnits(new long[] {4, 1, 3, 1});
        plan.setUnits(new long[] {5, 4});
        verifier.verifyThat(FundsConstraints::categoryBudget)
                .givenSolution(plan)
                .penalizesBy(2);
    }

    @Test
    void categorySplit() {
        FundsPlan plan = plan();
        // A's shares add up to 5 but its total is 3 (2 off); B's add up to 3 and its total is 4 (1 off).
        plan.setShareUnits(new long[] {3, 2, 2, 1});
        plan.setUnits(new long[] {3, 4});
        verifier.verifyThat(FundsConstraints::categorySplit).givenSolution(plan).penalizesBy(3);
    }

    @Test
    void categorySpreadReplacesTheRegionTerm() {
        FundsPlan plan = plan();
        plan.setShareUnits(new long[] {3, 2, 2, 1});
        plan.setUnits(new long[] {5, 3});
        // (15 + 30)^2 / 40 + (15 + 20)^2 / 40 + (0 + 20)^2 / 20 + (0 + 10)^2 / 20 = 50.625 + 30.625 + 20 + 5 = 106.25,
        // x the score scale 1000.
        verifier.verifyThat(FundsConstraints::categorySpread)
                .givenSolution(plan)
                .penalizesBy(106_250);
        // The regions' own (R + T)^2 / E no longer counts: the shares carry the objective.
        verifier.verifyThat(FundsConstraints::coverageSpread)
                .givenSolution(plan)
                .penalizesBy(0);
    }
}
