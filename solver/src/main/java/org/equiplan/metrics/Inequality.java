package org.equiplan.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Weighted inequality indices of a distribution (values x_i with weights w_i, e.g. regional mean
 * distance weighted by regional demand, or per-capita resources weighted by population).
 *
 * <p>All indices are scale invariant. An index that is undefined for the data (Theil L or the
 * max/min ratio when a value is 0, anything when the mean is 0) is reported as {@code null}
 * rather than as infinity or NaN, so that it survives JSON.
 */
public final class Inequality {

    private Inequality() {}

    /** Default inequality aversion for the Atkinson index. */
    public static final double DEFAULT_ATKINSON_EPSILON = 0.5;

    public static Indices of(double[] values, double[] weights) {
        return of(values, weights, DEFAULT_ATKINSON_EPSILON);
    }

    public static Indices of(double[] values, double[] weights, double atkinsonEpsilon) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException("values and weights differ in length");
        }
        double totalWeight = 0;
        double weightedSum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (weights[i] < 0 || values[i] < 0 || !Double.isFinite(values[i]) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("values and weights must be finite and >= 0");
            }
            if (weights[i] == 0) {
                continue;
            }
            n++;
            totalWeight += weights[i];
            weightedSum += weights[i] * values[i];
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        if (n == 0) {
            return new Indices(0, null, null, null, null, null, null, null, null, null);
        }
        double mean = weightedSum / totalWeight;
        if (mean == 0) {
            // Everyone has zero: perfectly equal, but ratios are undefined.
            return new Indices(n, 0.0, 0.0, 0.0, 0.0, 0.0, null, 0.0, 0.0, null);
        }
        return new Indices(
                n,
                mean,
                min,
                max,
                gini(values, weights, totalWeight, weightedSum),
                theilT(values, weights, totalWeight, mean),
                min > 0 ? theilL(values, weights, totalWeight, mean) : null,
                cv(values, weights, totalWeight, mean),
                atkinson(values, weights, totalWeight, mean, atkinsonEpsilon),
                min > 0 ? max / min : null);
    }

    /** Sorted form of sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mean), O(n log n). */
    static double gini(double[] x, double[] w, double totalWeight, double weightedSum) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        double before = 0;
        double sum = 0;
        for (int i : order) {
            double through = before + w[i];
            sum += w[i] * x[i] * (before + through - totalWeight);
            before = through;
        }
        return Math.max(0, sum / (totalWeight * weightedSum));
    }

    static double theilT(double[] x, double[] w, double totalWeight, double mean) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (w[i] > 0 && x[i] > 0) {
                double r = x[i] / mean;
                sum += w[i] * r * Math.log(r);
            }
        }
        return Math.max(0, sum / totalWeight);
    }

    static double theilL(double[] x, double[] w, double totalWeight, double mean) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (w[i] > 0) {
                sum += w[i] * Math.log(mean / x[i]);
            }
        }
        return Math.max(0, sum / totalWeight);
    }

    static double cv(double[] x, double[] w, double totalWeight, double mean) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean;
            sum += w[i] * d * d;
        }
        return Math.sqrt(sum / totalWeight) / mean;
    }

    static Double atkinson(double[] x, double[] w, double totalWeight, double mean, double epsilon) {
        if (epsilon == 1) {
            double logSum = 0;
            for (int i = 0; i < x.length; i++) {
                if (w[i] > 0) {
                    if (x[i] == 0) {
                        return 1.0;
                    }
                    logSum += w[i] * Math.log(x[i]);
                }
            }
            return Math.max(0, 1 - Math.exp(logSum / totalWeight) / mean);
        }
        double powSum = 0;
        for (int i = 0; i < x.length; i++) {
            if (w[i] > 0) {
                if (x[i] == 0 && epsilon > 1) {
                    return 1.0;
                }
                powSum += w[i] * Math.pow(x[i], 1 - epsilon);
            }
        }
        double equallyDistributed = Math.pow(powSum / totalWeight, 1 / (1 - epsilon));
        return Math.max(0, 1 - equallyDistributed / mean);
    }

    /**
     * Theil T and Theil L split into between-group and within-group parts (they add up to the
     * whole index). T weighs each group's own index by its share of the total (income share), L by
     * its share of the weight (population share).
     */
    public static TheilSplit theilSplit(double[] values, double[] weights, String[] groups) {
        java.util.Map<String, java.util.List<Integer>> byGroup = new java.util.LinkedHashMap<>();
        double totalWeight = 0;
        double weightedSum = 0;
        boolean anyZero = false;
        for (int i = 0; i < values.length; i++) {
            if (weights[i] > 0) {
                byGroup.computeIfAbsent(groups[i] == null ? "" : groups[i], g -> new java.util.ArrayList<>())
                        .add(i);
                totalWeight += weights[i];
                weightedSum += weights[i] * values[i];
                anyZero |= values[i] == 0;
            }
        }
        if (totalWeight == 0 || weightedSum == 0) {
            return new TheilSplit(byGroup.size(), null, null, null, null);
        }
        double mean = weightedSum / totalWeight;
        double betweenT = 0;
        double withinT = 0;
        double betweenL = 0;
        double withinL = 0;
        for (java.util.List<Integer> members : byGroup.values()) {
            double[] x = new double[members.size()];
            double[] w = new double[members.size()];
            double gw = 0;
            double gs = 0;
            for (int k = 0; k < x.length; k++) {
                x[k] = values[members.get(k)];
                w[k] = weights[members.get(k)];
                gw += w[k];
                gs += w[k] * x[k];
            }
            double groupMean = gs / gw;
            double incomeShare = gs / weightedSum;
            double weightShare = gw / totalWeight;
            if (groupMean > 0) {
                betweenT += incomeShare * Math.log(groupMean / mean);
                withinT += incomeShare * theilT(x, w, gw, groupMean);
                if (!anyZero) {
                    betweenL += weightShare * Math.log(mean / groupMean);
                    withinL += weightShare * theilL(x, w, gw, groupMean);
                }
            }
        }
        return new TheilSplit(byGroup.size(), betweenT, withinT, anyZero ? null : betweenL, anyZero ? null : withinL);
    }

    /** Between- and within-group parts of Theil T and L; null where undefined. */
    public record TheilSplit(
            int groups, Double theilTBetween, Double theilTWithin, Double theilLBetween, Double theilLWithin) {}

    /**
     * The indices of one distribution.
     *
     * @param count the number of units with positive weight
     * @param maxMinRatio max / min, null when the minimum is 0
     */
    public record Indices(
            int count,
            Double mean,
            Double min,
            Double max,
            Double gini,
            Double theilT,
            Double theilL,
            Double cv,
            Double atkinson,
            Double maxMinRatio) {}
}
