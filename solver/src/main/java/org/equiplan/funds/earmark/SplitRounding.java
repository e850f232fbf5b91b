package org.equiplan.funds.earmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.funds.domain.CategoryShare;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RegionAllocation;

/**
 * Turns a relaxation's real-valued transfers into whole units that keep every earmarked budget and every region's
 * range (each total is always the sum of its shares): first the regions' totals (rounded, then moved a unit at a time towards the budget where the relaxation
 * wanted most), then the shares within them (rounded down, the rest by largest remainder, and what the remainders
 * cannot place by short exchange paths: region a takes a unit of category d that region b gives up, and b takes one
 * of the category still short).
 */
final class SplitRounding {

    /** Whole units per region (the totals) and per share, in the plan's list orders. */
    record Split(long[] totals, long[] shares) {}

    private SplitRounding() {}

    /**
     * @param transfers the relaxation's transfers per region and category, in currency
     * @param totals the regions' totals to keep, or null to round them from the relaxation
     */
    static Split round(FundsPlan plan, double[][] transfers, long[] totals) {
        List<RegionAllocation> regions = plan.getAllocations();
        List<CategoryShare> shares = plan.getShares();
        int n = regions.size();
        double unit = plan.getRules().unit();
        Map<RegionAllocation, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(regions.get(i), i);
        }
        long budget = 0;
        long[] need = new long[plan.getFunds().size()];
        for (var fund : plan.getFunds()) {
            need[fund.index()] = fund.units();
            budget += fund.units();
        }
        long[] rows = totals == null ? roundTotals(regions, transfers, unit, budget) : totals.clone();

        int m = shares.size();
        long[] cells = new long[m];
        double[] fraction = new double[m];
        int[] regionOf = new int[m];
        int[] fundOf = new int[m];
        List<List<Integer>> byRegion = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byRegion.add(new ArrayList<>());
        }
        for (int s = 0; s < m; s++) {
            CategoryShare share = shares.get(s);
            regionOf[s] = index.get(share.getRegion());
            fundOf[s] = share.getFund().index();
            double y = Math.max(0, transfers[regionOf[s]][fundOf[s]] / unit);
            cells[s] = (long) Math.floor(y + 1e-9);
            fraction[s] = y - cells[s];
            byRegion.get(regionOf[s]).add(s);
        }
        // Down to what each region and each category may hold (the relaxation can be a hair over either).
        long[] rowSum = new long[n];
        long[] colSum = new long[need.length];
        for (int s = 0; s < m; s++) {
            rowSum[regionOf[s]] += cells[s];
            colSum[fundOf[s]] += cells[s];
        }
        Integer[] bySmallFraction = new Integer[m];
        for (int s = 0; s < m; s++) {
            bySmallFraction[s] = s;
        }
        Arrays.sort(bySmallFraction, (p, q) -> Double.compare(fraction[p], fraction[q]));
        for (int pass = 0; pass < 2; pass++) {
            boolean again = true;
            while (again) {
                again = false;
                for (int s : bySmallFraction) {
                    if (cells[s] > 0
                            && (rowSum[regionOf[s]] > rows[regionOf[s]] || colSum[fundOf[s]] > need[fundOf[s]])) {
                        cells[s]--;
                        rowSum[regionOf[s]]--;
                        colSum[fundOf[s]]--;
                        again = true;
                    }
                }
            }
        }
        // Then up by largest remainder while both the region and the category still lack units.
        for (int k = m - 1; k >= 0; k--) {
            int s = bySmallFraction[k];
            if (rowSum[regionOf[s]] < rows[regionOf[s]] && colSum[fundOf[s]] < need[fundOf[s]]) {
                cells[s]++;
                rowSum[regionOf[s]]++;
                colSum[fundOf[s]]++;
            }
        }
        // What is left: direct where the region has a share of a category still short, else an exchange path.
        for (int i = 0; i < n; i++) {
            while (rowSum[i] < rows[i]) {
                if (!place(i, cells, rowSum, colSum, need, regionOf, fundOf, byRegion)) {
                    break;
                }
            }
        }
        // Each total is what its shares hold: where the totals asked for more than the categories had (a start that
        // broke a budget), the plan stays consistent and the score shows the rule it breaks, which moves can mend.
        return new Split(rowSum, cells);
    }

    /**
     * One unit more for region i: breadth-first over categories, from those i has a share of, through regions that
     * hold units of a category and a share of another, to a category still short of its budget.
     */
    private static boolean place(
            int i,
            long[] cells,
            long[] rowSum,
            long[] colSum,
            long[] need,
            int[] regionOf,
            int[] fundOf,
            List<List<Integer>> byRegion) {
        int categories = need.length;
        // For each category reached: the share that a unit enters there (in the path's region) and the share that
        // gives a unit of the previous category up.
        int[] enter = new int[categories];
        int[] leave = new int[categories];
        int[] previous = new int[categories];
        Arrays.fill(enter, -1);
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        for (int s : byRegion.get(i)) {
            if (enter[fundOf[s]] < 0) {
                enter[fundOf[s]] = s;
                leave[fundOf[s]] = -1;
                previous[fundOf[s]] = -1;
                queue.add(fundOf[s]);
            }
        }
        while (!queue.isEmpty()) {
            int c = queue.poll();
            if (colSum[c] < need[c]) {
                // Walk back: each step adds a unit where it enters and takes one where the previous category left.
                int at = c;
                while (at >= 0) {
                    cells[enter[at]]++;
                    if (leave[at] >= 0) {
                        cells[leave[at]]--;
                    }
                    at = previous[at];
                }
                rowSum[i]++;
                colSum[c]++;
                return true;
            }
            // A region j holding units of c gives one up and takes one of a category not yet reached.
            for (int s = 0; s < cells.length; s++) {
                if (fundOf[s] != c || cells[s] <= 0 || regionOf[s] == i) {
                    continue;
                }
                for (int t : byRegion.get(regionOf[s])) {
                    int d = fundOf[t];
                    if (enter[d] < 0) {
                        enter[d] = t;
                        leave[d] = s;
                        previous[d] = c;
                        queue.add(d);
                    }
                }
            }
        }
        return false;
    }

    /** The regions' totals: the relaxation's, rounded within each range, then moved to add up to the budget. */
    private static long[] roundTotals(List<RegionAllocation> regions, double[][] transfers, double unit, long budget) {
        int n = regions.size();
        long[] rows = new long[n];
        double[] real = new double[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            for (double t : transfers[i]) {
                real[i] += t / unit;
            }
            RegionAllocation r = regions.get(i);
            rows[i] = Math.max(r.getLower(), Math.min(r.getUpper(), Math.round(real[i])));
            sum += rows[i];
        }
        while (sum != budget) {
            int best = -1;
            double bestGap = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                RegionAllocation r = regions.get(i);
                boolean room = sum < budget ? rows[i] < r.getUpper() : rows[i] > r.getLower();
                double gap = sum < budget ? real[i] - rows[i] : rows[i] - real[i];
                if (room && gap > bestGap) {
                    bestGap = gap;
                    best = i;
                }
            }
            if (best < 0) {
                break; // the ranges cannot hold the budget: the score reports what is left
            }
            rows[best] += sum < budget ? 1 : -1;
            sum += sum < budget ? 1 : -1;
        }
        return rows;
    }
}
