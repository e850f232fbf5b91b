package org.equiplan.facilities.exact;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BinaryModel} solved by SCIP, the MIP solver inside OR-Tools, through its linear solver wrapper. Its linear
 * relaxation is what CP-SAT lacks on tight generalised assignments: on the best open set of tight 30x200-s1 SCIP
 * reached 0.1% above the best known plan in 2 s where CP-SAT stayed 2.4% above after 10 s
 * (benchmark/results/issue9-mip-assignment-2026-12-02).
 */
final class MipModel extends BinaryModel {

    private static final Logger LOG = LoggerFactory.getLogger(MipModel.class);

    private static volatile Boolean available;

    private final MPSolver solver;
    private final List<MPVariable> vars = new ArrayList<>();
    private final List<Boolean> hints = new ArrayList<>();
    /** Set once the native solver is freed: an interrupt then must not touch it. Guarded by {@code this}. */
    private boolean deleted;

    private MipModel(MPSolver solver) {
        this.solver = solver;
    }

    /** A model for SCIP, or null where this build of OR-Tools has no SCIP. */
    static MipModel create() {
        if (!available()) {
            return null;
        }
        MPSolver solver = MPSolver.createSolver("SCIP");
        return solver == null ? null : new MipModel(solver);
    }

    /** Whether SCIP is in this build of OR-Tools (asked once; the log says so where it is not). */
    static boolean available() {
        Boolean known = available;
        if (known == null) {
            synchronized (MipModel.class) {
                known = available;
                if (known == null) {
                    MPSolver probe = CpSat.available() ? MPSolver.createSolver("SCIP") : null;
                    known = probe != null;
                    if (probe != null) {
                        probe.delete();
                    } else {
                        LOG.warn("SCIP is not available here: the windows it would solve go to CP-SAT");
                    }
                    available = known;
                }
            }
        }
        return known;
    }

    @Override
    int addBool(String name) {
        vars.add(solver.makeBoolVar(name));
        hints.add(null);
        return vars.size() - 1;
    }

    @Override
    void linear(int[] ids, long[] coefs, long lo, long hi) {
        MPConstraint row = solver.makeConstraint(
                lo == Long.MIN_VALUE ? -MPSolver.infinity() : lo, hi == Long.MAX_VALUE ? MPSolver.infinity() : hi);
        for (int k = 0; k < ids.length; k++) {
            // The same variable may come twice (a coefficient each): the wrapper keeps one, so add them up.
            MPVariable x = vars.get(ids[k]);
            row.setCoefficient(x, row.getCoefficient(x) + coefs[k]);
        }
    }

    @Override
    void exactlyOne(int[] ids) {
        linear(ids, ones(ids.length), 1, 1);
    }

    @Override
    void addCost(int var, long coef) {
        MPVariable x = vars.get(var);
        solver.objective().setCoefficient(x, solver.objective().getCoefficient(x) + coef);
    }

    @Override
    void hint(int var, boolean value) {
        hints.set(var, value);
    }

    @Override
    Outcome run(double seconds, int seed) {
        try {
            solver.objective().setMinimization();
            List<MPVariable> hinted = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int v = 0; v < vars.size(); v++) {
                if (hints.get(v) != null) {
                    hinted.add(vars.get(v));
                    values.add(hints.get(v) ? 1.0 : 0.0);
                }
            }
            solver.setHint(
                    hinted.toArray(MPVariable[]::new),
                    values.stream().mapToDouble(Double::doubleValue).toArray());
            solver.setNumThreads(1);
            solver.setTimeLimit(Math.max(10, Math.round(seconds * 1000)));
            // Costs are whole numbers: optimal means no plan cheaper by one unit (SCIP's default stops at 0.01%).
            solver.setSolverSpecificParametersAsString(
                    "limits/gap = 0\nlimits/absgap = 0.5\nrandomization/randomseedshift = " + seed + "\n");
            MPSolver.ResultStatus status = solver.solve();
            if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.FEASIBLE) {
                return Outcome.NONE;
            }
            boolean[] chosen = new boolean[vars.size()];
            for (int v = 0; v < chosen.length; v++) {
                chosen[v] = vars.get(v).solutionValue() > 0.5;
            }
            return new Outcome(true, status == MPSolver.ResultStatus.OPTIMAL, 0, chosen);
        } finally {
            release();
        }
    }

    @Override
    synchronized void release() {
        if (!deleted) {
            deleted = true;
            solver.delete();
        }
    }

    @Override
    synchronized void interrupt() {
        if (!deleted) {
            solver.interruptSolve();
        }
    }

    private static long[] ones(int count) {
        long[] out = new long[count];
        java.util.Arrays.fill(out, 1);
        return out;
    }
}
