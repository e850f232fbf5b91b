package org.equiplan.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.equiplan.funds.FundsReport;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.solver.RankedRelaxation;
import org.equiplan.funds.solver.WaterFilling;
import org.junit.jupiter.api.Test;

/** Equiplan's transfer bound against an independent QP solver (ojAlgo) on the same plans. */
class QpCheckTest {

    static FundsPlan plan(int n, long seed, boolean rank) {
        return QpBench.plan(n, seed, rank);
    }

    @Test
    void withoutRankTheWaterFillingBoundIsTheQpOptimum() {
        for (long seed = 1; seed <= 3; seed++) {
            FundsPlan plan = plan(40, seed, false);
            long total = plan.getRules().placeableUnits();
            double ours = WaterFilling.continuousBound(plan, total);
            QpCheck.Result qp = QpCheck.solve(plan, total, false);
            assertThat(qp.state()).startsWith("OPTIMAL");
            assertThat(qp.objective()).isCloseTo(ours, within(1e-7 * ours));
        }
    }

    /**
     * With the rank rule, the bound from the implied ranges (rounded to whole units) is at least the QP's optimum
     * with the rule pairwise (its continuous form), and at most the whole-unit optimum: valid, and no weaker.
     */
    @Test
    void withRankTheBoundLiesBetweenThePairwiseQpAndTheOptimum() {
        for (long seed = 1; seed <= 3; seed++) {
            FundsPlan plan = plan(30, seed, true);
            long total = plan.getRules().placeableUnits();
            double ours = RankedRelaxation.bound(plan, total);
            QpCheck.Result qp = QpCheck.solve(plan, total, true);
            assertThat(qp.state()).startsWith("OPTIMAL");
            assertThat(ours).isGreaterThanOrEqualTo(qp.objective() * (1 - 1e-7));
            assertThat(ours).isLessThanOrEqualTo(FundsReport.objective(plan, WaterFilling.optimum(plan)) * (1 + 1e-12));
        }
    }
}
