package org.equiplan.funds.expenditure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.equiplan.funds.FundsAnswer;
import org.equiplan.funds.FundsModel;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.CategorySpec;
import org.equiplan.funds.FundsProblem.EvaluationSpec;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.FundsProblem.RulesSpec;
import org.equiplan.funds.FundsValidator;
import org.equiplan.funds.importers.Counties;
import org.equiplan.problem.FieldError;
import org.equiplan.solve.SolveListener;
import org.equiplan.solve.SolveOptions;
import org.junit.jupiter.api.Test;

/** Standard expenditure built from categories, checked against amounts worked out by hand. */
class StandardExpenditureTest {

    static final List<CategorySpec> CATEGORIES = List.of(
            new CategorySpec("education", "教育", Map.of("children", 10_000.0, "residents", 100.0), List.of("heating")),
            new CategorySpec("health", "医疗", Map.of("residents", 500.0), null));

    static RegionSpec region(String id, double revenue, Double satisfactionHealth) {
        return new RegionSpec(
                id,
                null,
                1000.0,
                revenue,
                null,
                null,
                null,
                null,
                null,
                Map.of("children", 200.0),
                Map.of("heating", 1.1, "altitude", 1.2),
                satisfactionHealth == null ? null : Map.of("health", satisfactionHealth),
                null);
    }

    static FundsProblem problem(List<RegionSpec> regions, EvaluationSpec evaluation) {
        return new FundsProblem(
                FundsProblem.KIND,
                "built",
                null,
                null,
                1_000_000.0,
                1000.0,
                regions,
                new RulesSpec(null, null, null, null, null, null, evaluation),
                CATEGORIES,
                null);
    }

    @Test
    void buildsEachCategoryFromPeopleStandardsCoefficientsAndEvaluation() {
        // education: 200 children x 10,000 + 1,000 residents x 100 = 2,100,000, x heating 1.1 = 2,310,000.
        // health: 1,000 x 500 = 500,000, x heating 1.1 x altitude 1.2 = 660,000, rated 0.6 against a target of
        // 0.8: raised by min(0.05, 0.5 x 0.2) = 5%, to 693,000. Total 3,003,000; evaluation added 33,000.
        FundsProblem p = problem(List.of(region("A", 1_000_000, 0.6)), new EvaluationSpec(0.8, 0.5, 0.05));
        assertThat(FundsValidator.validate(p)).isEmpty();
        StandardExpenditure.Build build = StandardExpenditure.of(p).get(0);
        assertThat(build.parts().get(0).amount()).isCloseTo(2_310_000, within(1e-6));
        assertThat(build.parts().get(1).coefficient()).isCloseTo(1.32, within(1e-12));
        assertThat(build.parts().get(1).evaluationRaise()).isEqualTo(0.05);
        assertThat(build.parts().get(1).amount()).isCloseTo(693_000, within(1e-6));
        assertThat(build.total()).isCloseTo(3_003_000, within(1e-6));
        assertThat(build.byEvaluation()).isCloseTo(33_000, within(1e-6));
        assertThat(StandardExpenditure.resolve(p).regions().get(0).standardExpenditure())
                .isCloseTo(3_003_000, within(1e-6));
    }

    @Test
    void theAnswerShowsTheBuildAndWhatEvaluationChanged() {
        FundsProblem p = problem(
                List.of(region("A", 1_000_000, 0.6), region("B", 2_500_000, 0.9)), new EvaluationSpec(0.8, 0.5, 0.05));
        FundsAnswer answer =
                new FundsModel().solve(p, new SolveOptions(2, null, null, 0), SolveListener.ofProgress(x -> {}), null);
        assertThat(answer.feasible()).isTrue();
        assertThat(answer.expenditure().regionsRaised()).isEqualTo(1);
        assertThat(answer.expenditure().byEvaluation()).isCloseTo(33_000, within(1e-6));
        assertThat(answer.expenditure().categories()).hasSize(2);
        // Coverage is against the built expenditure: A's (1,000,000 + T) / 3,003,000.
        FundsAnswer.Allocation a = answer.allocations().get(0);
        assertThat(a.coverage()).isCloseTo((1_000_000 + a.amount()) / 3_003_000, within(1e-12));
    }

    @Test
    void errorsNameTheirFields() {
        RegionSpec stated = new RegionSpec(
                "S",
                null,
                10.0,
                1.0,
                5.0,
                null,
                null,
                null,
                null,
                Map.of(),
                Map.of("heating", 110.0),
                Map.of("roads", 0.5),
                null);
        List<FieldError> errors =
                FundsValidator.validate(problem(List.of(stated), new EvaluationSpec(1.5, null, null)));
        assertThat(errors)
                .extracting(FieldError::field)
                .contains(
                        "regions[0].standardExpenditure",
                        "regions[0].populationByGroup.children",
                        "regions[0].costCoefficients.heating",
                        "regions[0].satisfaction.roads",
                        "rules.evaluation.target");
    }

    @Test
    void evaluationWithoutCategoriesIsRefused() {
        FundsProblem p = new FundsProblem(
                FundsProblem.KIND,
                "x",
                null,
                null,
                100.0,
                1.0,
                List.of(new RegionSpec("A", null, 1.0, 1.0, 10.0, null, null, null, null)),
                new RulesSpec(null, null, null, null, null, null, new EvaluationSpec(0.8, null, null)));
        assertThat(FundsValidator.validate(p)).extracting(FieldError::field).containsExactly("rules.evaluation");
    }

    @Test
    void theGeneratedCountyProblemIsValidAndEveryRuleHolds() {
        FundsProblem p = Counties.generateWithCategories(400, 2, 1e6);
        assertThat(FundsValidator.validate(p)).isEmpty();
        FundsAnswer answer =
                new FundsModel().solve(p, new SolveOptions(5, null, null, 0), SolveListener.ofProgress(x -> {}), null);
        assertThat(answer.feasible()).isTrue();
        assertThat(answer.rank().shortfall()).isZero();
        assertThat(answer.expenditure().regions()).hasSize(400);
        assertThat(answer.bound()).isLessThanOrEqualTo(answer.objective() * (1 + 1e-12));
    }
}
