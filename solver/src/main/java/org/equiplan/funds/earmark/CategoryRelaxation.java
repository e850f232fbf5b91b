package org.equiplan.funds.earmark;

import java.util.Arrays;
import java.util.List;
import org.equiplan.funds.domain.CategoryShare;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RegionAllocation;

/**
 * The continuous relaxation of an earmarked plan, solved through its Lagrangian dual: one price per category
 * budget. With the prices fixed the problem splits into one small problem per region (its categories, with the
 * region's floor and cap on their sum), solved exactly: x_c = max(0, (price_c - v) E_c / 2 - R_c), where v is 0
 * unless the sum leaves the region's range and then the one value that puts it on the floor or cap. The dual is
 * concave and smooth with one coordinate per category, so Newton steps (with a backtracking line search) reach its
 * maximum in a few dozen region sweeps. Every price vector gives a valid lower bound (weak duality); the best one
 * found is the bound. Group caps and the pairwise rank rule are left out (a relaxation: still valid); the floors
 * and caps the rank rule implies are in the regions' ranges.
 */
public final class CategoryRelaxation {

    private static final int MAX_ITERATIONS = 200;
    /** Newton steps per solve; fewer inside an outer loop that warm-starts it (any prices give a valid bound). */
    private int maxIterations = MAX_ITERATIONS;

    /**
     * @param bound the dual value at {@code prices}: a lower bound on sum (R_c + T_c)^2 / E_c over every plan
     * @param transfers per region and category, the relaxation's transfer in currency (0 where no share)
     */
    public record Result(double bound, double[] prices, double[][] transfers, int iterations) {}

    private final double[] lower;
    private final double[] upper;
    private final double[][] revenue;
    private final double[][] expenditure;
    private final double[] budget;
    private final int categories;
    /** A linear term per region on its total (a multi-year bound's price for the year limits); zeros otherwise. */
    private double[] regionPrice;
    /** Where Newton starts (the last prices of a nearby problem), or null for each category's own level. */
    private double[] startPrices;

    /**
     * @param lower, upper each region's range of its total transfer, in currency
     * @param revenue, expenditure per region and category (expenditure 0: the region has no share there)
     * @param budget each category's budget in currency
     */
    CategoryRelaxation(double[] lower, double[] upper, double[][] revenue, double[][] expenditure, double[] budget) {
        this.lower = lower;
        this.upper = upper;
        this.revenue = revenue;
        this.expenditure = expenditure;
        this.budget = budget;
        this.categories = budget.length;
        this.regionPrice = new double[lower.length];
    }

    /** The relaxation of a plan with the regions' own ranges. */
    public static Result of(FundsPlan plan) {
        List<RegionAllocation> regions = plan.getAllocations();
        long[] lower = new long[regions.size()];
        long[] upper = new long[regions.size()];
        for (int i = 0; i < lower.length; i++) {
            lower[i] = regions.get(i).getLower();
            upper[i] = regions.get(i).getUpper();
        }
        return of(plan, lower, upper);
    }

    /** The relaxation with each region's total held within the given units (equal bounds fix the totals). */
    public static Result of(FundsPlan plan, long[] lowerUnits, long[] upperUnits) {
        return of(plan, lowerUnits, upperUnits, null, null);
    }

    /**
     * With a linear term {@code regionPrice[i] x T_i} on each region's total added to the objective (null: none),
     * Newton started at {@code startPrices} (null: each category's own level).
     */
    public static Result of(
            FundsPlan plan, long[] lowerUnits, long[] upperUnits, double[] regionPrice, double[] startPrices) {
        return of(plan, lowerUnits, upperUnits, regionPrice, startPrices, MAX_ITERATIONS);
    }

    /** As above, with at most {@code iterations} Newton steps. */
    public static Result of(
            FundsPlan plan,
            long[] lowerUnits,
            long[] upperUnits,
            double[] regionPrice,
            double[] startPrices,
            int iterations) {
        List<RegionAllocation> regions = plan.getAllocations();
        int n = regions.size();
        int c = plan.getFunds().size();
        double unit = plan.getRules().unit();
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            lower[i] = lowerUnits[i] * unit;
            upper[i] = upperUnits[i] * unit;
        }
        double[][] revenue = new double[n][c];
        double[][] expenditure = new double[n][c];
        java.util.Map<RegionAllocation, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(regions.get(i), i);
        }
        for (CategoryShare s : plan.getShares()) {
            int i = index.get(s.getRegion());
            revenue[i][s.getFund().index()] = s.getRevenue();
            expenditure[i][s.getFund().index()] = s.getExpenditure();
        }
        double[] budget = new double[c];
        for (var fund : plan.getFunds()) {
            budget[fund.index()] = fund.units() * unit;
        }
        CategoryRelaxation relaxation = new CategoryRelaxation(lower, upper, revenue, expenditure, budget);
        if (regionPrice != null) {
            relaxation.regionPrice = regionPrice;
        }
        relaxation.startPrices = startPrices;
        relaxation.maxIterations = iterations;
        return relaxation.solve();
    }

    /** One evaluation of the dual at some prices. */
    private final class Evaluation {
        final double[] prices;
        double value;
        final double[] gradient = new double[categories];
        final double[][] curvature = new double[categories][categories];
        final double[][] transfers;

        Evaluation(double[] prices) {
            this.prices = prices;
            this.transfers = new double[lower.length][categories];
            double[] x = new double[categories];
            boolean[] active = new boolean[categories];
            double[] shifted = new double[categories];
            for (int c = 0; c < categories; c++) {
                value += prices[c] * budget[c];
                gradient[c] = budget[c];
            }
            for (int i = 0; i < lower.length; i++) {
                // The region's linear term moves every category's price for it alike.
                for (int c = 0; c < categories; c++) {
                    shifted[c] = prices[c] - regionPrice[i];
                }
                boolean atBound = region(i, shifted, x);
                double weight = 0;
                for (int c = 0; c < categories; c++) {
                    active[c] = x[c] > 0;
                    if (active[c]) {
                        weight += expenditure[i][c] / 2;
                    }
                    if (expenditure[i][c] > 0) {
                        double resources = revenue[i][c] + x[c];
                        value += resources * resources / expenditure[i][c] - shifted[c] * x[c];
                    }
                    gradient[c] -= x[c];
                    transfers[i][c] = x[c];
                }
                // How the region's transfers move with the prices: E_c / 2 on the diagonal, less the part that
                // the floor or cap on the sum takes back when it binds.
                for (int c = 0; c < categories; c++) {
                    if (!active[c]) {
                        continue;
                    }
                    double ec = expenditure[i][c] / 2;
                    curvature[c][c] += ec;
                    if (atBound && weight > 0) {
                        for (int d = 0; d < categories; d++) {
                            if (active[d]) {
                                curvature[c][d] -= ec * (expenditure[i][d] / 2) / weight;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The region's transfers at the given prices, into {@code x}; true when its floor or cap on the sum binds.
     */
    boolean region(int i, double[] prices, double[] x) {
        double free = sumAt(i, prices, 0, x);
        if (free >= lower[i] && free <= upper[i]) {
            return false;
        }
        double target = free < lower[i] ? lower[i] : upper[i];
        if (target <= 0) {
            Arrays.fill(x, 0);
            return false;
        }
        // S(v) = sum_c max(0, (price_c - v) E_c / 2 - R_c) falls piecewise linearly in v; a category is active
        // while v is below its breakpoint price_c - 2 R_c / E_c.
        Integer[] order = new Integer[categories];
        int k = 0;
        for (int c = 0; c < categories; c++) {
            if (expenditure[i][c] > 0) {
                order[k++] = c;
            }
        }
        Integer[] byBreak = Arrays.copyOf(order, k);
        Arrays.sort(byBreak, (p, q) -> Double.compare(breakpoint(i, prices, q), breakpoint(i, prices, p)));
        double a = 0;
        double w = 0;
        double v = 0;
        for (int j = 0; j < k; j++) {
            int c = byBreak[j];
            a += prices[c] * expenditure[i][c] / 2 - revenue[i][c];
            w += expenditure[i][c] / 2;
            v = (a - target) / w;
            double next = j + 1 < k ? breakpoint(i, prices, byBreak[j + 1]) : Double.NEGATIVE_INFINITY;
            if (v >= next) {
                break;
            }
        }
        sumAt(i, prices, v, x);
        return true;
    }

    private double breakpoint(int i, double[] prices, int c) {
        return prices[c] - 2 * revenue[i][c] / expenditure[i][c];
    }

    private double sumAt(int i, double[] prices, double v, double[] x) {
        double sum = 0;
        for (int c = 0; c < categories; c++) {
            double e = expenditure[i][c];
            x[c] = e > 0 ? Math.max(0, (prices[c] - v) * e / 2 - revenue[i][c]) : 0;
            sum += x[c];
        }
        return sum;
    }

    Result solve() {
        double[] prices = new double[categories];
        double totalBudget = 0;
        for (int c = 0; c < categories; c++) {
            // Start where each category alone would level its coverage: price = 2 x that level.
            double own = 0;
            double need = 0;
            for (int i = 0; i < lower.length; i++) {
                own += revenue[i][c];
                need += expenditure[i][c];
            }
            prices[c] = need > 0 ? 2 * (own + budget[c]) / need : 0;
            totalBudget += budget[c];
        }
        if (startPrices != null) {
            prices = startPrices.clone();
        }
        Evaluation current = new Evaluation(prices);
        double tolerance = 1e-12 * Math.max(1, totalBudget);
        int iteration = 0;
        for (; iteration < maxIterations; iteration++) {
            if (norm(current.gradient) <= tolerance) {
                break;
            }
            double[] step = newtonStep(current);
            double predicted = 0;
            for (int c = 0; c < categories; c++) {
                predicted += current.gradient[c] * step[c];
            }
            if (predicted <= 1e-14 * Math.abs(current.value)) {
                break; // what is left to gain lies below the value's rounding: the line search could not see it
            }
            Evaluation next = lineSearch(current, step);
            if (next == null) {
                // Newton's direction did not rise (a kink where regions change their active set): a scaled
                // gradient step instead.
                double[] gradientStep = new double[categories];
                for (int c = 0; c < categories; c++) {
                    double scale = Math.max(current.curvature[c][c], 1e-300);
                    gradientStep[c] = current.gradient[c] / scale;
                }
                next = lineSearch(current, gradientStep);
            }
            if (next == null) {
                break;
            }
            current = next;
        }
        return new Result(current.value, current.prices, current.transfers, iteration);
    }

    private Evaluation lineSearch(Evaluation from, double[] step) {
        double slope = 0;
        for (int c = 0; c < categories; c++) {
            slope += from.gradient[c] * step[c];
        }
        if (!(slope > 0)) {
            return null;
        }
        double t = 1;
        for (int tries = 0; tries < 40; tries++, t /= 2) {
            double[] prices = new double[categories];
            for (int c = 0; c < categories; c++) {
                prices[c] = from.prices[c] + t * step[c];
            }
            Evaluation trial = new Evaluation(prices);
            if (trial.value >= from.value + 1e-4 * t * slope && trial.value > from.value) {
                return trial;
            }
        }
        return null;
    }

    /** Solves (curvature + a little ridge) step = gradient by Gaussian elimination with partial pivoting. */
    private double[] newtonStep(Evaluation e) {
        int n = categories;
        double[][] m = new double[n][n + 1];
        double largest = 0;
        for (int c = 0; c < n; c++) {
            largest = Math.max(largest, e.curvature[c][c]);
        }
        double ridge = Math.max(1e-12 * largest, 1e-300);
        for (int c = 0; c < n; c++) {
            for (int d = 0; d < n; d++) {
                m[c][d] = e.curvature[c][d];
            }
            m[c][c] += ridge;
            m[c][n] = e.gradient[c];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int k = col; k <= n; k++) {
                    m[r][k] -= f * m[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    private static double norm(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
