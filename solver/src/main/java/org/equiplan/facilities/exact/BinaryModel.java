package org.equiplan.facilities.exact;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A minimisation over 0-1 variables with linear constraints, written once and solved by either of OR-Tools' engines
 * ({@link CpSatModel}, {@link MipModel}): a window's model is the same for both, and neither engine is best on every
 * window (CP-SAT finds good plans fast; SCIP's linear relaxation proves and closes tight assignments CP-SAT does not).
 * Variables are numbered from 0 in the order they are made; coefficients are whole numbers.
 */
abstract class BinaryModel {

    /** How often a running solve asks whether it should stop. */
    static final long STOP_POLL_MILLIS = 20;

    /**
     * One daemon thread for every solve in the JVM: it asks each running solve's stop signal and interrupts the engine
     * when it is set (neither engine reads a Java flag itself).
     */
    private static final ScheduledExecutorService STOP_WATCH = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "equiplan-solve-stop");
        t.setDaemon(true);
        return t;
    });

    /** The objective's coefficient per variable, to score a solve's plan exactly (not by the solver's float). */
    private final List<Long> costs = new ArrayList<>();

    /**
     * How a solve ended: {@code found} a plan that meets every constraint, {@code proven} it the best, its
     * {@code objective} and the value of every variable (null when none was found).
     */
    record Outcome(boolean found, boolean proven, long objective, boolean[] values) {

        static final Outcome NONE = new Outcome(false, false, 0, null);
    }

    /** A new 0-1 variable; its number. */
    final int newBool(String name) {
        costs.add(0L);
        return addBool(name);
    }

    /** The objective's coefficient of {@code var} raised by {@code coef}. */
    final void cost(int var, long coef) {
        costs.set(var, costs.get(var) + coef);
        addCost(var, coef);
    }

    /**
     * Solves within {@code seconds} on one thread; {@code seed} varies the search. The objective is summed here from the
     * values found. Frees the model's native side: a model is solved once. Once {@code stop} says so the engine is
     * interrupted and the solve returns what it has (a stop requested before it starts skips the search: nothing found).
     */
    final Outcome solve(double seconds, int seed, BooleanSupplier stop) {
        if (stop.getAsBoolean()) {
            release();
            return Outcome.NONE;
        }
        // Asked again every poll until the solve returns: a request that comes before the engine has started is lost.
        ScheduledFuture<?> watch = STOP_WATCH.scheduleWithFixedDelay(
                () -> {
                    if (stop.getAsBoolean()) {
                        interrupt();
                    }
                },
                0,
                STOP_POLL_MILLIS,
                TimeUnit.MILLISECONDS);
        Outcome outcome;
        try {
            outcome = run(seconds, seed);
        } finally {
            watch.cancel(false);
        }
        if (!outcome.found()) {
            return outcome;
        }
        long objective = 0;
        for (int v = 0; v < costs.size(); v++) {
            objective += outcome.values()[v] ? costs.get(v) : 0;
        }
        return new Outcome(true, outcome.proven(), objective, outcome.values());
    }

    /** A new 0-1 variable, numbered in order from 0. */
    abstract int addBool(String name);

    /** Adds {@code coef} to the objective's coefficient of {@code var}. */
    abstract void addCost(int var, long coef);

    /** The solve itself ({@code objective} of the outcome may be left 0); frees the native side when done. */
    abstract Outcome run(double seconds, int seed);

    /** Frees the native side of a model that is not solved after all. */
    abstract void release();

    /**
     * Asks the engine to end a running solve at once with what it has; called from another thread, at any time (before,
     * during or after {@link #run}), so it must be safe then too.
     */
    abstract void interrupt();

    /** sum of coefs[k] * vars[k] between {@code lo} and {@code hi} (Long.MIN_VALUE / MAX_VALUE: no limit). */
    abstract void linear(int[] vars, long[] coefs, long lo, long hi);

    /** Exactly one of {@code vars} is 1. */
    abstract void exactlyOne(int[] vars);

    /** A value the solve starts from (a plan at hand), not a constraint. */
    abstract void hint(int var, boolean value);

    /** sum of coefs * vars at most {@code hi}. */
    final void atMost(int[] vars, long[] coefs, long hi) {
        linear(vars, coefs, Long.MIN_VALUE, hi);
    }

    /** {@code a} may be 1 only where {@code b} is. */
    final void implies(int a, int b) {
        atMost(new int[] {a, b}, new long[] {1, -1}, 0);
    }

    /** {@code var} fixed to 1. */
    final void fixOne(int var) {
        linear(new int[] {var}, new long[] {1}, 1, 1);
    }
}
