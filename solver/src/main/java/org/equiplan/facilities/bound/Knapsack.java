package org.equiplan.facilities.bound;

import java.util.Arrays;

/**
 * 0-1 knapsack, maximising profit: exact by dynamic programming over the capacity while the table is
 * small, otherwise bounded from above by its LP relaxation (Dantzig's bound: items by profit per
 * weight, the last one fractional). Either way the returned profit is at least the integer optimum,
 * so a cost of minus that profit is a valid lower bound. Buffers are reused between calls; one
 * instance per thread.
 */
public final class Knapsack {

    /** Largest DP table (items x capacity cells) solved exactly. */
    static final long MAX_CELLS = 4_000_000;

    private double[] best = new double[0];
    private boolean[] took = new boolean[0];
    private Integer[] order = new Integer[0];
    /** Whether the last {@link #solve} was exact. */
    public boolean exact;

    /**
     * @param count items 0..count-1 of {@code weight} and {@code profit} (profits > 0)
     * @param take  set to the items of an optimal (or, when not exact, a good feasible) selection
     * @return an upper bound on the best total profit, exact when {@link #exact}
     */
    public double solve(int count, long[] weight, double[] profit, long capacity, boolean[] take) {
        long totalWeight = 0;
        double totalProfit = 0;
        for (int k = 0; k < count; k++) {
            totalWeight += weight[k];
            totalProfit += profit[k];
        }
        exact = true;
        if (totalWeight <= capacity) {
            Arrays.fill(take, 0, count, true);
            return totalProfit;
        }
        long divisor = 0;
        for (int k = 0; k < count; k++) {
            divisor = gcd(divisor, weight[k]);
        }
        int cap = (int) Math.min(capacity / divisor, Integer.MAX_VALUE - 1);
        if ((long) count * (cap + 1) <= MAX_CELLS) {
            return dynamic(count, weight, divisor, profit, cap, take);
        }
        exact = false;
        return dantzig(count, weight, profit, capacity, take);
    }

    private double dynamic(int count, long[] weight, long divisor, double[] profit, int cap, boolean[] take) {
        int width = cap + 1;
        if (best.length < width) {
            best = new double[width];
        }
        if (took.length < count * width) {
            took = new boolean[count * width];
        }
        Arrays.fill(best, 0, width, 0.0);
        for (int k = 0; k < count; k++) {
            int w = (int) (weight[k] / divisor);
            double p = profit[k];
            int row = k * width;
            Arrays.fill(took, row, row + width, false);
            for (int c = cap; c >= w; c--) {
                double with = best[c - w] + p;
                if (with > best[c]) {
                    best[c] = with;
                    took[row + c] = true;
                }
            }
        }
        int c = cap;
        for (int k = count - 1; k >= 0; k--) {
            take[k] = took[k * width + c];
            if (take[k]) {
                c -= (int) (weight[k] / divisor);
            }
        }
        return best[cap];
    }

    private double dantzig(int count, long[] weight, double[] profit, long capacity, boolean[] take) {
        if (order.length < count) {
            order = new Integer[count];
        }
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        Arrays.sort(order, 0, count, (a, b) -> Double.compare(profit[b] / weight[b], profit[a] / weight[a]));
        Arrays.fill(take, 0, count, false);
        long room = capacity;
        double bound = 0;
        boolean fractionDone = false;
        for (int n = 0; n < count; n++) {
            int k = order[n];
            if (weight[k] <= room) {
                // The selection goes on filling the room greedily; the bound stops at the first item that
                // does not fit, which it takes in part (the LP optimum).
                take[k] = true;
                if (!fractionDone) {
                    bound += profit[k];
                }
                room -= weight[k];
            } else if (!fractionDone) {
                bound += profit[k] * room / (double) weight[k];
                fractionDone = true;
            }
        }
        return bound;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
