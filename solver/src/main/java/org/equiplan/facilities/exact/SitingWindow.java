package org.equiplan.facilities.exact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.equiplan.facilities.bound.SitingModel;

/**
 * One neighbourhood of a siting plan solved exactly, by CP-SAT or by SCIP ({@link Engine}). The sites of a window and every customer they serve
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
     * customers the window re-planned; {@code proven} whether {@code after} is the best the window can be.
     */
    public record Result(Status status, int[] siteOf, long before, long after, int customers, boolean proven) {}

    /**
     * The engine a window is solved by: CP-SAT, or SCIP (a MIP solver, in the same OR-Tools build) where a linear
     * relaxation helps, as on tight assignments among fixed open sites.
     */
    public enum Engine {
        CP_SAT,
        MIP
    }

    private SitingWindow() {}

    /**
     * Plans the window {@code window} (site indexes of the model) afresh, starting from {@code siteOf} (the current
     * site of every customer), within {@code seconds} on one thread, by CP-SAT.
     */
    public static Result solve(SitingModel model, int[] siteOf, int[] window, Side side, double seconds, int seed) {
        return solve(model, siteOf, window, side, seconds, seed, Engine.CP_SAT);
    }

    /**
     * The same, solved by {@code engine} (CP-SAT where SCIP is not in this build of OR-Tools). The model is written
     * once ({@link BinaryModel}), whichever engine solves it.
     */
    public static Result solve(
            SitingModel model, int[] siteOf, int[] window, Side side, double seconds, int seed, Engine engine) {
        return solve(model, siteOf, window, side, seconds, seed, engine, () -> false);
    }

    /**
     * The same, ended early once {@code stop} says so (a user's stop, or the end of the search it serves), with the
     * best plan found by then: a solve of several seconds does not hold a stopped solve back.
     */
    public static Result solve(
            SitingModel model,
            int[] siteOf,
            int[] window,
            Side side,
            double seconds,
            int seed,
            Engine engine,
            BooleanSupplier stop) {
        if (!CpSat.available()) {
            throw new IllegalStateException("CP-SAT is not available on this machine");
        }
        BinaryModel cp = engine == Engine.MIP ? MipModel.create() : null; // null: no SCIP here
        if (cp == null) {
            cp = new CpSatModel();
        }
        int sites = model.siteCount();
        int[] slot = new int[sites];
        Arrays.fill(slot, -1);
        for (int w = 0; w < window.length; w++) {
            slot[window[w]] = w;
        }
        int[] open = new int[window.length];
        for (int w = 0; w < window.length; w++) {
            open[w] = cp.newBool("y" + window[w]);
        }
        List<List<Integer>> served = new ArrayList<>();
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
        Map<Integer, List<Integer>> outsideUsers = new HashMap<>();
        Map<Integer, List<Long>> outsideDemand = new HashMap<>();
        long before = 0;
        boolean[] openNow = new boolean[window.length];
        List<Integer> customers = new ArrayList<>();
        List<int[]> optionSites = new ArrayList<>(); // site per option, -1 = stay where it is
        List<int[]> optionVars = new ArrayList<>();
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
            int[] x = new int[n];
            for (int o = 0; o < options.size(); o++) {
                int k = options.get(o);
                int i = allowed[k];
                int w = slot[i];
                at[o] = i;
                x[o] = cp.newBool("x" + j + "_" + i);
                cp.cost(x[o], costs[k]);
                if (w >= 0) {
                    cp.implies(x[o], open[w]);
                    served.get(w).add(x[o]);
                    servedDemand.get(w).add(model.demand(j));
                } else {
                    outsideUsers.computeIfAbsent(i, key -> new ArrayList<>()).add(x[o]);
                    outsideDemand.computeIfAbsent(i, key -> new ArrayList<>()).add(model.demand(j));
                }
                cp.hint(x[o], i == siteOf[j]);
            }
            if (here < 0) {
                at[n - 1] = -1;
                x[n - 1] = cp.newBool("stay" + j);
                cp.cost(x[n - 1], costNow);
                cp.hint(x[n - 1], true);
            }
            cp.exactlyOne(x);
            customers.add(j);
            optionSites.add(at);
            optionVars.add(x);
        }
        long[] capital = new long[window.length];
        for (int w = 0; w < window.length; w++) {
            int i = window[w];
            openNow[w] |= model.alwaysOpen(i);
            if (openNow[w]) {
                before += model.fixedCost(i);
            }
            cp.cost(open[w], model.fixedCost(i));
            capital[w] = side.capitalCost()[w];
            cp.hint(open[w], openNow[w]);
            List<Integer> users = served.get(w);
            if (model.alwaysOpen(i)) {
                cp.fixOne(open[w]);
            } else {
                // Open only if it serves someone: the plan's sites open exactly so.
                cp.atMost(concat(open[w], users), coefficients(1, Collections.nCopies(users.size(), -1L)), 0);
            }
            if (model.capacity(i) != Long.MAX_VALUE && !users.isEmpty()) {
                cp.atMost(concat(open[w], users), coefficients(-model.capacity(i), servedDemand.get(w)), 0);
            }
        }
        for (Map.Entry<Integer, List<Integer>> outside : outsideUsers.entrySet()) {
            int i = outside.getKey();
            if (room[i] != Long.MAX_VALUE) {
                List<Integer> users = outside.getValue();
                cp.atMost(
                        users.stream().mapToInt(Integer::intValue).toArray(),
                        outsideDemand.get(i).stream().mapToLong(Long::longValue).toArray(),
                        room[i]);
            }
        }
        if (side.minOpen() > 0 || side.maxOpen() < window.length) {
            long[] ones = new long[window.length];
            Arrays.fill(ones, 1);
            cp.linear(open, ones, Math.max(0, side.minOpen()), Math.max(0, side.maxOpen()));
        }
        if (side.capitalLeft() != Long.MAX_VALUE) {
            cp.atMost(open, capital, Math.max(0, side.capitalLeft()));
        }
        BinaryModel.Outcome outcome = cp.solve(seconds, seed, stop);
        int[] next = siteOf.clone();
        if (!outcome.found()) {
            return new Result(Status.STOPPED, next, before, before, customers.size(), false);
        }
        long after = outcome.objective();
        if (after >= before) {
            return new Result(
                    outcome.proven() ? Status.NO_BETTER : Status.STOPPED,
                    next,
                    before,
                    before,
                    customers.size(),
                    outcome.proven());
        }
        for (int c = 0; c < customers.size(); c++) {
            int j = customers.get(c);
            int[] x = optionVars.get(c);
            for (int o = 0; o < x.length; o++) {
                if (outcome.values()[x[o]]) {
                    int i = optionSites.get(c)[o];
                    next[j] = i < 0 ? siteOf[j] : i;
                }
            }
        }
        return new Result(Status.IMPROVED, next, before, after, customers.size(), outcome.proven());
    }

    /** {@code first} and then {@code rest}. */
    private static int[] concat(int first, List<Integer> rest) {
        return IntStream.concat(IntStream.of(first), rest.stream().mapToInt(Integer::intValue))
                .toArray();
    }

    /** {@code head} then {@code rest}. */
    private static long[] coefficients(long head, List<Long> rest) {
        return LongStream.concat(LongStream.of(head), rest.stream().mapToLong(Long::longValue))
                .toArray();
    }
}
