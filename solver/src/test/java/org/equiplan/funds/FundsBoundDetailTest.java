package org.equiplan.funds;

import static org.assertj.core.api.Assertions.assertThat;

import org.equiplan.funds.importers.Counties;
import org.equiplan.solve.SolveListener;
import org.equiplan.solve.SolveOptions;
import org.junit.jupiter.api.Test;

/** Every transfer answer says how its bound was obtained, and that a continuous bound does not see whole units. */
class FundsBoundDetailTest {

    private static FundsAnswer solve(FundsProblem problem) {
        return new FundsModel()
                .solve(problem, new SolveOptions(2.0, null, null, 1L), SolveListener.ofProgress(p -> {}), null);
    }

    private static void assertBoundBelowPlan(FundsAnswer answer) {
        assertThat(answer.feasible()).isTrue();
        assertThat(answer.bound()).isPositive().isLessThanOrEqualTo(answer.objective());
        assertThat(answer.gapToBound()).isEqualTo((answer.objective() - answer.bound()) / answer.bound());
    }

    @Test
    void oneYearIsBoundByItsContinuousRelaxation() {
        FundsAnswer answer = solve(Counties.generate(200, 1, false, 1e6));
        assertBoundBelowPlan(answer);
        assertThat(answer.boundDetail().method()).isEqualTo(ReportedBound.CONTINUOUS);
        assertThat(answer.boundDetail().notes()).isEmpty();
        assertThat(answer.gapToBound()).isLessThan(1e-6);
    }

    @Test
    void yearsWithoutTheRankRuleAreBoundByTheDualOverTheLimits() {
        FundsAnswer answer = solve(Counties.generatePlan(200, 1, 1e6, null));
        assertBoundBelowPlan(answer);
        assertThat(answer.boundDetail().method()).isEqualTo(ReportedBound.LIMITS_DUAL);
        assertThat(answer.boundDetail().notes()).isEmpty();
    }

    @Test
    void yearsWithTheRankRuleNameTheWholeRuleAndWholeUnits() {
        FundsAnswer answer = solve(Counties.generatePlan(200, 1, 1e6, 0.05));
        assertBoundBelowPlan(answer);
        assertThat(answer.boundDetail().method()).isEqualTo(ReportedBound.WHOLE_RULE);
        assertThat(answer.boundDetail().notes())
                .anySatisfy(n -> assertThat(n).startsWith("raised beside the search"))
                .anySatisfy(n -> assertThat(n).contains("whole units of 1000000"));
    }

    @Test
    void earmarkedBudgetsArePricedByCategory() {
        FundsAnswer oneYear = solve(Counties.generateEarmarked(200, 1, 1e6, 0.9, null));
        assertBoundBelowPlan(oneYear);
        assertThat(oneYear.boundDetail().method()).isEqualTo(ReportedBound.CATEGORY_PRICES);

        FundsAnswer plan = solve(Counties.generatePlanEarmarked(200, 1, 1e6, 0.05));
        assertBoundBelowPlan(plan);
        assertThat(plan.boundDetail().method()).isEqualTo(ReportedBound.WHOLE_RULE_EARMARKED);
        assertThat(plan.boundDetail().notes()).anySatisfy(n -> assertThat(n).contains("whole units"));
    }
}
