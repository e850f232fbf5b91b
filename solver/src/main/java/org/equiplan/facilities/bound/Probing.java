package org.equiplan.facilities.bound;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Raises a Lagrangian bound by probing single sites: every plan has site i either open or closed, so
 * min(bound with i open, bound with i closed) is a valid bound, and the best such over the sites is too.
 * The branch that agrees with the relaxed solution starts at the root's value and can only rise, so the
 * result is never below the root. The sites whose Lagrangian value is nearest zero (the relaxation's
 * closest calls) are probed first, each from the root's multipliers for a short run.
 */
final class Probing {

    /** Subgradient iterations per branch. */
    static final int ITERATIONS = 80;

    private Probing() {}

    static double tighten(
            SitingModel model,
            LagrangianRelaxation relaxation,
            LagrangianRelaxation.Result root,
            long upperBound,
            BooleanSupplier stop) {
        int m = model.sites;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        double[] value = root.siteValue();
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(value[a]), Math.abs(value[b])));
        byte[] fixing = new byte[m];
        double best = root.bound();
        for (int i : order) {
            if (model.forced[i] || stop.getAsBoolean()) {
                continue;
            }
            fixing[i] = 1;
            double open = relaxation
                    .run(upperBound, ITERATIONS, stop, root.lambda(), fixing, false)
                    .bound();
            fixing[i] = -1;
            double closed = relaxation
                    .run(upperBound, ITERATIONS, stop, root.lambda(), fixing, false)
                    .bound();
            fixing[i] = 0;
            best = Math.max(best, Math.min(open, closed));
            if (Math.ceil(best - LagrangianRelaxation.tolerance(best)) >= upperBound) {
                break; // the bound meets the best known plan: it is optimal
            }
        }
        return best;
    }
}
