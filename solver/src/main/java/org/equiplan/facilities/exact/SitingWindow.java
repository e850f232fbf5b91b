package org.equiplan.facilities.exact;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.facilities.bound.SitingModel;

/**
 * One neighbourhood of a siting plan solved exactly by CP-SAT. The sites of a window and every customer they serve
 * now are planned afresh together (which of the window's sites are open and which serves whom, or which open site
 * outside takes one into its spare room); customers elsewhere that have a cheaper site in the window may move into
 * it; everything else stays. A customer moves only to one of its {@link #OPTION_DEPTH} cheapest sites. Capacities,
 * open-count limits, always-open sites and the capital budget hold inside the window given the plan outside it.
 *
 * <p>This is the very large-scale neighbourhood of Ahuja et al. (2004) with a MIP solver for the neighbourhood, as
 * in kernel search (Guastaroba and Speranza 2014): every chain and cycle of moves among the window's sites (each
 * customer among its cheapest sites), and every opening and closing followed by an exact re-assignment, lies inside
 * one solve. Tight capacities need exactly
 * those compound changes, which single moves reach only through infeasible or worse plans.
 */
public final class SitingWindow {

    /**
     * A customer may move in a window only to one of this many sites cheapest for it (ties included), or stay.
     * Without the cut every open site outside with room is an option of every customer of the window: on 80 x 400 a
     * window of 18 sites held about 1,700 options, cut about 800, and CP-SAT proved such windows in 0.1 to 1.2 s
     * where it had stopped at its 2 s limit (benchmark/results/issue9-option-depth-2026-11-30). Six or ten sites
     * lost savings the windows found on 30 x 200.
     */
    static final int OPTION_DEPTH = 15;

    /**
     * Limits on the window as a whole, given the plan outside it: how many of its sites may be open, and the capital
     * left for opening new ones ({@code capitalCost} per window site; {@code capitalLeft} Long.MAX_VALUE: no budget).
     */
    public record Side(int minOpen, int maxOpen, long[] capitalCost, long capitalLeft) {

        public static Side free(int windowSize) {
            return new Side(0, windowSize, new long[windowSize], Long.MAX_VALUE);
        }
    }

    /** How a solve ended. */
    public enum Status {
        /** A cheaper plan for the window. */
        IMPROVED,
        /** The window's plan is proven the best it can be. */
        NO_BETTER,
        /** Stopped by its time limit without a cheaper plan. */
        STOPPED
    }

    /**
     * The outcome: {@code siteOf} the whole plan's site per customer (a copy, changed inside the window when
     * improved); {@code before} and {@code after} the window's part of the objective; {@code customers} how many
     * customers the window re-planned.
     */
    public record Result(Status status, int[] siteOf, long before, long after, int customers) {}

    private SitingWindow() {}

    /**
     * Plans the window {@code window} (site indexes of the model) afresh, starting from {@code siteOf} (the current
     * site of every customer), within {@code seconds} on one thread.
     */
    public static Result solve(SitingModel model, int[] siteOf, int[] window, Side side, double seconds, int seed) {
        if (!CpSat.available()) {
            throw new IllegalStateException("CP-SAT is not available on this machine");
        }
        int sites = model.siteCount();
        int[] slot = new int[sites];
        Arrays.fill(slot, -1);
        for (int w = 0; w < window.length; w++) {
            slot[window[w]] = w;
        }
        CpModel cp = new CpModel();
        BoolVar[] open = new BoolVar[window.length];
        for (int w = 0; w < window.length; w++) {
            open[w] = cp.newBoolVar("y" + window[w]);
        }
        List<List<BoolVar>> served = new ArrayList<>();
        List<List<Long>> servedDemand = new ArrayList<>();
        for (int w = 0; w < window.length; w++) {
            served.add(new ArrayList<>());
            servedDemand.add(new ArrayList<>());
        }
        // Spare room at the open sites outside: the window's customers may use it (the plan there stays).
        long[] room = new long[sites];
        boolean[] openOutside = new boolean[sites];
        for (int i = 0; i < sites; i++) {
            room[i] = model.capacity(i);
            openOutside[i] = slot[i] < 0 && model.alwaysOpen(i);
        }
        for (int j = 0; j < siteOf.length; j++) {
            if (room[siteOf[j]] != Long.MAX_VALUE) {
                room[siteOf[j]] -= model.demand(j);
            }
            openOutside[siteOf[j]] |= slot[siteOf[j]] < 0;
        }
        Map<Integer, List<BoolVar>> outsideUsers = new HashMap<>();
        Map<Integer, List<Long>> outsideDemand = new HashMap<>();
        LinearExprBuilder objective = LinearExpr.newBuilder();
        long before = 0;
        boolean[] openNow = new boolean[window.length];
        List<Integer> customers = new ArrayList<>();
        List<int[]> optionSites = new ArrayList<>(); // site per option, -1 = stay where it is
        List<BoolVar[]> optionVars = new ArrayList<>();
        for (int j = 0; j < siteOf.length; j++) {
            int here = slot[siteOf[j]];
            long costNow = model.costAt(j, siteOf[j]);
            int[] allowed = model.allowedSites(j);
            long[] costs = model.allowedCosts(j);
            long dearest = model.rankedCost(j, OPTION_DEPTH - 1);
            List<Integer> options = new ArrayList<>();
            for (int k = 0; k < allowed.length; k++) {
                int i = allowed[k];
                int w = slot[i];
                if (costs[k] > dearest && i != siteOf[j]) {
                    continue;
                }
                // From outside, only a cheaper site is worth a place in the window (it can only use up room);
                // from inside, any window site, or an open site outside with room for it.
                if ((w >= 0 && (here >= 0 || costs[k] < costNow))
                        || (w < 0 && here >= 0 && openOutside[i] && room[i] >= model.demand(j))) {
                    options.add(k);
                }
            }
            if (options.isEmpty()) {
                continue;
            }
            before += costNow;
            if (here >= 0) {
                openNow[here] = true;
            }
            int n = options.size() + (here >= 0 ? 0 : 1);
            int[] at = new int[n];
            BoolVar[] x = new BoolVar[n];
            for (int o = 0; o < options.size(); o++) {
                int k = options.get(o);
                int i = allowed[k];
                int w = slot[i];
                at[o] = i;
                x[o] = cp.newBoolVar("x" + j + "_" + i);
                objective.addTerm(x[o], costs[k]);
                if (w >= 0) {
                    cp.addImplication(x[o], open[w]);
                    served.get(w).add(x[o]);
                    servedDemand.get(w).add(model.demand(j));
                } else {
                    outsideUsers.computeIfAbsent(i, key -> new ArrayList<>()).add(x[o]);
                    outsideDemand.computeIfAbsent(i, key -> new ArrayList<>()).add(model.demand(j));
                }
                cp.addHint(x[o], i == siteOf[j] ? 1 : 0);
            }
            if (here < 0) {
                at[n - 1] = -1;
                x[n - 1] = cp.newBoolVar("stay" + j);
                objective.addTerm(x[n - 1], costNow);
                cp.addHint(x[n - 1], 1);
            }
            cp.addExactlyOne(x);
            customers.add(j);
            optionSites.add(at);
            optionVars.add(x);
        }
        LinearExprBuilder openCount = LinearExpr.newBuilder();
        LinearExprBuilder capital = LinearExpr.newBuilder();
        for (int w = 0; w < window.length; w++) {
            int i = window[w];
            openNow[w] |= model.alwaysOpen(i);
            if (openNow[w]) {
                before += model.fixedCost(i);
            }
            objective.addTerm(open[w], model.fixedCost(i));
            openCount.add(open[w]);
            capital.addTerm(open[w], side.capitalCost()[w]);
            cp.addHint(open[w], openNow[w] ? 1 : 0);
            List<BoolVar> users = served.get(w);
            if (model.alwaysOpen(i)) {
                cp.addEquality(open[w], 1);
            } else {
                // Open only if it serves someone: the plan's sites open exactly so.
                LinearExprBuilder used = LinearExpr.newBuilder().addTerm(open[w], 1);
                for (BoolVar x : users) {
                    used.addTerm(x, -1);
                }
                cp.addLessOrEqual(used, 0);
            }
            if (model.capacity(i) != Long.MAX_VALUE && !users.isEmpty()) {
                LinearExprBuilder load = LinearExpr.newBuilder().addTerm(open[w], -model.capacity(i));
                for (int u = 0; u < users.size(); u++) {
                    load.addTerm(users.get(u), servedDemand.get(w).get(u));
                }
                cp.addLessOrEqual(load, 0);
            }
        }
        for (Map.Entry<Integer, List<BoolVar>> outside : outsideUsers.entrySet()) {
            int i = outside.getKey();
            if (room[i] != Long.MAX_VALUE) {
                LinearExprBuilder load = LinearExpr.newBuilder();
                List<BoolVar> users = outside.getValue();
                for (int u = 0; u < users.size(); u++) {
                    load.addTerm(users.get(u), outsideDemand.get(i).get(u));
                }
                cp.addLessOrEqual(load, room[i]);
            }
        }
        if (side.minOpen() > 0 || side.maxOpen() < window.length) {
            cp.addLinearConstraint(openCount, Math.max(0, side.minOpen()), Math.max(0, side.maxOpen()));
        }
        if (side.capitalLeft() != Long.MAX_VALUE) {
            cp.addLessOrEqual(capital, Math.max(0, side.capitalLeft()));
        }
        cp.minimize(objective);

        CpSolver solver = new CpSolver();
        solver.getParameters()
                .setNumWorkers(1)
                .setRandomSeed(seed)
                .setMaxTimeInSeconds(Math.max(0.01, seconds))
                .setLogSearchProgress(false)
                // No probing in presolve: on these small models it spent wall time the search used better
                // (tight 30 x 200 to 80 x 400, one run each, see docs/facilities.md).
                .setCpModelProbingLevel(0);
        CpSolverStatus status = solver.solve(cp);
        int[] next = siteOf.clone();
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            return new Result(Status.STOPPED, next, before, before, customers.size());
        }
        long after = Math.round(solver.objectiveValue());
        if (after >= before) {
            return new Result(
                    status == CpSolverStatus.OPTIMAL ? Status.NO_BETTER : Status.STOPPED,
                    next,
                    before,
                    before,
                    customers.size());
        }
        for (int c = 0; c < customers.size(); c++) {
            int j = customers.get(c);
            BoolVar[] x = optionVars.get(c);
            for (int o = 0; o < x.length; o++) {
                if (solver.booleanValue((Literal) x[o])) {
                    int i = optionSites.get(c)[o];
                    next[j] = i < 0 ? siteOf[j] : i;
                }
            }
        }
        return new Result(Status.IMPROVED, next, before, after, customers.size());
    }
}
