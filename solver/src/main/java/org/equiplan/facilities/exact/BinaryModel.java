package org.equiplan.facilities.exact;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimisation over 0-1 variables with linear constraints, written once and solved by either of OR-Tools' engines
 * ({@link CpSatModel}, {@link MipModel}): a window's model is the same for both, and neither engine is best on every
 * window (CP-SAT finds good plans fast; SCIP's linear relaxation proves and closes tight assignments CP-SAT does not).
 * Variables are numbered from 0 in the order they are made; coefficients are whole numbers.
 */
abstract class BinaryModel {

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
     * values found. Frees the model's native side: a model is solved once.
     */
    final Outcome solve(double seconds, int seed) {
        Outcome outcome = run(seconds, seed);
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

    /** The solve itself ({@code objective} of the outcome may be left 0). */
    abstract Outcome run(double seconds, int seed);

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
