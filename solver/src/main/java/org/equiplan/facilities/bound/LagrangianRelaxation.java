package org.equiplan.facilities.bound;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.equiplan.facilities.domain.SearchHints;

/**
 * A lower bound on one service's linear objective by Lagrangian relaxation of "each customer goes to
 * exactly one site" (Holmberg, Ronnqvist and Yuan 1999; Beasley 1993 for p-median). With a multiplier
 * lambda_j per customer the problem splits by site:
 *
 * <pre>
 *   L(lambda) = sum_j lambda_j + min_y sum_i y_i (f_i + K_i(lambda))
 *   K_i(lambda) = min sum_j (c_ij - lambda_j) x_ij  subject to  sum_j d_j x_ij <= s_i
 * </pre>
 *
 * K_i is a 0-1 knapsack over the customers with negative reduced cost ({@link Knapsack}); the choice
 * of y keeps the forced sites, the open-count limits and, for capacitated services without count limits,
 * the aggregate capacity cut sum_i s_i y_i >= sum_j d_j (a covering knapsack, {@link OpenChoice}).
 * Every L(lambda) is a valid lower bound; subgradient optimisation raises it. Deterministic: no clock
 * decides anything but the optional deadline.
 */
public final class LagrangianRelaxation {

    /**
     * Iterations without a better bound before the step factor halves: measured on Holmberg's 71 instances,
     * 40 reaches the dual's value on all (25 stopped early on p33: 2.7% against 0.1%).
     */
    static final int PATIENCE = Integer.getInteger("lr.patience", 40);

    /**
     * The same for the short runs of the tree's nodes. Their steps aim at the best plan known, which early in a solve
     * lies 1 to 2% above the optimum: steps that much too long threw the parent's multipliers away, and 300 nodes
     * left the root bound where it was (tight 30 x 200 to 80 x 400, Holmberg p57 and p62). Halving after 6 steps
     * without a better bound reached, at the same node budget, bounds as high as with the optimum to aim at
     * (benchmark/results/issue9-tree-first-2026-11-30).
     */
    static final int NODE_PATIENCE = 6;

    static final double START_FACTOR = 2.0;
    static final double END_FACTOR = 1e-4;
    /** Every this many iterations the heuristic tries the relaxed open set as a plan. */
    static final int HEURISTIC_EVERY = 10;

    private final SitingModel model;
    private final Knapsack knapsack = new Knapsack();
    private final OpenChoice openChoice;
    private final LagrangianHeuristic heuristic;

    /**
     * The result of a run: the best bound and what the relaxation says at its multipliers ({@code relaxedSite}: the
     * open site whose knapsack took each customer, -1 where none did; null for runs without plans).
     */
    public record Result(
            double bound,
            double[] lambda,
            double[] siteValue,
            boolean[] open,
            int iterations,
            boolean exactKnapsacks,
            long upperBound,
            int[] bestPlan,
            int[] relaxedSite) {

        /**
         * What these multipliers say of a set of open sites: a plan opening exactly the sites S costs at least the
         * multipliers' sum plus the values of S's sites (for {@link LagrangianSets}).
         */
        public SearchHints.SetRating setRating() {
            double constant = 0;
            for (double multiplier : lambda) {
                constant += multiplier;
            }
            return new SearchHints.SetRating(constant, siteValue.clone(), bound);
        }

        /** The same bound and multipliers with a cheaper plan found elsewhere (the tree). */
        Result withPlan(long cheaperUpperBound, int[] plan) {
            return new Result(
                    bound, lambda, siteValue, open, iterations, exactKnapsacks, cheaperUpperBound, plan, relaxedSite);
        }
    }

    public LagrangianRelaxation(SitingModel model) {
        this.model = model;
        this.openChoice = new OpenChoice(model);
        this.heuristic = new LagrangianHeuristic(model);
    }

    /**
     * Runs subgradient optimisation.
     *
     * @param upperBound   the cost of a known plan (or Long.MAX_VALUE): steps aim at it, and the run stops
     *                     once the bound proves it optimal. The heuristic lowers it as it finds better plans.
     * @param maxIterations a cap that keeps the run deterministic
     * @param stop          asked every iteration: true ends the run early (a deadline, a stop request)
     */
    public Result run(long upperBound, int maxIterations, BooleanSupplier stop) {
        return run(upperBound, maxIterations, PATIENCE, stop, initialMultipliers(), new byte[model.sites], true);
    }

    /**
     * The same with sites fixed ({@code fixing[i]}: 1 open, -1 closed, 0 free), starting from given
     * multipliers: the bound of that restricted problem, for the nodes of the tree ({@link BranchAndBound}).
     * The step factor halves after {@code patience} iterations without a better bound. Without the heuristic
     * when {@code plans} is false.
     */
    Result run(
            long upperBound,
            int maxIterations,
            int patience,
            BooleanSupplier stop,
            double[] start,
            byte[] fixing,
            boolean plans) {
        int n = model.customers;
        int m = model.sites;
        double[] lambda = start.clone();
        double[] value = new double[m];
        boolean[] open = new boolean[m];
        double[] gradient = new double[n];
        // Per site, this iteration's knapsack items: customers whose reduced cost there is negative. Found by
        // walking each customer's sites cheapest first until the cost reaches its multiplier, which visits
        // only the few pairs that matter (a p-median customer near its multiplier has a handful).
        int[][] itemCustomer = new int[m][];
        double[][] itemProfit = new double[m][];
        int[] itemCount = new int[m];
        for (int i = 0; i < m; i++) {
            int size = Math.max(4, model.siteCustomers[i].length / 8);
            itemCustomer[i] = new int[size];
            itemProfit[i] = new double[size];
        }
        boolean[][] taken = new boolean[m][];
        long[] weights = new long[n];
        double[] profits = new double[n];
        boolean[] take = new boolean[n];

        double best = Double.NEGATIVE_INFINITY;
        double[] bestLambda = lambda.clone();
        double[] bestValue = new double[m];
        boolean[] bestOpen = new boolean[m];
        int[] relaxedSite = new int[n];
        int[] bestRelaxedSite = new int[n];
        boolean allExact = true;
        long ub = upperBound;
        int[] bestPlan = null;
        double factor = START_FACTOR;
        int sinceBetter = 0;
        int iteration = 0;
        // The first iteration always runs (the starting multipliers already give a bound), later ones until stopped.
        while (iteration < maxIterations && (iteration == 0 || !stop.getAsBoolean())) {
            iteration++;
            double bound = 0;
            java.util.Arrays.fill(itemCount, 0);
            for (int j = 0; j < n; j++) {
                bound += lambda[j];
                int[] sites = model.byCostSite[j];
                long[] costs = model.byCostCost[j];
                for (int k = 0; k < sites.length && costs[k] < lambda[j]; k++) {
                    int i = sites[k];
                    if (fixing[i] < 0) {
                        continue;
                    }
                    if (itemCount[i] == itemCustomer[i].length) {
                        itemCustomer[i] = java.util.Arrays.copyOf(itemCustomer[i], 2 * itemCount[i]);
                        itemProfit[i] = java.util.Arrays.copyOf(itemProfit[i], 2 * itemCount[i]);
                    }
                    itemCustomer[i][itemCount[i]] = j;
                    itemProfit[i][itemCount[i]++] = lambda[j] - costs[k];
                }
            }
            boolean exact = true;
            for (int i = 0; i < m; i++) {
                int count = itemCount[i];
                if (taken[i] == null || taken[i].length < count) {
                    taken[i] = new boolean[Math.max(count, 4)];
                }
                double gain;
                if (model.unlimited(i)) {
                    gain = 0;
                    for (int t = 0; t < count; t++) {
                        gain += itemProfit[i][t];
                        taken[i][t] = true;
                    }
                } else {
                    for (int t = 0; t < count; t++) {
                        weights[t] = model.demand[itemCustomer[i][t]];
                        profits[t] = itemProfit[i][t];
                    }
                    gain = knapsack.solve(count, weights, profits, model.capacity[i], take);
                    System.arraycopy(take, 0, taken[i], 0, count);
                    exact &= knapsack.exact;
                }
                value[i] = model.fixed[i] - gain;
            }
            bound += openChoice.choose(value, open, fixing);
            exact &= openChoice.exact;
            allExact &= exact;
            boolean better = iteration == 1 || bound > best + 1e-9 * Math.max(1, Math.abs(best));
            if (plans && (better || iteration % HEURISTIC_EVERY == 1)) {
                relaxedSites(open, itemCustomer, itemProfit, itemCount, taken, relaxedSite, gradient);
            }
            if (better) {
                best = bound;
                System.arraycopy(relaxedSite, 0, bestRelaxedSite, 0, n);
                System.arraycopy(lambda, 0, bestLambda, 0, n);
                System.arraycopy(value, 0, bestValue, 0, m);
                System.arraycopy(open, 0, bestOpen, 0, m);
                sinceBetter = 0;
            } else if (++sinceBetter >= patience) {
                factor /= 2;
                sinceBetter = 0;
            }
            if (plans && iteration % HEURISTIC_EVERY == 1) {
                int[] plan = heuristic.plan(open, value, relaxedSite);
                if (plan != null) {
                    long cost = model.objective(plan);
                    if (cost < ub) {
                        ub = cost;
                        bestPlan = plan;
                    }
                }
            }
            if (factor < END_FACTOR || ub != Long.MAX_VALUE && Math.ceil(best - tolerance(best)) >= ub) {
                break;
            }
            // Subgradient: 1 - (number of open sites serving j) per customer.
            Arrays.fill(gradient, 1.0);
            for (int i = 0; i < m; i++) {
                if (open[i]) {
                    for (int t = 0; t < itemCount[i]; t++) {
                        if (taken[i][t]) {
                            gradient[itemCustomer[i][t]] -= 1;
                        }
                    }
                }
            }
            // Plain subgradient steps: deflected ones (adding part of the previous direction) converged
            // faster on most Holmberg instances but diverged on a few (p41, p43, p48, p50), a poor trade for a bound.
            double norm = 0;
            for (int j = 0; j < n; j++) {
                norm += gradient[j] * gradient[j];
            }
            if (norm == 0) {
                break; // the relaxed solution assigns everyone once: it is optimal
            }
            double target = ub == Long.MAX_VALUE ? Math.abs(bound) * 1.05 + 1 : ub;
            double step = factor * Math.max(target - bound, 1e-6 * Math.max(1, Math.abs(bound))) / norm;
            for (int j = 0; j < n; j++) {
                lambda[j] += step * gradient[j];
            }
        }
        if (plans) {
            // The open sites at the best multipliers: where the bound closes the gap (p-median often), they are
            // an optimal open set.
            int[] plan = heuristic.plan(bestOpen, bestValue, bestRelaxedSite);
            if (plan != null && model.objective(plan) < ub) {
                ub = model.objective(plan);
                bestPlan = plan;
            }
        }
        return new Result(
                best,
                bestLambda,
                bestValue,
                bestOpen,
                iteration,
                allExact,
                ub,
                bestPlan,
                plans ? bestRelaxedSite : null);
    }

    /**
     * Per customer, the open site whose knapsack took it at this iteration's multipliers, the cheapest where several
     * did, -1 where none did: the relaxed solution, for the heuristic. {@code profit} is scratch (the gradient's
     * array, filled afresh after this).
     */
    private void relaxedSites(
            boolean[] open,
            int[][] itemCustomer,
            double[][] itemProfit,
            int[] itemCount,
            boolean[][] taken,
            int[] relaxedSite,
            double[] profit) {
        Arrays.fill(relaxedSite, -1);
        for (int i = 0; i < model.sites; i++) {
            if (!open[i]) {
                continue;
            }
            for (int t = 0; t < itemCount[i]; t++) {
                int j = itemCustomer[i][t];
                // The profit is lambda_j minus the cost: the largest is the cheapest site.
                if (taken[i][t] && (relaxedSite[j] < 0 || itemProfit[i][t] > profit[j])) {
                    relaxedSite[j] = i;
                    profit[j] = itemProfit[i][t];
                }
            }
        }
    }

    /** Costs are whole numbers, so a bound may be rounded up; this keeps floating-point noise out of it. */
    static double tolerance(double bound) {
        return 1e-9 * Math.abs(bound) + 1e-6;
    }

    /** lambda_j = the second-cheapest cost of customer j (the cheapest if it has one site): a common start. */
    double[] initialMultipliers() {
        double[] lambda = new double[model.customers];
        for (int j = 0; j < model.customers; j++) {
            long first = Long.MAX_VALUE;
            long second = Long.MAX_VALUE;
            for (long c : model.cost[j]) {
                if (c < first) {
                    second = first;
                    first = c;
                } else if (c < second) {
                    second = c;
                }
            }
            lambda[j] = second == Long.MAX_VALUE ? first : second;
        }
        return lambda;
    }
}
