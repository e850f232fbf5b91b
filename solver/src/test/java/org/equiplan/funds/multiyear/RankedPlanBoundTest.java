package org.equiplan.funds.multiyear;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.equiplan.funds.FundsAnswer;
import org.equiplan.funds.FundsModel;
import org.equiplan.funds.FundsPlanBuilder;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.RankPreservation;
import org.equiplan.funds.FundsProblem.RulesSpec;
import org.equiplan.funds.FundsValidator;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RankOrder;
import org.equiplan.funds.solver.MultiYearBound;
import org.equiplan.funds.solver.RankedPlanBound;
import org.equiplan.solve.SolveListener;
import org.equiplan.solve.SolveOptions;
import org.junit.jupiter.api.Test;

/** The plan bound with the whole rank rule against enumeration of tiny two-year plans with rank preservation. */
class RankedPlanBoundTest {

    @Test
    void staysBelowTheEnumeratedOptimumAndAboveTheNeighbourBoundWhereTheRuleBinds() {
        Random random = new Random(3);
        int checked = 0;
        int higher = 0;
        for (int trial = 0; trial < 60; trial++) {
            FundsProblem t = MultiYearTest.tiny(random, 0.25, 0.2);
            double tolerance = random.nextBoolean() ? 0 : 0.05;
            FundsProblem p = new FundsProblem(
                    t.kind(),
                    t.name(),
                    null,
                    null,
                    null,
                    t.unit(),
                    t.regions(),
                    new RulesSpec(
                            null,
                            null,
                            null,
                            null,
                            null,
                            new RankPreservation(RankPreservation.COVERAGE, tolerance),
                            null,
                            t.rules().yearOnYear()),
                    null,
                    null,
                    t.years());
            if (!FundsValidator.validate(p).isEmpty()) {
                continue;
            }
            FundsPlan plan = FundsPlanBuilder.build(p);
            double best =
                    MultiYearTest.enumerate(plan, (y1, y2) -> ordered(plan.year(0), y1) && ordered(plan.year(1), y2));
            if (best == Double.POSITIVE_INFINITY) {
                continue;
            }
            checked++;
            long[] placed = {
                plan.getYears().get(0).rules().placeableUnits(),
                plan.getYears().get(1).rules().placeableUnits()
            };
            int[] evaluations = {0};
            double bound = RankedPlanBound.of(plan, placed, () -> evaluations[0]++ > 300);
            assertThat(bound).as("trial %d", trial).isLessThanOrEqualTo(best * (1 + 1e-9));
            if (bound > MultiYearBound.of(plan, placed) * (1 + 1e-9)) {
                higher++;
            }
            // The answer reports the larger of the two, still below the optimum.
            FundsAnswer answer = new FundsModel()
                    .solve(p, new SolveOptions(0.5, 0.25, null, trial), SolveListener.ofProgress(x -> {}), null);
            assertThat(answer.bound()).as("trial %d", trial).isLessThanOrEqualTo(best * (1 + 1e-9));
        }
        assertThat(checked).isGreaterThanOrEqualTo(15);
        assertThat(higher)
                .as("of %d trials, where the whole rule raised the bound", checked)
                .isPositive();
    }

    /** Every pair of the rule, from its definition (RankOrder's comment). */
    private static boolean ordered(FundsPlan year, long[] units) {
        RankOrder order = year.getAllocations().get(0).getRankOrder();
        double unit = year.getAllocations().get(0).getUnit();
        for (int i = 0; i < units.length; i++) {
            for (int j = 0; j < units.length; j++) {
                if (order.before(i) < order.before(j)) {
                    double mi = order.before(i) + units[i] * unit / order.weight(i);
                    double mj = order.before(j) + units[j] * unit / order.weight(j);
                    if (mj < mi - order.tolerance() - order.unitSlack(i) - order.unitSlack(j) - 1e-12) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
