package org.equiplan.funds.solver;

/**
 * Breakpoints of a piecewise linear derivative for {@link RankedYear}'s dynamic programme ("slope trick"): a max-heap
 * on x, each entry with the change of slope and constant the derivative takes when crossing it from left to right.
 */
final class Breakpoints {
    private double[] x = new double[64];
    private double[] slope = new double[64];
    private double[] constant = new double[64];
    private int size;

    void clear() {
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    double topX() {
        return x[0];
    }

    double topSlope() {
        return slope[0];
    }

    double topConst() {
        return constant[0];
    }

    void push(double at, double dSlope, double dConst) {
        if (size == x.length) {
            x = java.util.Arrays.copyOf(x, size * 2);
            slope = java.util.Arrays.copyOf(slope, size * 2);
            constant = java.util.Arrays.copyOf(constant, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (x[parent] >= at) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        x[i] = at;
        slope[i] = dSlope;
        constant[i] = dConst;
    }

    void pop() {
        size--;
        if (size == 0) {
            return;
        }
        double at = x[size];
        double s = slope[size];
        double c = constant[size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && x[child + 1] > x[child]) {
                child++;
            }
            if (x[child] <= at) {
                break;
            }
            move(child, i);
            i = child;
        }
        x[i] = at;
        slope[i] = s;
        constant[i] = c;
    }

    private void move(int from, int to) {
        x[to] = x[from];
        slope[to] = slope[from];
        constant[to] = constant[from];
    }
}
