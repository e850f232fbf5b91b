package org.equiplan.funds.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.equiplan.funds.FundsPlanBuilder;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsValidator;
import org.equiplan.funds.domain.FundsPlan;
import org.junit.jupiter.api.Test;

/** The rank-aware relaxation: exact isotonic regression within boxes, and a valid, tighter bound. */
class RankedRelaxationTest {

    /** Pooling with clipped blocks against a fine grid over three values: never worse than the grid's best. */
    @Test
    void clippedRegressionIsTheBoxedIsotonicOptimum() {
        Random random = new Random(4);
        for (int trial = 0; trial < 200; trial++) {
            double[] y = new double[3];
            double[] w = new double[3];
            double[] lo = new double[3];
            double[] hi = new double[3];
            for (int k = 0; k < 3; k++) {
                y[k] = random.nextDouble();
                w[k] = 0.2 + random.nextDouble();
                lo[k] = random.nextDouble() * 0.6;
                hi[k] = lo[k] + 0.2 + random.nextDouble() * 0.6;
            }
            double[] low = lo.clone();
            double[] high = hi.clone();
            for (int k = 1; k < 3; k++) {
                low[k] = Math.max(low[k], low[k - 1]);
            }
            for (int k = 1; k >= 0; k--) {
                high[k] = Math.min(high[k], high[k + 1]);
            }
            if (low[0] > high[0] || low[1] > high[1] || low[2] > high[2]) {
                continue;
            }
            double[] z = RankedRelaxation.pooled(y, w, low, high, new boolean[] {true, true, false});
            assertThat(z[0]).isLessThanOrEqualTo(z[1]);
            assertThat(z[1]).isLessThanOrEqualTo(z[2]);
            double clipped = 0;
            for (int k = 0; k < 3; k++) {
                assertThat(z[k]).isBetween(lo[k] - 1e-12, hi[k] + 1e-12);
                clipped += w[k] * (z[k] - y[k]) * (z[k] - y[k]);
            }
            double best = Double.POSITIVE_INFINITY;
            int steps = 120;
            for (int a = 0; a <= steps; a++) {
                double z0 = lo[0] + (hi[0] - lo[0]) * a / steps;
                for (int b = 0; b <= steps; b++) {
                    double z1 = lo[1] + (hi[1] - lo[1]) * b / steps;
                    if (z1 < z0) {
                        continue;
                    }
                    for (int c = 0; c <= steps; c++) {
                        double z2 = lo[2] + (hi[2] - lo[2]) * c / steps;
                        if (z2 < z1) {
                            continue;
                        }
                        double v = w[0] * (z0 - y[0]) * (z0 - y[0])
                                + w[1] * (z1 - y[1]) * (z1 - y[1])
                                + w[2] * (z2 - y[2]) * (z2 - y[2]);
                        best = Math.min(best, v);
                    }
                }
            }
            // The grid only approximates the optimum from above; the clipped regression may not be worse.
            assertThat(clipped).as("trial %d", trial).isLessThanOrEqualTo(best + 1e-12);
        }
    }

    /**
     * With prices on the transfers (as the multi-year bound sets them), the relaxation with the rank order stays
     * below the best whole-unit plan that keeps the rule (enumerated), and above the relaxation of the ranges alone.
     */
    @Test
    void theRankedBoundStaysBelowTheEnumeratedOptimumAndAboveTheRangesAlone() {
        Random random = new Random(11);
        int checked = 0;
        int tighter = 0;
        for (int trial = 0; trial < 300; trial++) {
            FundsProblem p = RankPreservationTest.tiny(random);
            if (!FundsValidator.validate(p).isEmpty()) {
                continue;
            }
            FundsPlan plan = FundsPlanBuilder.build(p);
            long total = plan.getRules().placeableUnits();
            double[] price = new double[4];
            for (int i = 0; i < 4; i++) {
                price[i] = random.nextGaussian();
            }
            double[] t = RankedRelaxation.transfers(plan, price, total);
            if (t == null) {
                continue;
            }
            double ranked = value(plan, price, t);
            double ranges = value(plan, price, WaterFilling.continuousTransfers(plan, price, total));
            var cells = plan.getAllocations();
            double best = Double.POSITIVE_INFINITY;
            for (long[] u : RankPreservationTest.plans(plan, total, u -> RankPreservationTest.orderHolds(plan, u, 0))) {
                double[] amounts = new double[4];
                for (int i = 0; i < 4; i++) {
                    amounts[i] = u[i] * cells.get(i).getUnit();
                }
                best = Math.min(best, value(plan, price, amounts));
            }
            if (best == Double.POSITIVE_INFINITY) {
                continue;
            }
            checked++;
            assertThat(ranked).as("trial %d", trial).isLessThanOrEqualTo(best + 1e-9 * Math.abs(best));
            assertThat(ranked).as("trial %d", trial).isGreaterThanOrEqualTo(ranges - 1e-9 * Math.abs(ranges));
            tighter += ranked > ranges + 1e-9 * Math.abs(ranges) ? 1 : 0;
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(tighter)
                .as("where the neighbours' order lifts the relaxation")
                .isGreaterThan(10);
    }

    private static double value(FundsPlan plan, double[] price, double[] transfers) {
        double v = 0;
        for (int i = 0; i < transfers.length; i++) {
            v += plan.getAllocations().get(i).objectiveTermAt(transfers[i]) + price[i] * transfers[i];
        }
        return v;
    }
}
