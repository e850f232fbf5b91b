package org.equiplan.funds.solver;

import static org.assertj.core.api.Assertions.assertThat;

import org.equiplan.funds.FundsPlanBuilder;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.importers.Counties;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The plan built from the whole-rule bound's prices on generated three-year county plans with a rank rule: every
 * rule holds, it is no better than the bound (which would disprove one of them), and it is better than the start the
 * search begins from (what it is for).
 */
class PricedPlanTest {

    @Test
    void isFeasibleAboveTheBoundAndBetterThanTheSearchStart() {
        for (long seed = 1; seed <= 2; seed++) {
            FundsPlan plan = FundsPlanBuilder.build(Counties.generatePlan(400, seed, 1e6, 0.05));
            long[] placed = new long[plan.getYears().size()];
            for (int y = 0; y < placed.length; y++) {
                placed[y] = plan.getYears().get(y).rules().placeableUnits();
            }
            // The bound ends by itself once no step gains; the deadline only caps it.
            RankedPlanBound.Runner runner = RankedPlanBound.start(plan, System.currentTimeMillis() + 120_000);
            runner.finish();
            double bound = RankedPlanBound.known(plan, placed);

            long[] priced = runner.plan();
            assertThat(priced).as("seed %d", seed).isNotNull();
            HardMediumSoftLongScore score = FundsSolver.score(plan, priced);
            assertThat(score.hardScore()).as("seed %d: %s", seed, score).isZero();
            assertThat(score.mediumScore()).as("seed %d: %s", seed, score).isZero();
            double objective = objective(plan, priced);
            assertThat(objective).as("seed %d", seed).isGreaterThanOrEqualTo(bound * (1 - 1e-12));

            long[] start = PlanStart.of(plan);
            assertThat(objective).as("seed %d", seed).isLessThan(objective(plan, start));
        }
    }

    private static double objective(FundsPlan plan, long[] units) {
        double unit = plan.getAllocations().get(0).getUnit();
        double sum = 0;
        for (int k = 0; k < units.length; k++) {
            sum += plan.getAllocations().get(k).objectiveTermAt(units[k] * unit);
        }
        return sum;
    }
}
