package org.equiplan.funds.solver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Projected limited-memory BFGS ascent for a concave dual with some prices held at 0 or above (Byrd, Lu, Nocedal and
 * Zhu 1995 in its simplest form: the quasi-Newton direction on the coordinates not held at zero, an Armijo search
 * along the projected path, the memory started afresh where a step fails). Used by {@link RankedPlanBound}, where
 * blocks of regions tied by the rank order move together and gradient steps scaled by each price's own curvature
 * crawled (about a tenth as far per evaluation).
 */
final class ProjectedLbfgs {

    /** Pairs (s, y) kept by the quasi-Newton memory. */
    private static final int MEMORY = 8;

    /** The function raised: its value at x, its gradient into {@code gradient}. */
    interface Dual {
        double value(double[] x, double[] gradient);
    }

    /** Told of each better value and its point (a copy). */
    interface Improved {
        void accept(double value, double[] x);
    }

    private ProjectedLbfgs() {}

    /**
     * Raises {@code dual} from x = 0 until {@code stop} or until not even a scaled gradient step gains; returns the
     * best value seen, handing each better one and a copy of its point to {@code improved}. Coordinates below
     * {@code bounded} stay at least 0, the others are free; {@code scale} is each one's first step (1 / its own
     * curvature). A value of negative infinity at 0 ends it at once.
     */
    static double maximise(Dual dual, double[] scale, int bounded, BooleanSupplier stop, Improved improved) {
        int size = scale.length;
        double[] x = new double[size];
        double[] ascent = new double[size];
        double value = dual.value(x, ascent);
        if (value == Double.NEGATIVE_INFINITY) {
            return value;
        }
        double best = value;
        improved.accept(best, x.clone());
        Deque<double[]> steps = new ArrayDeque<>();
        Deque<double[]> changes = new ArrayDeque<>();
        double[] next = new double[size];
        double[] nextAscent = new double[size];
        while (!stop.getAsBoolean()) {
            double[] direction = direction(x, ascent, steps, changes, scale, bounded);
            double step = 1;
            double nextValue = Double.NEGATIVE_INFINITY;
            boolean accepted = false;
            for (int tries = 0; tries < 20 && !stop.getAsBoolean(); tries++) {
                double predicted = 0;
                for (int k = 0; k < size; k++) {
                    next[k] = x[k] + step * direction[k];
                    if (k < bounded) {
                        next[k] = Math.max(0, next[k]);
                    }
                    predicted += ascent[k] * (next[k] - x[k]);
                }
                nextValue = dual.value(next, nextAscent);
                if (nextValue >= value + 1e-4 * predicted) {
                    accepted = true;
                    break;
                }
                step /= 2;
            }
            if (!accepted) {
                if (steps.isEmpty()) {
                    break; // not even a scaled gradient step gains: as far as this method goes
                }
                steps.clear(); // start the memory afresh
                changes.clear();
                continue;
            }
            double[] s = new double[size];
            double[] change = new double[size];
            double sy = 0;
            for (int k = 0; k < size; k++) {
                s[k] = next[k] - x[k];
                change[k] = ascent[k] - nextAscent[k]; // the change of the gradient of -dual
                sy += s[k] * change[k];
            }
            if (sy > 0) {
                steps.addLast(s);
                changes.addLast(change);
                if (steps.size() > MEMORY) {
                    steps.removeFirst();
                    changes.removeFirst();
                }
            }
            System.arraycopy(next, 0, x, 0, size);
            System.arraycopy(nextAscent, 0, ascent, 0, size);
            value = nextValue;
            if (value > best) {
                best = value;
                improved.accept(best, x.clone());
            }
        }
        return best;
    }

    /** The quasi-Newton ascent direction (two-loop recursion) on the coordinates not held at zero. */
    private static double[] direction(
            double[] x, double[] ascent, Deque<double[]> steps, Deque<double[]> changes, double[] scale, int bounded) {
        int size = x.length;
        double[] q = new double[size];
        for (int k = 0; k < size; k++) {
            q[k] = held(k, x, ascent, bounded) ? 0 : -ascent[k]; // gradient of -dual where not held at 0
        }
        List<double[]> s = new ArrayList<>(steps);
        List<double[]> c = new ArrayList<>(changes);
        double[] alpha = new double[s.size()];
        for (int j = s.size() - 1; j >= 0; j--) {
            alpha[j] = dot(s.get(j), q) / dot(c.get(j), s.get(j));
            axpy(-alpha[j], c.get(j), q);
        }
        double gamma = 1;
        if (!s.isEmpty()) {
            double[] last = c.get(c.size() - 1);
            double weighted = 0;
            for (int k = 0; k < size; k++) {
                weighted += last[k] * last[k] * scale[k];
            }
            gamma = dot(s.get(s.size() - 1), last) / weighted;
        }
        for (int k = 0; k < size; k++) {
            q[k] *= gamma * scale[k];
        }
        for (int j = 0; j < s.size(); j++) {
            double beta = dot(c.get(j), q) / dot(c.get(j), s.get(j));
            axpy(alpha[j] - beta, s.get(j), q);
        }
        for (int k = 0; k < size; k++) {
            q[k] = held(k, x, ascent, bounded) ? 0 : -q[k];
        }
        return q;
    }

    /** A bounded coordinate held at 0 by the projection. */
    private static boolean held(int k, double[] x, double[] ascent, int bounded) {
        return k < bounded && x[k] <= 0 && ascent[k] < 0;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    private static void axpy(double factor, double[] from, double[] to) {
        for (int k = 0; k < from.length; k++) {
            to[k] += factor * from[k];
        }
    }
}
