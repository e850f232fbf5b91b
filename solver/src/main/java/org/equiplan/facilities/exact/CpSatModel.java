package org.equiplan.facilities.exact;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;
import java.util.ArrayList;
import java.util.List;

/** A {@link BinaryModel} solved by CP-SAT on one worker. */
final class CpSatModel extends BinaryModel {

    private final CpModel cp = new CpModel();
    private final List<BoolVar> vars = new ArrayList<>();
    private final LinearExprBuilder objective = LinearExpr.newBuilder();
    private final CpSolver solver = new CpSolver();

    @Override
    int addBool(String name) {
        vars.add(cp.newBoolVar(name));
        return vars.size() - 1;
    }

    @Override
    void linear(int[] ids, long[] coefs, long lo, long hi) {
        LinearExprBuilder sum = LinearExpr.newBuilder();
        for (int k = 0; k < ids.length; k++) {
            sum.addTerm(vars.get(ids[k]), coefs[k]);
        }
        cp.addLinearConstraint(sum, lo, hi);
    }

    @Override
    void exactlyOne(int[] ids) {
        BoolVar[] literals = new BoolVar[ids.length];
        for (int k = 0; k < ids.length; k++) {
            literals[k] = vars.get(ids[k]);
        }
        cp.addExactlyOne(literals);
    }

    @Override
    void addCost(int var, long coef) {
        objective.addTerm(vars.get(var), coef);
    }

    @Override
    void hint(int var, boolean value) {
        cp.addHint(vars.get(var), value ? 1 : 0);
    }

    @Override
    Outcome run(double seconds, int seed) {
        cp.minimize(objective);
        solver.getParameters()
                .setNumWorkers(1)
                .setRandomSeed(seed)
                .setMaxTimeInSeconds(Math.max(0.01, seconds))
                .setLogSearchProgress(false)
                // No probing in presolve: on these small models it spent wall time the search used better
                // (tight 30 x 200 to 80 x 400, one run each, see docs/facilities.md).
                .setCpModelProbingLevel(0);
        CpSolverStatus status = solver.solve(cp);
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            return Outcome.NONE;
        }
        boolean[] values = new boolean[vars.size()];
        for (int v = 0; v < values.length; v++) {
            values[v] = solver.booleanValue((Literal) vars.get(v));
        }
        return new Outcome(true, status == CpSolverStatus.OPTIMAL, 0, values);
    }

    @Override
    void release() {
        // Nothing native is held before a solve.
    }

    @Override
    void interrupt() {
        solver.stopSearch(); // a no-op unless a solve runs
    }
}
