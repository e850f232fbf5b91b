package org.equiplan.funds.solver;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.funds.domain.CategoryShare;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RegionAllocation;

/**
 * One year of an earmarked plan seen by region totals: at given category prices lambda_c, region i's cost as a
 * function of its total T is its best split, h_i(T) = min over x >= 0 with sum x = T of sum_c (R_c + x_c)^2 / E_c -
 * lambda_c x_c. The prices are the Lagrange multipliers of the categories' budgets, so a bound on the totals with
 * h_i in place of (R + T)^2 / E also counts what the budgets cost (at equal prices h_i is exactly (R + T)^2 / E,
 * because own revenue is apportioned to categories as their needs are).
 *
 * <p>At the split's optimum every category with a transfer has the same marginal cost nu = 2 (R_c + x_c) / E_c -
 * lambda_c, so x_c = E_c / 2 max(0, nu - nu_c) with nu_c = 2 R_c / E_c - lambda_c, the price at which category c
 * enters. h_i' (T) = nu is therefore piecewise linear and increasing: one piece per set of categories taken, a kink
 * where the next one enters. {@link RankedYear} works with those pieces.
 */
final class CategorySplit {

    private final int categories;
    private final double[][] revenue; // per region (list order) and category
    private final double[][] expenditure; // 0 where the region has no share
    private final double[] budget; // per category, currency
    private double[] lambda;
    /** Per region its categories with a need, by entry price; and those prices. */
    private final int[][] order;

    private final double[][] entry;
    /** Per region and piece: the sums that give h_i' on it, and the total where it starts. */
    private final double[][] weights;

    private final double[][] sums;
    private final double[][] starts;

    private CategorySplit(double[][] revenue, double[][] expenditure, double[] budget) {
        this.revenue = revenue;
        this.expenditure = expenditure;
        this.budget = budget;
        this.categories = budget.length;
        this.order = new int[revenue.length][];
        this.entry = new double[revenue.length][];
        this.weights = new double[revenue.length][];
        this.sums = new double[revenue.length][];
        this.starts = new double[revenue.length][];
        at(new double[categories]);
    }

    /** The split of one year of an earmarked plan (its shares and funds), at prices 0; null without earmarks. */
    static CategorySplit of(FundsPlan year) {
        if (!year.earmarked()) {
            return null;
        }
        List<RegionAllocation> cells = year.getAllocations();
        Map<RegionAllocation, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            index.put(cells.get(i), i);
        }
        int c = year.getFunds().size();
        double[][] revenue = new double[cells.size()][c];
        double[][] expenditure = new double[cells.size()][c];
        for (CategoryShare s : year.getShares()) {
            int i = index.get(s.getRegion());
            revenue[i][s.getFund().index()] = s.getRevenue();
            expenditure[i][s.getFund().index()] = s.getExpenditure();
        }
        double[] budget = new double[c];
        double unit = year.getRules().unit();
        for (var fund : year.getFunds()) {
            budget[fund.index()] = fund.units() * unit;
        }
        return new CategorySplit(revenue, expenditure, budget);
    }

    /** Sets the categories' prices (a copy is kept). */
    CategorySplit at(double[] prices) {
        lambda = prices.clone();
        for (int i = 0; i < revenue.length; i++) {
            // A handful of categories: insertion sort by entry price, no boxing (this runs at every evaluation).
            int[] sorted = new int[categories];
            double[] entries = new double[categories];
            int taken = 0;
            for (int c = 0; c < categories; c++) {
                if (expenditure[i][c] > 0) {
                    double price = entryPrice(i, c);
                    int k = taken++;
                    while (k > 0 && entries[k - 1] > price) {
                        sorted[k] = sorted[k - 1];
                        entries[k] = entries[k - 1];
                        k--;
                    }
                    sorted[k] = c;
                    entries[k] = price;
                }
            }
            order[i] = new int[taken];
            entry[i] = new double[taken];
            weights[i] = new double[taken];
            sums[i] = new double[taken];
            starts[i] = new double[taken];
            double w = 0;
            double sum = 0;
            for (int k = 0; k < taken; k++) {
                order[i][k] = sorted[k];
                entry[i][k] = entries[k];
                // Piece k starts where nu reaches category k's entry price with the ones before it taken.
                starts[i][k] = k == 0 ? 0 : Math.max(starts[i][k - 1], w * entry[i][k] - sum);
                double half = expenditure[i][sorted[k]] / 2;
                w += half;
                sum += half * entry[i][k];
                weights[i][k] = w;
                sums[i][k] = sum;
            }
        }
        return this;
    }

    int categories() {
        return categories;
    }

    double budget(int category) {
        return budget[category];
    }

    /** The category's standard expenditure over all regions. */
    double need(int category) {
        double sum = 0;
        for (double[] e : expenditure) {
            sum += e[category];
        }
        return sum;
    }

    private double entryPrice(int i, int c) {
        return 2 * revenue[i][c] / expenditure[i][c] - lambda[c];
    }

    /** Pieces of h_i': piece r takes the first r + 1 categories by entry price. */
    int pieces(int i) {
        return order[i].length;
    }

    /** Where piece r starts, as a total transfer (0 for the first). */
    double start(int i, int r) {
        return starts[i][r];
    }

    /** On piece r, h_i'(T) = (T + sumOf) / weightOf: the halves of the taken categories' needs... */
    double weightOf(int i, int r) {
        return weights[i][r];
    }

    /** ... and the sum of those halves times their entry prices. */
    double sumOf(int i, int r) {
        return sums[i][r];
    }

    /** The marginal cost nu = h_i'(T) at a total T >= 0. */
    double marginal(int i, double total) {
        int r = 0;
        while (r + 1 < order[i].length && starts[i][r + 1] <= total) {
            r++;
        }
        return (total + sumOf(i, r)) / weightOf(i, r);
    }

    /** The best split of a total T >= 0 into {@code x} (per category, 0 where none); returns h_i(T). */
    double split(int i, double total, double[] x) {
        Arrays.fill(x, 0);
        double nu = marginal(i, total);
        double value = 0;
        for (int c = 0; c < categories; c++) {
            double e = expenditure[i][c];
            if (e > 0) {
                x[c] = Math.max(0, e / 2 * (nu - entryPrice(i, c)));
                double resources = revenue[i][c] + x[c];
                value += resources * resources / e - lambda[c] * x[c];
            }
        }
        return value;
    }
}
