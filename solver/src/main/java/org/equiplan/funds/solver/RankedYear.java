package org.equiplan.funds.solver;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RankOrder;
import org.equiplan.funds.domain.RegionAllocation;

/**
 * The exact continuous minimiser of sum (R + T)^2 / E + price x T over one year's ranges and budget under the whole
 * rank rule, every pair and by either measure (coverage or per capita); group caps are left out (a relaxation).
 * {@link RankedRelaxation} keeps the rule only between neighbours, which is exact for coverage without tolerance but
 * with a tolerance lets the measure drift down the order by the tolerance at every step, and does not see the
 * per-capita rule at all.
 *
 * <p>With m_k = (R_k + T_k) / w_k along the order and s_k the slack of one unit, the rule (a region above ends with
 * m_j + s_j >= m_i - s_i - tolerance) holds exactly when some nondecreasing level M has m_k in the band
 * [M_k - tolerance - s_k, M_k + s_k] at every position (take M the running maximum of m - s). Given M each region
 * takes the point of its band and range nearest its own optimum, so a year is a sum of convex functions of one M_k
 * each with M nondecreasing: isotonic regression with convex terms. Dynamic programming along the order solves it
 * exactly, F_k(M) = min over M' <= M of F_{k-1}(M') + g_k(M), with each F_k' piecewise linear (its breakpoints in
 * a heap, the "slope trick"), O(n log n) for one budget price; regula falsi on that price then places the budget.
 * Regions that start exactly level are not ordered: the chain is cut there (a relaxation).
 *
 * <p>For an earmarked plan's bound each region's term is instead its best split into categories at the categories'
 * prices ({@link CategorySplit}): still convex in its total, piecewise quadratic, its derivative piecewise linear with
 * a kink where each further category enters. The programme is the same with one breakpoint per kink on either side
 * of the band instead of one; checked against ojAlgo's QP over every share (RankedYearTest).
 */
public final class RankedYear {

    /** Root-finding steps at most for the budget's price (regula falsi needs a handful; doubles allow ~60 halvings). */
    private static final int STEPS = 100;

    private final int n;
    private final int[] region; // by position
    private final double[] quad; // q_k: without categories the term is q_k (m - y_k)^2 + const in the measure m
    /**
     * The term's derivative in the measure, piece by piece: slope m + intercept + w (price + mu) on m >= start, for
     * the pieces pieceFrom[k] .. pieceFrom[k + 1] - 1 of position k. One piece (slope 2 q, from minus infinity)
     * without categories; with them one per set of categories the region's best split takes ({@link CategorySplit}).
     */
    private final int[] pieceFrom;

    private final double[] slopeOf;
    private final double[] interceptOf;
    private final double[] startOf;
    private final double[] price;
    private final double[] lo;
    private final double[] hi;
    private final double[] below; // tolerance + s_k: the band reaches this far below M
    private final double[] above; // s_k: and this far above
    private final double[] low; // domain of M_k, monotone envelopes
    private final double[] high;
    private final boolean[] chained; // position k chained to k - 1
    private final double[] weight;
    private final double[] revenue;
    private final double[] y;
    private final double[] level;
    private final Breakpoints heap = new Breakpoints();
    private final double[] m;
    /** The level M per position after the last pass. */
    private final double[] settled;
    /** Currency per unit, and the last answer of {@link #within}. */
    private final double unit;

    private double[] answer;

    private RankedYear(
            FundsPlan year,
            RankOrder order,
            double[] price,
            double[] lowerUnits,
            double[] upperUnits,
            CategorySplit split) {
        List<RegionAllocation> cells = year.getAllocations();
        n = cells.size();
        region = order.order().stream().mapToInt(Integer::intValue).toArray();
        quad = new double[n];
        this.price = new double[n];
        lo = new double[n];
        hi = new double[n];
        below = new double[n];
        above = new double[n];
        low = new double[n];
        high = new double[n];
        chained = new boolean[n];
        weight = new double[n];
        revenue = new double[n];
        y = new double[n];
        level = new double[n];
        m = new double[n];
        settled = new double[n];
        unit = year.getRules().unit();
        for (int k = 0; k < n; k++) {
            int i = region[k];
            RegionAllocation r = cells.get(i);
            double w = order.weight(i);
            weight[k] = w;
            revenue[k] = r.getRevenue();
            quad[k] = w * w / r.getExpenditure();
            this.price[k] = price[i];
            double lower = lowerUnits == null ? r.getLower() : lowerUnits[i];
            double upper = upperUnits == null ? r.getUpper() : upperUnits[i];
            lo[k] = (r.getRevenue() + lower * r.getUnit()) / w;
            hi[k] = (r.getRevenue() + upper * r.getUnit()) / w;
            above[k] = order.unitSlack(i);
            below[k] = order.tolerance() + above[k];
            chained[k] = k > 0 && !order.levelWithNext(k - 1);
        }
        pieceFrom = new int[n + 1];
        for (int k = 0; k < n; k++) {
            int pieces = split == null ? 0 : split.pieces(region[k]);
            pieceFrom[k + 1] = pieceFrom[k] + Math.max(1, pieces);
        }
        slopeOf = new double[pieceFrom[n]];
        interceptOf = new double[pieceFrom[n]];
        startOf = new double[pieceFrom[n]];
        fillPieces(split);
        envelopes();
    }

    /** Each position's pieces of its term's derivative (see {@link #pieceFrom}). */
    private void fillPieces(CategorySplit split) {
        for (int k = 0; k < n; k++) {
            int i = region[k];
            int pieces = split == null ? 0 : split.pieces(i);
            if (pieces == 0) {
                slopeOf[pieceFrom[k]] = 2 * quad[k];
                startOf[pieceFrom[k]] = Double.NEGATIVE_INFINITY;
                continue;
            }
            // h'(T) = (T + S) / W on a piece, T = m w - R: slope w^2 / W, intercept w (S - R) / W. No transfer
            // below 0 (shares are not negative), so the measure starts at R / w.
            double w = weight[k];
            lo[k] = Math.max(lo[k], revenue[k] / w);
            for (int r = 0; r < pieces; r++) {
                int p = pieceFrom[k] + r;
                slopeOf[p] = w * w / split.weightOf(i, r);
                interceptOf[p] = w * (split.sumOf(i, r) - revenue[k]) / split.weightOf(i, r);
                startOf[p] = (revenue[k] + split.start(i, r)) / w;
            }
        }
    }

    /** Where position k's term is least (its derivative's zero, or its domain's start) when its shift is given. */
    private double least(int k, double shift) {
        int end = pieceFrom[k + 1];
        for (int p = pieceFrom[k]; p < end; p++) {
            double zero = -(interceptOf[p] + shift) / slopeOf[p];
            if (zero < startOf[p]) {
                return startOf[p];
            }
            if (p + 1 == end || zero <= startOf[p + 1]) {
                return zero;
            }
        }
        throw new IllegalStateException("no piece");
    }

    /** The last piece of position k starting before {@code m} (strictly, or at it when {@code atOrBefore}). */
    private int pieceAt(int k, double m, boolean atOrBefore) {
        int p = pieceFrom[k];
        while (p + 1 < pieceFrom[k + 1] && (atOrBefore ? startOf[p + 1] <= m : startOf[p + 1] < m)) {
            p++;
        }
        return p;
    }

    /** The domain of each level M: what the ranges before it (for its floor) and after it (for its cap) allow. */
    private void envelopes() {
        for (int k = 0; k < n; k++) {
            low[k] = lo[k] - above[k];
            high[k] = hi[k] + below[k];
        }
        for (int k = 1; k < n; k++) {
            if (chained[k]) {
                low[k] = Math.max(low[k], low[k - 1]);
            }
        }
        for (int k = n - 2; k >= 0; k--) {
            if (chained[k + 1]) {
                high[k] = Math.min(high[k], high[k + 1]);
            }
        }
    }

    /**
     * Cuts the chain where the ranges clash (a floor below in the order that the rule would lift above a cap
     * above it), until none does: the rule is then not kept across those cuts, which the caller's repair mends.
     */
    private void cutClashes() {
        for (int round = 0; round < n; round++) {
            int k = 0;
            while (k < n && low[k] <= high[k] + 1e-12) {
                k++;
            }
            if (k == n) {
                return;
            }
            int cut = k;
            if (!chained[k]) {
                // k starts its chain: the clash is its own floor against a cap further on; cut where that cap is.
                cut = k + 1;
                while (cut < n && hi[cut] + below[cut] > high[k] + 1e-12) {
                    cut++;
                }
                if (cut >= n || !chained[cut]) {
                    return;
                }
            }
            chained[cut] = false;
            envelopes();
        }
    }

    /** Transfers in currency (list order), or null when there is no rank rule or the ranges admit no order. */
    static double[] transfers(FundsPlan year, double[] price, long totalUnits) {
        return transfers(year, price, totalUnits, null);
    }

    /**
     * As above; {@code budgetPrice[0]} (when given) is a guess of the budget's price, NaN for none, and receives the
     * price found: consecutive evaluations of a dual method start their search where the last one ended.
     */
    static double[] transfers(FundsPlan year, double[] price, long totalUnits, double[] budgetPrice) {
        return transfers(year, price, totalUnits, budgetPrice, null);
    }

    /**
     * As above, each region's term its best split into categories at {@code split}'s prices (null: none): an
     * earmarked plan's yearly problem with the categories' budgets priced.
     */
    static double[] transfers(
            FundsPlan year, double[] price, long totalUnits, double[] budgetPrice, CategorySplit split) {
        List<RegionAllocation> cells = year.getAllocations();
        if (cells.isEmpty() || cells.get(0).getRankOrder() == null) {
            return null;
        }
        RankedYear solver = new RankedYear(year, cells.get(0).getRankOrder(), price, null, null, split);
        for (int k = 0; k < solver.n; k++) {
            if (solver.low[k] > solver.high[k] + 1e-12) {
                return null;
            }
        }
        return solver.solve(totalUnits * cells.get(0).getUnit(), budgetPrice);
    }

    /**
     * The same problem within other ranges ({@code lowerUnits}, {@code upperUnits}: units, not necessarily whole, list
     * order), for building a plan: where those ranges clash under the rule the chain is cut there instead of giving
     * up. Null without a rank rule; {@link #transfers()} and {@link #rounded} read the answer.
     */
    static RankedYear within(
            FundsPlan year, double[] price, long totalUnits, double[] lowerUnits, double[] upperUnits) {
        List<RegionAllocation> cells = year.getAllocations();
        if (cells.isEmpty() || cells.get(0).getRankOrder() == null) {
            return null;
        }
        RankedYear solver = new RankedYear(year, cells.get(0).getRankOrder(), price, lowerUnits, upperUnits, null);
        solver.cutClashes();
        solver.answer = solver.solve(totalUnits * cells.get(0).getUnit(), null);
        return solver;
    }

    /** The continuous answer of {@link #within} in currency, list order. */
    double[] transfers() {
        return answer;
    }

    /**
     * Whole units per region (list order) near the answer of {@link #within}: each region at the unit below or above
     * its continuous answer, within {@code floor} and {@code cap} and inside the band of that answer's level M (so
     * the rule holds between every pair the chain links), then single units up or down where the year's cost, price
     * included, changes least until {@code total} is placed (separable convex terms: the greedy is exact within
     * those intervals).
     */
    long[] rounded(long total, long[] floor, long[] cap) {
        long[] units = new long[n];
        long[] least = new long[n];
        long[] most = new long[n];
        long left = total;
        for (int k = 0; k < n; k++) {
            double w = weight[k];
            double u = (m[k] * w - revenue[k]) / unit;
            double from = ((settled[k] - below[k]) * w - revenue[k]) / unit;
            double to = ((settled[k] + above[k]) * w - revenue[k]) / unit;
            least[k] = Math.max(Math.max((long) Math.floor(u), floor[region[k]]), (long) Math.ceil(from - 1e-9));
            most[k] = Math.min(Math.min((long) Math.ceil(u), cap[region[k]]), (long) Math.floor(to + 1e-9));
            units[k] = Math.min(least[k], most[k]);
            most[k] = Math.max(most[k], units[k]);
            left -= units[k];
        }
        return place(units, least, most, left);
    }

    /** Single units up or down (one direction) where the cost changes least, until {@code left} is placed. */
    private long[] place(long[] units, long[] least, long[] most, long left) {
        int step = left >= 0 ? 1 : -1;
        PriorityQueue<double[]> cheapest = new PriorityQueue<>(Comparator.comparingDouble(e -> e[0]));
        for (int k = 0; k < n; k++) {
            if (step > 0 ? units[k] < most[k] : units[k] > least[k]) {
                cheapest.add(new double[] {change(k, units[k], step), k});
            }
        }
        while (left != 0 && !cheapest.isEmpty()) {
            int k = (int) cheapest.poll()[1];
            units[k] += step;
            left -= step;
            if (step > 0 ? units[k] < most[k] : units[k] > least[k]) {
                cheapest.add(new double[] {change(k, units[k], step), k});
            }
        }
        long[] out = new long[n];
        for (int k = 0; k < n; k++) {
            out[region[k]] = units[k];
        }
        return out;
    }

    /** The change of position k's cost, price included, when its units move by {@code step} from {@code units}. */
    private double change(int k, long units, int step) {
        return cost(k, (units + step) * unit) - cost(k, units * unit);
    }

    private double cost(int k, double transfer) {
        double resources = revenue[k] + transfer;
        return resources * resources / (weight[k] * weight[k] / quad[k]) + price[k] * transfer;
    }

    /**
     * Places {@code target} by the budget's price. Transfers placed are a falling, piecewise linear function of it,
     * so regula falsi (the Illinois variant, which keeps both ends of the bracket moving) lands on the exact price in
     * a handful of passes where bisection took some sixty: measured at 2,800 counties, the whole-rule bound of a
     * three-year plan converged about nine times sooner. Placed to 1e-12 of the budget (plus a millionth of a unit
     * of currency), so the dual value stays a bound to far better than any gap reported.
     */
    private double[] solve(double target, double[] budgetPrice) {
        double guess = budgetPrice == null || Double.isNaN(budgetPrice[0]) ? 0 : budgetPrice[0];
        double tolerance = 1e-12 * Math.abs(target) + 1e-6;
        double width = Math.max(1e-3, Math.abs(guess) * 1e-3);
        double a = guess - width;
        double fa = placed(a) - target;
        while (fa < 0 && a > -1e30) {
            width *= 4;
            a = guess - width;
            fa = placed(a) - target;
        }
        width = Math.max(1e-3, Math.abs(guess) * 1e-3);
        double b = guess + width;
        double fb = placed(b) - target;
        while (fb > 0 && b < 1e30) {
            width *= 4;
            b = guess + width;
            fb = placed(b) - target;
        }
        double at = b;
        boolean found = Math.abs(fb) <= tolerance;
        if (!found && Math.abs(fa) <= tolerance) {
            at = a;
            placed(a); // leave the measures of the end that fits
            found = true;
        }
        int kept = 0; // which end the last step kept: +1 the low one (a), -1 the high one (b)
        for (int step = 0; step < STEPS && !found; step++) {
            double c = b - fb * (b - a) / (fb - fa);
            if (!(c > a && c < b)) {
                c = a + (b - a) / 2;
                if (c <= a || c >= b) {
                    break; // the bracket is as narrow as doubles go
                }
            }
            double fc = placed(c) - target;
            at = c;
            if (Math.abs(fc) <= tolerance) {
                found = true;
            } else if (fc > 0) {
                a = c;
                fa = fc;
                if (kept == -1) {
                    fb /= 2; // Illinois: the end kept twice counts half
                }
                kept = -1;
            } else {
                b = c;
                fb = fc;
                if (kept == 1) {
                    fa /= 2;
                }
                kept = 1;
            }
        }
        if (!found) {
            at = b;
            placed(b);
        }
        if (budgetPrice != null) {
            budgetPrice[0] = at;
        }
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[region[k]] = m[k] * weight[k] - revenue[k];
        }
        return t;
    }

    /**
     * Solves for the budget's price {@code mu}; returns the transfers placed (and leaves the measures in m). Dynamic
     * programming along the order: F_k(M) = min over M' <= M of F_{k-1}(M') + g_k(M), each F_k' kept as a piecewise
     * linear function (its breakpoints in a heap, its form right of the last), so one pass costs O(n log n).
     */
    private double placed(double mu) {
        heap.clear();
        double slopeRight = 0;
        double constRight = 0;
        int chainStart = 0;
        for (int k = 0; k <= n; k++) {
            if (k == n || !chained[k]) {
                // The chain before k ends: levels from its last position back.
                for (int j = k - 1; j >= chainStart; j--) {
                    m[j] = j == k - 1 ? level[j] : Math.min(level[j], m[j + 1]);
                }
                if (k == n) {
                    break;
                }
                heap.clear();
                slopeRight = 0;
                constRight = 0;
                chainStart = k;
            }
            double shift = weight[k] * (price[k] + mu);
            y[k] = least(k, shift);
            // g_k(M), the least term over the band around M: its derivative is the term's at M + above left of
            // the term's least point, 0 around it, the term's at M - below right of it; kinks carried along.
            double top = Math.min(y[k], hi[k]);
            double bottom = Math.max(y[k], lo[k]);
            int leftPiece = pieceAt(k, top, false);
            // g_k's breakpoints, in ascending order (see Breakpoints.add).
            for (int p = pieceFrom[k] + 1; p <= leftPiece; p++) {
                if (startOf[p] > lo[k]) {
                    double da = slopeOf[p] - slopeOf[p - 1];
                    double db = interceptOf[p] - interceptOf[p - 1];
                    heap.add(startOf[p] - above[k], da, da * above[k] + db);
                }
            }
            heap.add(
                    top - above[k],
                    -slopeOf[leftPiece],
                    -slopeOf[leftPiece] * above[k] - interceptOf[leftPiece] - shift);
            int rightPiece = pieceAt(k, bottom, true);
            heap.add(
                    bottom + below[k],
                    slopeOf[rightPiece],
                    interceptOf[rightPiece] + shift - slopeOf[rightPiece] * below[k]);
            int last = Math.max(rightPiece, pieceAt(k, hi[k], false));
            for (int p = rightPiece + 1; p <= last; p++) {
                double da = slopeOf[p] - slopeOf[p - 1];
                double db = interceptOf[p] - interceptOf[p - 1];
                heap.add(startOf[p] + below[k], da, db - da * below[k]);
            }
            slopeRight += slopeOf[last];
            constRight += interceptOf[last] + shift - slopeOf[last] * below[k];
            // Nothing right of the domain's top counts any more.
            while (!heap.isEmpty() && heap.topX() > high[k]) {
                slopeRight -= heap.topSlope();
                constRight -= heap.topConst();
                heap.pop();
            }
            double right = high[k];
            double x;
            while (true) {
                double left = !heap.isEmpty() ? heap.topX() : Double.NEGATIVE_INFINITY;
                double bound = Math.max(left, low[k]);
                if (left <= low[k] || slopeRight * bound + constRight <= 0) {
                    if (slopeRight * right + constRight <= 0) {
                        x = right;
                    } else if (slopeRight * bound + constRight >= 0) {
                        x = bound;
                    } else {
                        x = Math.max(bound, Math.min(right, -constRight / slopeRight));
                    }
                    break;
                }
                right = left;
                slopeRight -= heap.topSlope();
                constRight -= heap.topConst();
                heap.pop();
            }
            heap.settle();
            level[k] = x;
            // F_k's minimum within the domain is at x: past it the running minimum stays flat.
            heap.push(x, -slopeRight, -constRight);
            slopeRight = 0;
            constRight = 0;
        }
        double total = 0;
        for (int k = 0; k < n; k++) {
            settled[k] = m[k];
            m[k] = measure(k, m[k]);
            total += m[k] * weight[k] - revenue[k];
        }
        return total;
    }

    /** Region k's measure given the level M: its optimum clipped to the band around M and its range. */
    private double measure(int k, double level) {
        double floor = Math.max(level - below[k], lo[k]);
        double cap = Math.min(level + above[k], hi[k]);
        return Math.max(floor, Math.min(cap, y[k]));
    }
}
