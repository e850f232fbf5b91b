package org.equiplan.facilities.solver;

import java.util.Arrays;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.equiplan.facilities.bound.ReducedCostFixing;

/**
 * Variable neighbourhood search for one p-median service (Hansen and Mladenovic 1997): from the best open set,
 * k random interchanges (the shake), then interchanges that improve until none does (Whitaker's fast interchange:
 * for each closed site, the best open site to trade it for, evaluated for all open sites at once from each
 * demand's nearest and second-nearest open site); a better set becomes the best and k starts at 1 again, otherwise
 * k grows up to {@link #K_MAX}. Single random interchanges stall in local optima that one interchange cannot leave
 * (late acceptance sat 0.04% to 0.06% above the published optimum on pmed17, pmed18 and pmed40 for 25 s); a shake
 * of several and a full descent after it leaves them. Sites that no set cheaper than the best may open (their
 * Lagrangian floor reaches its cost, {@link ReducedCostFixing}) are left out of both: the better the best, the
 * fewer sites remain (on pmed34, 545 of 700 once 1 above the optimum; without that, pmed34 and pmed40 were not at
 * the optimum after 15 s in four runs of seven).
 *
 * <p>Works on arrays of its own: demands {@code 0..n-1}, sites {@code 0..m-1} (the service's site indexes), the
 * value of each allowed pair (what the score charges for that assignment) and each site's opening cost. The
 * exact count holds throughout: every move trades one site for another.
 */
final class MedianVns {

    /**
     * Largest shake, in interchanges. With 10, pmed30 (p = 200) stalled at 1,991 (optimum 1,989) for 6,000 rounds in
     * one solve of three; with 30 it reached the optimum in at most 317 rounds in three solves, and from the first p
     * vertices pmed34 and pmed40 took 98 to 397 rounds instead of 165 to 1,772 (seeds 0-3).
     */
    static final int K_MAX = 30;

    private final int m;
    private final int n;
    /** Per demand: its allowed sites, cheapest first, and their values. */
    private final int[][] order;

    private final double[][] orderValue;
    /** Per site: the demands that may use it, and their values there. */
    private final int[][] users;

    private final double[][] userValue;
    private final double[] fixed;
    private final boolean[] forced;
    private final boolean[] banned;
    /** Per site, a lower bound on the cost of every set that opens it (null: none known). */
    private final double[] openFloor;

    private final Random random;

    // The current open set and, per demand, its nearest (1) and second-nearest (2) open site (-1: none).
    private final boolean[] open;
    private final int[] openList;
    private final int[] openPosition;
    private int openCount;
    private final int[] site1;
    private final int[] site2;
    private final double[] value1;
    private final double[] value2;
    private double cost;

    // The best open set so far.
    private final boolean[] bestOpen;
    private double bestCost;

    // Scratch of one descent pass.
    private final double[] base;
    private final int[] uncovered;
    private final double[] adjust;
    private final int[] cover;
    private final int[] closedCandidates;

    private int k = 1;
    private long rounds;

    /**
     * @param values per demand, the value at each allowed site ({@code sites[j][q]} at {@code values[j][q]})
     * @param isOpen the starting open set (its size is the exact count kept)
     */
    MedianVns(
            int siteCount,
            int[][] sites,
            double[][] values,
            double[] fixed,
            boolean[] forced,
            boolean[] banned,
            double[] openFloor,
            boolean[] isOpen,
            long seed) {
        this.m = siteCount;
        this.n = sites.length;
        this.fixed = fixed;
        this.forced = forced;
        this.banned = banned.clone();
        this.openFloor = openFloor;
        this.random = new Random(seed);
        order = new int[n][];
        orderValue = new double[n][];
        int[] userCount = new int[m];
        for (int j = 0; j < n; j++) {
            Integer[] byValue = new Integer[sites[j].length];
            for (int q = 0; q < byValue.length; q++) {
                byValue[q] = q;
            }
            double[] v = values[j];
            Arrays.sort(byValue, (a, b) -> Double.compare(v[a], v[b]));
            order[j] = new int[byValue.length];
            orderValue[j] = new double[byValue.length];
            for (int q = 0; q < byValue.length; q++) {
                order[j][q] = sites[j][byValue[q]];
                orderValue[j][q] = v[byValue[q]];
                userCount[order[j][q]]++;
            }
        }
        users = new int[m][];
        userValue = new double[m][];
        for (int i = 0; i < m; i++) {
            users[i] = new int[userCount[i]];
            userValue[i] = new double[userCount[i]];
            userCount[i] = 0;
        }
        for (int j = 0; j < n; j++) {
            for (int q = 0; q < order[j].length; q++) {
                int i = order[j][q];
                users[i][userCount[i]] = j;
                userValue[i][userCount[i]++] = orderValue[j][q];
            }
        }
        open = new boolean[m];
        openList = new int[m];
        openPosition = new int[m];
        site1 = new int[n];
        site2 = new int[n];
        value1 = new double[n];
        value2 = new double[n];
        bestOpen = new boolean[m];
        base = new double[m];
        uncovered = new int[m];
        adjust = new double[m];
        cover = new int[m];
        closedCandidates = new int[m];
        load(isOpen);
        descend(() -> false);
        keepAsBest();
    }

    double bestCost() {
        return bestCost;
    }

    boolean[] bestOpen() {
        return bestOpen.clone();
    }

    long rounds() {
        return rounds;
    }

    /**
     * Shakes and descends from the best set until one is better ({@code true}) or {@code stop} says so
     * ({@code false}); the better set is then the best.
     */
    boolean improve(BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            rounds++;
            load(bestOpen);
            if (!shake(Math.min(k, Math.max(1, free())))) {
                return false; // nothing to trade
            }
            descend(stop);
            if (cost < bestCost - tolerance(bestCost)) {
                keepAsBest();
                k = 1;
                return true;
            }
            k = k >= K_MAX ? 1 : k + 1;
        }
        return false;
    }

    /** Per demand, the site it goes to in the best set: its cheapest open one. */
    int[] bestTargets() {
        load(bestOpen);
        return site1.clone();
    }

    /** The value of demand {@code j} at {@code site} (infinite where it may not use it): a scan of its list. */
    double valueAt(int j, int site) {
        for (int q = 0; q < order[j].length; q++) {
            if (order[j][q] == site) {
                return orderValue[j][q];
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    int[] usersOf(int site) {
        return users[site];
    }

    private static double tolerance(double value) {
        return 1e-9 * (1 + Math.abs(value));
    }

    private int free() {
        int count = 0;
        for (int q = 0; q < openCount; q++) {
            count += forced[openList[q]] ? 0 : 1;
        }
        return count;
    }

    /**
     * Keeps the current set as the best; the sites closed in it that no set cheaper than it may open (their floor
     * reaches its cost) are left out from now on: on pmed30 a plan 2 above the Lagrangian bound leaves out most.
     */
    private void keepAsBest() {
        System.arraycopy(open, 0, bestOpen, 0, m);
        bestCost = cost;
        if (openFloor != null) {
            for (int i = 0; i < m; i++) {
                banned[i] |= !open[i] && ReducedCostFixing.exceeds(openFloor[i], cost);
            }
        }
    }

    int bannedCount() {
        int count = 0;
        for (boolean b : banned) {
            count += b ? 1 : 0;
        }
        return count;
    }

    private void load(boolean[] set) {
        openCount = 0;
        for (int i = 0; i < m; i++) {
            open[i] = set[i];
            if (set[i]) {
                openPosition[i] = openCount;
                openList[openCount++] = i;
            }
        }
        cost = 0;
        for (int i = 0; i < openCount; i++) {
            cost += fixed[openList[i]];
        }
        for (int j = 0; j < n; j++) {
            nearest(j);
            cost += value1[j];
        }
    }

    /** The demand's cheapest and second-cheapest open sites. */
    private void nearest(int j) {
        site1[j] = -1;
        site2[j] = -1;
        value1[j] = Double.POSITIVE_INFINITY;
        value2[j] = Double.POSITIVE_INFINITY;
        int[] o = order[j];
        for (int q = 0; q < o.length; q++) {
            if (open[o[q]]) {
                if (site1[j] < 0) {
                    site1[j] = o[q];
                    value1[j] = orderValue[j][q];
                } else {
                    site2[j] = o[q];
                    value2[j] = orderValue[j][q];
                    return;
                }
            }
        }
    }

    /**
     * k random interchanges, each keeping every demand served; false when no site can be traded (then every closed
     * site is left out, and no cheaper set exists).
     */
    private boolean shake(int k) {
        int candidates = 0;
        for (int i = 0; i < m; i++) {
            if (!open[i] && !banned[i]) {
                closedCandidates[candidates++] = i;
            }
        }
        int done = 0;
        for (int attempt = 0; candidates > 0 && done < k && attempt < 20 * k; attempt++) {
            int out = openList[random.nextInt(openCount)];
            int pick = random.nextInt(candidates);
            int in = closedCandidates[pick];
            if (forced[out] || !keepsEveryoneServed(in, out)) {
                continue;
            }
            swap(in, out);
            closedCandidates[pick] = out; // out is closed now, and may come back
            done++;
        }
        return done > 0;
    }

    private boolean keepsEveryoneServed(int in, int out) {
        for (int j : users[out]) {
            if (site1[j] == out && site2[j] < 0 && valueAt(j, in) == Double.POSITIVE_INFINITY) {
                return false;
            }
        }
        return true;
    }

    /** Best-improvement interchanges until none improves, or {@code stop}. */
    private void descend(BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            Arrays.fill(base, 0);
            Arrays.fill(uncovered, 0);
            for (int j = 0; j < n; j++) {
                if (site1[j] < 0) {
                    continue;
                }
                if (site2[j] < 0) {
                    uncovered[site1[j]]++;
                } else {
                    base[site1[j]] += value2[j] - value1[j];
                }
            }
            double bestDelta = -tolerance(cost);
            int bestIn = -1;
            int bestOut = -1;
            for (int in = 0; in < m; in++) {
                if (open[in] || banned[in]) {
                    continue;
                }
                // Opening in: what the demands it serves better gain, and per open site what closing it
                // then costs beyond base (the demands that would fall back on in rather than their second).
                double gain = fixed[in];
                int[] u = users[in];
                double[] uv = userValue[in];
                for (int q = 0; q < u.length; q++) {
                    int j = u[q];
                    int f = site1[j];
                    if (f < 0) {
                        continue;
                    }
                    double vin = uv[q];
                    double v1 = value1[j];
                    if (vin < v1) {
                        gain += vin - v1;
                    }
                    if (site2[j] < 0) {
                        cover[f]++;
                        adjust[f] += Math.max(0, vin - v1);
                    } else if (vin < value2[j]) {
                        adjust[f] += Math.max(0, vin - v1) - (value2[j] - v1);
                    }
                }
                for (int q = 0; q < openCount; q++) {
                    int out = openList[q];
                    if (!forced[out] && uncovered[out] <= cover[out]) {
                        double delta = gain - fixed[out] + base[out] + adjust[out];
                        if (delta < bestDelta) {
                            bestDelta = delta;
                            bestIn = in;
                            bestOut = out;
                        }
                    }
                    adjust[out] = 0;
                    cover[out] = 0;
                }
            }
            if (bestIn < 0) {
                return;
            }
            swap(bestIn, bestOut);
        }
    }

    /** Opens {@code in}, closes {@code out}, and updates the demands whose nearest two may change. */
    private void swap(int in, int out) {
        open[in] = true;
        open[out] = false;
        int position = openPosition[out];
        openList[position] = in;
        openPosition[in] = position;
        cost += fixed[in] - fixed[out];
        for (int j : users[out]) {
            if (site1[j] == out || site2[j] == out) {
                cost -= value1[j];
                nearest(j);
                cost += value1[j];
            }
        }
        int[] u = users[in];
        double[] uv = userValue[in];
        for (int q = 0; q < u.length; q++) {
            int j = u[q];
            if (uv[q] < value2[j] || site2[j] < 0) {
                cost -= value1[j];
                nearest(j);
                cost += value1[j];
            }
        }
    }
}
