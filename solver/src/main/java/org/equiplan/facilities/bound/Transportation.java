package org.equiplan.facilities.bound;

import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;

/**
 * What a set of open sites costs at least: its fixed costs plus the cheapest way to serve every customer when a
 * customer's demand may be split among sites (a transportation problem, solved as a minimum-cost flow by OR-Tools).
 * Splitting only relaxes single sourcing, so this is a lower bound on every plan that opens exactly those sites, and on
 * tight sets a close one (Yang p17: 37,292 for a set whose exact plan costs 37,307): it tells sets of sites apart in
 * a fraction of a millisecond on 80 x 400, where an exact assignment takes seconds.
 * And {@link #plan} rounds its flow into a plan that keeps every capacity.
 *
 * <p>Each evaluation builds a network of the open sites' arcs only: on tight sets few sites are open (7 of 80 on p17),
 * and a network of every site with the closed ones' arcs shut took 5.5 times as long (1.4 ms against 0.26 ms a set,
 * p17, the 591 sets one change from a plan). The flow is in demand units, each unit priced at the customer's cost
 * divided by its demand, in thousandths (costs of whole customers are integers, their shares need not be). Needs
 * OR-Tools' native library loaded ({@code CpSat.available}). Not thread-safe: one per search.
 */
public final class Transportation implements AutoCloseable {

    /** Unit costs in thousandths of the model's cost unit. */
    private static final long SCALE = 1000;

    private final SitingModel model;
    private final LagrangianHeuristic heuristic;
    /** The network of the last evaluation (null before the first or where it found no flow) and its open sites. */
    private MinCostFlow flow;

    private boolean[] flowOpen;

    /**
     * Every customer with an arc to each open site it may use. (Only its cheapest ten sites, with what fits none of
     * them open sent past every site at a high price, priced twice as fast but 29% above the exact cost of a good set
     * on Yang p11: tight sets send customers far.)
     */
    public Transportation(SitingModel model) {
        this.model = model;
        heuristic = new LagrangianHeuristic(model);
    }

    /** Whether the model's sites all have a capacity and its demands fit a flow in longs. */
    public static boolean appliesTo(SitingModel model) {
        for (int i = 0; i < model.sites; i++) {
            if (model.unlimited(i)) {
                return false;
            }
        }
        return model.totalDemand < Long.MAX_VALUE / (SCALE * 1000);
    }

    /**
     * The fixed costs of {@code open} (always-open sites count as open) plus its transportation cost, in the model's
     * cost unit; Double.MAX_VALUE where the open sites cannot serve every customer.
     */
    public double cost(boolean[] open) {
        close();
        int n = model.customers;
        int m = model.sites;
        boolean[] on = new boolean[m];
        long fixed = 0;
        long capacity = 0;
        for (int i = 0; i < m; i++) {
            on[i] = open[i] || model.forced[i];
            if (on[i]) {
                fixed += model.fixed[i];
                capacity = Math.min(Long.MAX_VALUE / 2, capacity + Math.min(Long.MAX_VALUE / 2, model.capacity[i]));
            }
        }
        if (capacity < model.totalDemand) {
            return Double.MAX_VALUE;
        }
        MinCostFlow network = new MinCostFlow();
        int sink = n + m;
        for (int j = 0; j < n; j++) {
            int[] allowed = model.allowed[j];
            long demand = Math.max(1, model.demand[j]);
            for (int k = 0; k < allowed.length; k++) {
                if (on[allowed[k]]) {
                    network.addArcWithCapacityAndUnitCost(
                            j, n + allowed[k], model.demand[j], Math.round((double) model.cost[j][k] * SCALE / demand));
                }
            }
            network.setNodeSupply(j, model.demand[j]);
        }
        for (int i = 0; i < m; i++) {
            if (on[i]) {
                network.addArcWithCapacityAndUnitCost(n + i, sink, model.capacity[i], 0);
            }
        }
        network.setNodeSupply(sink, -model.totalDemand);
        if (network.solve() != MinCostFlowBase.Status.OPTIMAL) {
            network.delete();
            return Double.MAX_VALUE;
        }
        flow = network;
        flowOpen = on;
        return fixed + flow.getOptimalCost() / (double) SCALE;
    }

    /**
     * A plan (site per customer) from the flow {@link #cost} found last, keeping every capacity; null where it found no
     * flow or neither rounding fits the customers. The cheaper of two roundings, each from the site that carries most
     * of a customer's demand: on the flow's own sites, repairing what is over capacity by shifts and swaps
     * ({@link LagrangianHeuristic#planWithin}), and packing the customers that do not fit by regret, which may open a
     * site more ({@link LagrangianHeuristic}). On tight-60x300-r3-s1 the best set known rounded to 40,035 by packing
     * (a fifteenth site opened) and to 38,462 within the set; its best plan known is 38,401.
     */
    public int[] plan(boolean[] open) {
        if (flow == null) {
            return null;
        }
        int[] largest = new int[model.customers];
        int arc = 0; // arcs were added customer by customer, open sites only, in allowed-site order
        for (int j = 0; j < model.customers; j++) {
            largest[j] = -1;
            long most = 0;
            int[] allowed = model.allowed[j];
            for (int k = 0; k < allowed.length; k++) {
                if (flowOpen[allowed[k]]) {
                    long carried = flow.getFlow(arc++);
                    if (carried > most) {
                        most = carried;
                        largest[j] = allowed[k];
                    }
                }
            }
        }
        int[] within = heuristic.planWithin(flowOpen, largest);
        int[] packed = heuristic.plan(open, new double[model.sites], largest);
        if (within == null || packed == null) {
            return within == null ? packed : within;
        }
        return model.objective(within) <= model.objective(packed) ? within : packed;
    }

    /** Frees the last network's native memory (the next {@link #cost} builds its own). */
    @Override
    public void close() {
        if (flow != null) {
            flow.delete();
            flow = null;
        }
    }
}
