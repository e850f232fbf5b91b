package org.equiplan.funds.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Rank preservation: the order of regions before transfers (by R / w, where w is standard expenditure
 * for coverage or population for per-capita resources) must survive them. Region j, which starts above
 * region i, must end with (R_j + T_j) / w_j >= (R_i + T_i) / w_i - tolerance - one unit of each
 * (U / w_i + U / w_j): transfers move in whole units, so two regions at the common level can differ by
 * that much, and no less can be promised. Regions that start exactly level are not ordered.
 *
 * <p>The rule implies per-region bounds: j must reach the highest floor below it in the order (less the
 * slack), and i may not exceed the lowest cap above it (plus the slack). {@link #tighten} applies them;
 * water-filling within the tightened bounds keeps the order unless group caps interfere, and the
 * continuous relaxation within them is a valid bound. The same arithmetic scores the rule
 * ({@link #shortfall}), so construction and score agree to the unit.
 */
public final class RankOrder {

    /** Units of rounding slack so that floating-point noise never turns "exactly enough" into one unit short. */
    private static final double EPSILON = 1e-9;

    private final double[] revenue;
    private final double[] weight;
    private final double unit;
    private final double tolerance;
    private final boolean perCapita;
    /** Region indexes from the lowest measure before transfers to the highest. */
    private final int[] order;
    /** Per position in {@link #order}: where its run of regions with the same measure before ends (exclusive). */
    private final int[] runEnd;

    public RankOrder(double[] revenue, double[] weight, double unit, double tolerance, boolean perCapita) {
        this.revenue = revenue;
        this.weight = weight;
        this.unit = unit;
        this.tolerance = tolerance;
        this.perCapita = perCapita;
        int n = revenue.length;
        Integer[] sorted = new Integer[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = i;
        }
        Arrays.sort(sorted, Comparator.comparingDouble(i -> revenue[i] / weight[i]));
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = sorted[i];
        }
        runEnd = new int[n];
        int end = n;
        for (int p = n - 1; p >= 0; p--) {
            if (p < n - 1 && before(order[p]) != before(order[p + 1])) {
                end = p + 1;
            }
            runEnd[p] = end;
        }
    }

    public int size() {
        return order.length;
    }

    public boolean perCapita() {
        return perCapita;
    }

    public double tolerance() {
        return tolerance;
    }

    /** The measure before transfers, which sets the order. */
    public double before(int i) {
        return revenue[i] / weight[i];
    }

    /** The measure after a transfer of {@code units}. */
    public double after(int i, long units) {
        return (revenue[i] + units * unit) / weight[i];
    }

    private double slack(int i) {
        return unit / weight[i];
    }

    /** Fewest units for region i so that it stays within the rule of a region below it at {@code highest}. */
    private long required(int i, double highest) {
        if (highest == Double.NEGATIVE_INFINITY) {
            return Long.MIN_VALUE;
        }
        return (long) Math.ceil(((highest - tolerance) * weight[i] - revenue[i]) / unit - 1 - EPSILON);
    }

    /** Most units for region i so that a region above it at {@code lowest} stays within the rule. */
    private long allowed(int i, double lowest) {
        if (lowest == Double.POSITIVE_INFINITY) {
            return Long.MAX_VALUE;
        }
        return (long) Math.floor(((lowest + tolerance) * weight[i] - revenue[i]) / unit + 1 + EPSILON);
    }

    /**
     * Per region, units out of order: how far it is below what the highest region under it requires, plus how
     * far it is above what the lowest region over it allows. Both are 0 exactly when the rule holds; counting
     * both sides lets a search mend a reversal from either end, one region at a time.
     */
    public long[] shortfalls(long[] units) {
        long[] out = new long[order.length];
        walk(i -> units[i], out);
        return out;
    }

    /** Units out of order over all regions: the hard penalty (0 exactly when the order holds). */
    public long shortfall(long[] units) {
        return walk(i -> units[i], null);
    }

    /**
     * The same total read straight from each region's units (no copy): what the score computes after every move.
     */
    public long shortfall(java.util.function.IntToLongFunction units) {
        return walk(units, null);
    }

    /** One pass up the order and one down; adds each region's units out of order to {@code out} when given. */
    private long walk(java.util.function.IntToLongFunction units, long[] out) {
        int n = order.length;
        long total = 0;
        double highest = Double.NEGATIVE_INFINITY;
        int p = 0;
        while (p < n) {
            int end = runEnd[p];
            for (int q = p; q < end; q++) {
                int j = order[q];
                long need = required(j, highest);
                long below = need == Long.MIN_VALUE ? 0 : Math.max(0, need - units.applyAsLong(j));
                total += below;
                if (out != null) {
                    out[j] += below;
                }
            }
            for (int q = p; q < end; q++) {
                int i = order[q];
                highest = Math.max(highest, after(i, units.applyAsLong(i)) - slack(i));
            }
            p = end;
        }
        double lowest = Double.POSITIVE_INFINITY;
        int stop = n;
        while (stop > 0) {
            int start = runStart(stop);
            for (int q = start; q < stop; q++) {
                int i = order[q];
                long most = allowed(i, lowest);
                long over = most == Long.MAX_VALUE ? 0 : Math.max(0, units.applyAsLong(i) - most);
                total += over;
                if (out != null) {
                    out[i] += over;
                }
            }
            for (int q = start; q < stop; q++) {
                int j = order[q];
                lowest = Math.min(lowest, after(j, units.applyAsLong(j)) + slack(j));
            }
            stop = start;
        }
        return total;
    }

    /**
     * The bounds the rule implies, within the rules' own floors and caps: {@code lower} and {@code upper} are
     * raised and lowered in place. Returns per region the region whose floor (or cap) set its new bound, -1
     * where its own rule still does.
     */
    public Setters tighten(long[] lower, long[] upper) {
        int n = order.length;
        long[] ownLower = lower.clone();
        long[] ownUpper = upper.clone();
        int[] floorFrom = new int[n];
        int[] capFrom = new int[n];
        Arrays.fill(floorFrom, -1);
        Arrays.fill(capFrom, -1);
        double highest = Double.NEGATIVE_INFINITY;
        int highestAt = -1;
        int p = 0;
        while (p < n) {
            int end = runEnd[p];
            for (int q = p; q < end; q++) {
                int j = order[q];
                long need = required(j, highest);
                if (need > lower[j]) {
                    lower[j] = need;
                    floorFrom[j] = highestAt;
                }
            }
            for (int q = p; q < end; q++) {
                int i = order[q];
                double at = after(i, ownLower[i]) - slack(i);
                if (at > highest) {
                    highest = at;
                    highestAt = i;
                }
            }
            p = end;
        }
        double lowest = Double.POSITIVE_INFINITY;
        int lowestAt = -1;
        int stop = n;
        while (stop > 0) {
            int start = runStart(stop);
            for (int q = start; q < stop; q++) {
                int i = order[q];
                long most = allowed(i, lowest);
                if (most < upper[i]) {
                    upper[i] = most;
                    capFrom[i] = lowestAt;
                }
            }
            for (int q = start; q < stop; q++) {
                int j = order[q];
                double at = after(j, ownUpper[j]) + slack(j);
                if (at < lowest) {
                    lowest = at;
                    lowestAt = j;
                }
            }
            stop = start;
        }
        return new Setters(floorFrom, capFrom);
    }

    /**
     * For a plan where some regions fall short of the rule and cannot rise (their group is at its cap),
     * lowers the caps of the regions before them to where the short ones stand (never below a floor). Returns
     * whether any cap moved. A repair heuristic for group caps, which the per-region bounds cannot express.
     */
    public boolean holdBelowShort(long[] units, long[] lower, long[] upper) {
        long[] shortBy = shortfalls(units);
        boolean changed = false;
        double lowest = Double.POSITIVE_INFINITY;
        int stop = order.length;
        while (stop > 0) {
            int start = runStart(stop);
            for (int q = start; q < stop; q++) {
                int i = order[q];
                long most = Math.max(lower[i], allowed(i, lowest));
                if (most < upper[i]) {
                    upper[i] = most;
                    changed = true;
                }
            }
            for (int q = start; q < stop; q++) {
                int j = order[q];
                if (shortBy[j] > 0) {
                    lowest = Math.min(lowest, after(j, units[j]) + slack(j));
                }
            }
            stop = start;
        }
        return changed;
    }

    /** Where the run of level regions that ends at {@code stop} (exclusive) starts: walking the order backwards. */
    private int runStart(int stop) {
        int start = stop - 1;
        while (start > 0 && runEnd[start - 1] == stop) {
            start--;
        }
        return start;
    }

    /** Whether the region at this position of the order starts exactly level with the next one (no order between). */
    public boolean levelWithNext(int position) {
        return runEnd[position] > position + 1;
    }

    /** What region i's resources are divided by: standard expenditure (coverage) or population (per capita). */
    public double weight(int i) {
        return weight[i];
    }

    /** The slack of one unit for region i in the measure's terms, U / w_i. */
    public double unitSlack(int i) {
        return slack(i);
    }

    /** Which region's own floor or cap set each region's tightened bound (-1: its own rules). */
    public record Setters(int[] floorFrom, int[] capFrom) {}

    /** The regions in rank order before transfers, lowest first (for reports and tests). */
    public List<Integer> order() {
        List<Integer> out = new ArrayList<>(order.length);
        for (int i : order) {
            out.add(i);
        }
        return out;
    }
}
