package org.equiplan.funds.solver;

import java.util.Arrays;

/**
 * Breakpoints of a piecewise linear derivative for {@link RankedYear}'s dynamic programme ("slope trick"), read from
 * the right: each with the change of slope and constant the derivative takes when crossing it from left to right.
 * Most live in a max-heap on x. The breakpoints of the position being added come already in ascending order, so they
 * wait in a run of their own and are merged with the heap as they are read ({@link #add}); only those still there
 * when the position is settled enter the heap: the ones the level passes by never do (the heap's pushes and pops were
 * two thirds of the bound's time, sampled; the bound now runs about 1.25 times the evaluations per second).
 */
final class Breakpoints {
    private double[] x = new double[64];
    private double[] slope = new double[64];
    private double[] constant = new double[64];
    private int size;

    private double[] runX = new double[8];
    private double[] runSlope = new double[8];
    private double[] runConst = new double[8];
    private int run;

    void clear() {
        size = 0;
        run = 0;
    }

    /** Adds a breakpoint of the position being added; each one at or right of the one before. */
    void add(double at, double dSlope, double dConst) {
        if (run == runX.length) {
            runX = Arrays.copyOf(runX, run * 2);
            runSlope = Arrays.copyOf(runSlope, run * 2);
            runConst = Arrays.copyOf(runConst, run * 2);
        }
        runX[run] = at;
        runSlope[run] = dSlope;
        runConst[run] = dConst;
        run++;
    }

    /** Moves what is left of the added run into the heap. */
    void settle() {
        for (int j = 0; j < run; j++) {
            push(runX[j], runSlope[j], runConst[j]);
        }
        run = 0;
    }

    boolean isEmpty() {
        return size == 0 && run == 0;
    }

    /** Whether the rightmost breakpoint is the added run's last. */
    private boolean topInRun() {
        return run > 0 && (size == 0 || runX[run - 1] >= x[0]);
    }

    double topX() {
        return topInRun() ? runX[run - 1] : x[0];
    }

    double topSlope() {
        return topInRun() ? runSlope[run - 1] : slope[0];
    }

    double topConst() {
        return topInRun() ? runConst[run - 1] : constant[0];
    }

    /** Removes the rightmost breakpoint. */
    void pop() {
        if (topInRun()) {
            run--;
        } else {
            popHeap();
        }
    }

    /** Adds a breakpoint straight to the heap. */
    void push(double at, double dSlope, double dConst) {
        if (size == x.length) {
            x = Arrays.copyOf(x, size * 2);
            slope = Arrays.copyOf(slope, size * 2);
            constant = Arrays.copyOf(constant, size * 2);
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

    private void popHeap() {
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
