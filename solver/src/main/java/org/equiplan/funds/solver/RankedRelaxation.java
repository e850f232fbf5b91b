package org.equiplan.funds.solver;

import java.util.List;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RankOrder;
import org.equiplan.funds.domain.RegionAllocation;

/**
 * The continuous minimiser of sum (R + T)^2 / E + price x T over one year's ranges and budget with the rank
 * order (by coverage) kept between neighbours in the order: a relaxation of the rank rule, so that a bound
 * built on it stays valid, but much closer to it than the ranges alone.
 *
 * <p>In coverage c = (R + T) / E the terms are E (c - (mu - price) / 2)^2 plus constants, where mu prices the
 * budget. The rule between neighbours k, k+1 in the order, loosened to c_{k+1} >= c_k - tau with tau the
 * tolerance plus twice the largest unit slack, becomes monotone in z_k = c_k + tau k. So for each mu this is
 * weighted isotonic regression within boxes, which pool-adjacent-violators solves exactly when each pooled
 * block takes its weighted mean clipped to the block's common box (PAVA holds for separable convex terms, Best,
 * Chakravarti and Ubhaya 2000; with the boxes' monotone envelopes a block that pools always has a common box);
 * bisection on mu then meets the budget. Regions that start exactly level are not chained (the rule does not
 * order them). Group caps are left out (a relaxation).
 */
public final class RankedRelaxation {

    /** Enough halvings of a bracket a few units wide to reach double precision. */
    private static final int BISECTIONS = 80;

    private RankedRelaxation() {}

    /**
     * A lower bound for one year placing {@code totalUnits}: the larger of the ranges' relaxation and this one (with
     * group caps and the order both binding, each misses what the other keeps).
     */
    public static double bound(FundsPlan year, long totalUnits) {
        double ranges = WaterFilling.continuousBound(year, totalUnits);
        double[] t = transfers(year, new double[year.getAllocations().size()], totalUnits);
        if (t == null) {
            return ranges;
        }
        double ranked = 0;
        for (int i = 0; i < t.length; i++) {
            ranked += year.getAllocations().get(i).objectiveTermAt(t[i]);
        }
        return Math.max(ranges, ranked);
    }

    /** Transfers in currency (list order), or null when the rule is not by coverage or the boxes admit no order. */
    static double[] transfers(FundsPlan year, double[] price, long totalUnits) {
        List<RegionAllocation> cells = year.getAllocations();
        if (cells.isEmpty()
                || cells.get(0).getRankOrder() == null
                || cells.get(0).getRankOrder().perCapita()) {
            return null;
        }
        RankOrder order = cells.get(0).getRankOrder();
        int n = cells.size();
        List<Integer> sequence = order.order();
        double tau = order.tolerance();
        double slack = 0;
        for (int i = 0; i < n; i++) {
            slack = Math.max(slack, order.unitSlack(i));
        }
        tau += 2 * slack;
        double[] weight = new double[n];
        double[] base = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] shift = new double[n];
        boolean[] chainedToNext = new boolean[n];
        for (int k = 0; k < n; k++) {
            RegionAllocation r = cells.get(sequence.get(k));
            double e = r.getExpenditure();
            shift[k] = tau * k;
            weight[k] = e;
            base[k] = -price[sequence.get(k)] / 2 + shift[k];
            lo[k] = (r.getRevenue() + r.getLower() * r.getUnit()) / e + shift[k];
            hi[k] = (r.getRevenue() + r.getUpper() * r.getUnit()) / e + shift[k];
            chainedToNext[k] = k + 1 < n && !order.levelWithNext(k);
        }
        // Monotone envelopes of the boxes within each chain.
        double[] low = lo.clone();
        double[] high = hi.clone();
        for (int k = 1; k < n; k++) {
            if (chainedToNext[k - 1]) {
                low[k] = Math.max(low[k], low[k - 1]);
            }
        }
        for (int k = n - 2; k >= 0; k--) {
            if (chainedToNext[k]) {
                high[k] = Math.min(high[k], high[k + 1]);
            }
        }
        for (int k = 0; k < n; k++) {
            if (low[k] > high[k] + 1e-12) {
                return null;
            }
        }
        double target = totalUnits * cells.get(0).getUnit();
        double a = -1;
        double b = 1;
        for (int k = 0; k < n; k++) {
            a = Math.min(a, 2 * (low[k] - base[k]) - 1);
            b = Math.max(b, 2 * (high[k] - base[k]) + 1);
        }
        double[] y = new double[n];
        for (int step = 0; step < BISECTIONS; step++) {
            double mid = a + (b - a) / 2;
            if (mid <= a || mid >= b) {
                break;
            }
            if (sum(cells, sequence, solve(base, mid, weight, low, high, chainedToNext, y), shift) < target) {
                a = mid;
            } else {
                b = mid;
            }
        }
        double[] z = solve(base, b, weight, low, high, chainedToNext, y);
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            RegionAllocation r = cells.get(sequence.get(k));
            t[sequence.get(k)] = (z[k] - shift[k]) * r.getExpenditure() - r.getRevenue();
        }
        return t;
    }

    private static double[] solve(
            double[] base, double mu, double[] w, double[] low, double[] high, boolean[] chained, double[] y) {
        for (int k = 0; k < base.length; k++) {
            y[k] = base[k] + mu / 2;
        }
        return pooled(y, w, low, high, chained);
    }

    private static double sum(List<RegionAllocation> cells, List<Integer> sequence, double[] z, double[] shift) {
        double total = 0;
        for (int k = 0; k < z.length; k++) {
            RegionAllocation r = cells.get(sequence.get(k));
            total += (z[k] - shift[k]) * r.getExpenditure() - r.getRevenue();
        }
        return total;
    }

    /**
     * Weighted isotonic regression within boxes by pool-adjacent-violators: the nondecreasing sequence closest to
     * {@code y} in weighted squares with {@code low[k] <= z[k] <= high[k]} (monotone envelopes), where a block
     * never pools across a position not chained to the next, and each block takes its weighted mean clipped to the
     * block's common box [low of its last, high of its first].
     */
    static double[] pooled(double[] y, double[] w, double[] low, double[] high, boolean[] chainedToNext) {
        int n = y.length;
        double[] mean = new double[n];
        double[] weight = new double[n];
        double[] value = new double[n];
        int[] start = new int[n];
        int blocks = 0;
        for (int k = 0; k < n; k++) {
            mean[blocks] = y[k];
            weight[blocks] = w[k];
            start[blocks] = k;
            value[blocks] = Math.max(low[k], Math.min(high[k], y[k]));
            blocks++;
            while (blocks > 1 && chainedToNext[start[blocks - 1] - 1] && value[blocks - 2] > value[blocks - 1]) {
                double total = weight[blocks - 2] + weight[blocks - 1];
                mean[blocks - 2] =
                        (mean[blocks - 2] * weight[blocks - 2] + mean[blocks - 1] * weight[blocks - 1]) / total;
                weight[blocks - 2] = total;
                int last = k; // the pooled block runs from start[blocks - 2] to k
                value[blocks - 2] = Math.max(low[last], Math.min(high[start[blocks - 2]], mean[blocks - 2]));
                blocks--;
            }
        }
        double[] out = new double[n];
        for (int b = 0; b < blocks; b++) {
            int end = b + 1 < blocks ? start[b + 1] : n;
            for (int k = start[b]; k < end; k++) {
                out[k] = value[b];
            }
        }
        return out;
    }
}
