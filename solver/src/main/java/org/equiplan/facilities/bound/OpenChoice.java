package org.equiplan.facilities.bound;

import java.util.Arrays;

/**
 * The site part of the Lagrangian subproblem: which sites to open given each site's value v_i
 * (fixed cost plus its knapsack), minimising sum_i v_i y_i. Forced sites are open. With open-count
 * limits: the cheapest values, within the limits (exact). Otherwise, when capacities are finite: every
 * site of negative value, then the cheapest way to add enough capacity for the total demand (the
 * aggregate capacity cut, a covering knapsack by dynamic programming; with capacities rounded up and
 * the need rounded up when the table would be large, which keeps it a relaxation).
 */
final class OpenChoice {

    /** Largest covering table (sites x capacity steps) before capacities are coarsened. */
    static final long MAX_CELLS = 3_000_000;

    private final SitingModel model;
    private final Integer[] order;
    private final boolean coverCut;
    /** Whether the last choice was an exact minimum of the subproblem stated above. */
    boolean exact = true;

    OpenChoice(SitingModel model) {
        this.model = model;
        this.order = new Integer[model.sites];
        this.coverCut = !model.hasCountLimits() && model.anyFiniteCapacity();
    }

    /**
     * Fills {@code open} and returns sum of v_i over the open sites; {@code fixing[i]} 1 forces a site open,
     * -1 keeps it closed.
     */
    double choose(double[] value, boolean[] open, byte[] fixing) {
        return coverCut ? withCapacityCut(value, open, fixing) : byCount(value, open, fixing);
    }

    /**
     * The values as the choice of sites weighs them. With the aggregate capacity cut, every site's value is usually
     * positive (tight capacities: no site pays for itself alone, the cut makes the relaxation open sites) and what
     * tells a wanted site from another is its value per unit of capacity against that of the last site the cut
     * needs: {@code v_i - mu s_i}, with mu the cut's price in the LP relaxation of the covering knapsack (the
     * value per unit of capacity of its critical site). Negative means the relaxation wants the site open. Without
     * the cut the values themselves.
     */
    double[] priced(double[] value) {
        double[] out = value.clone();
        if (!coverCut) {
            return out;
        }
        int m = model.sites;
        long covered = 0;
        Integer[] candidates = new Integer[m];
        int count = 0;
        for (int i = 0; i < m; i++) {
            if (model.forced[i] || value[i] <= 0) {
                covered = saturatedAdd(covered, model.capacity[i]);
            } else {
                candidates[count++] = i;
            }
        }
        long need = model.totalDemand - covered;
        if (need <= 0) {
            return out;
        }
        Integer[] byRatio = Arrays.copyOf(candidates, count);
        long initialNeed = need;
        Arrays.sort(byRatio, (a, b) -> Double.compare(ratio(value, a, initialNeed), ratio(value, b, initialNeed)));
        double mu = 0;
        for (int i : byRatio) {
            mu = ratio(value, i, initialNeed);
            need -= Math.min(need, model.capacity[i]);
            if (need == 0) {
                break;
            }
        }
        for (int i = 0; i < m; i++) {
            out[i] = value[i] - mu * Math.min(model.capacity[i], model.totalDemand);
        }
        return out;
    }

    private double ratio(double[] value, int site, long need) {
        return value[site] / Math.min(model.capacity[site], Math.max(need, 1));
    }

    private double byCount(double[] value, boolean[] open, byte[] fixing) {
        int m = model.sites;
        double total = 0;
        int count = 0;
        for (int i = 0; i < m; i++) {
            open[i] = model.forced[i] || fixing[i] > 0;
            if (open[i]) {
                total += value[i];
                count++;
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(value[a], value[b]));
        for (int n = 0; n < m; n++) {
            int i = order[n];
            if (open[i] || fixing[i] < 0) {
                continue;
            }
            boolean wanted = value[i] < 0 && count < model.maxOpen || count < model.minOpen;
            if (!wanted) {
                continue;
            }
            open[i] = true;
            total += value[i];
            count++;
        }
        return total;
    }

    private double withCapacityCut(double[] value, boolean[] open, byte[] fixing) {
        int m = model.sites;
        double total = 0;
        long covered = 0;
        boolean unlimitedOpen = false;
        for (int i = 0; i < m; i++) {
            open[i] = fixing[i] >= 0 && (model.forced[i] || fixing[i] > 0 || value[i] <= 0);
            if (open[i]) {
                total += value[i];
                covered = saturatedAdd(covered, model.capacity[i]);
                unlimitedOpen |= model.unlimited(i);
            }
        }
        long need = model.totalDemand - covered;
        exact = true;
        if (need <= 0 || unlimitedOpen) {
            return total;
        }
        // Cheapest set of the remaining sites with capacity >= need: min-cost covering knapsack.
        int count = 0;
        int[] candidates = new int[m];
        for (int i = 0; i < m; i++) {
            if (!open[i] && fixing[i] >= 0) {
                candidates[count++] = i;
            }
        }
        long unit = Math.max(1, (long) Math.ceil((double) count * need / MAX_CELLS));
        int steps = (int) ((need + unit - 1) / unit);
        exact = unit == 1;
        double[] cheapest = new double[steps + 1];
        Arrays.fill(cheapest, Double.POSITIVE_INFINITY);
        cheapest[0] = 0;
        boolean[] took = new boolean[count * (steps + 1)];
        for (int c = 0; c < count; c++) {
            int i = candidates[c];
            // Rounding capacity up keeps every real cover a cover of the coarse need.
            long size = model.unlimited(i) ? steps : Math.min(steps, (model.capacity[i] + unit - 1) / unit);
            int row = c * (steps + 1);
            for (int r = steps; r >= 1; r--) {
                double from = cheapest[(int) Math.max(0, r - size)];
                if (from + value[i] < cheapest[r]) {
                    cheapest[r] = from + value[i];
                    took[row + r] = true;
                }
            }
        }
        if (cheapest[steps] == Double.POSITIVE_INFINITY) {
            // Not enough capacity even with every site (validation rejects such problems): open all.
            for (int c = 0; c < count; c++) {
                open[candidates[c]] = true;
                total += value[candidates[c]];
            }
            return total;
        }
        int r = steps;
        for (int c = count - 1; c >= 0 && r > 0; c--) {
            if (took[c * (steps + 1) + r]) {
                int i = candidates[c];
                open[i] = true;
                long size = model.unlimited(i) ? steps : Math.min(steps, (model.capacity[i] + unit - 1) / unit);
                r = (int) Math.max(0, r - size);
            }
        }
        return total + cheapest[steps];
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
