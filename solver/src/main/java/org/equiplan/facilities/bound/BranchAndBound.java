package org.equiplan.facilities.bound;

import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.function.ObjLongConsumer;

/**
 * Closes part of the duality gap that capacities leave: a best-first branch and bound over which sites
 * are open, each node bounded by the Lagrangian relaxation with its sites fixed (the exact method of
 * Holmberg, Ronnqvist and Yuan 1999 uses the same bound). At any moment the least bound of the nodes not
 * yet explored (or the best plan, if lower) is a valid bound for the whole problem, so stopping early
 * still leaves a bound at least as strong as the root's. Nodes start from their parent's multipliers for a
 * short run; a node whose bound reaches the best plan found is dropped. Deterministic for a node budget.
 */
final class BranchAndBound {

    /** Subgradient iterations per node. */
    static final int NODE_ITERATIONS = 60;

    /** The bound reached, the best plan seen (site index per customer, or null) and its cost. */
    record Outcome(double bound, int[] plan, long upperBound, int nodes, boolean proven) {}

    private record Node(byte[] fixing, double bound, double[] lambda) {}

    private BranchAndBound() {}

    /**
     * @param upperBound the cost of the best plan known (or Long.MAX_VALUE); nodes whose bound reaches it are
     *                   dropped. The result never exceeds it, so any value keeps the bound valid.
     * @param plan       that plan (site per customer), or null when it is not the relaxation's own
     * @param found      told each plan cheaper than every one before (site per customer, its cost) as the tree finds it
     */
    static Outcome run(
            SitingModel model,
            LagrangianRelaxation relaxation,
            LagrangianRelaxation.Result root,
            double rootBound,
            long upperBound,
            int[] plan,
            int maxNodes,
            BooleanSupplier stop,
            ObjLongConsumer<int[]> found) {
        long ub = upperBound;
        PriorityQueue<Node> open = new PriorityQueue<>((a, b) -> Double.compare(a.bound(), b.bound()));
        open.add(new Node(new byte[model.sites], rootBound, root.lambda()));
        int nodes = 0;
        // Nodes with every site fixed are not solved by their bound (the assignment is still relaxed): what
        // they leave open is kept here.
        double leaves = Double.POSITIVE_INFINITY;
        while (!open.isEmpty() && nodes < maxNodes && !stop.getAsBoolean()) {
            Node node = open.poll();
            if (covers(node.bound(), ub)) {
                continue;
            }
            nodes++;
            LagrangianRelaxation.Result r = relaxation.run(
                    ub, NODE_ITERATIONS, LagrangianRelaxation.NODE_PATIENCE, stop, node.lambda(), node.fixing(), true);
            double bound = Math.max(node.bound(), r.bound());
            if (r.upperBound() < ub) {
                ub = r.upperBound();
                plan = r.bestPlan();
                found.accept(plan, ub);
            }
            if (covers(bound, ub)) {
                continue;
            }
            int branch = branchingSite(model, node.fixing(), r.siteValue());
            if (branch < 0) {
                leaves = Math.min(leaves, bound);
                continue;
            }
            for (byte state : new byte[] {1, -1}) {
                byte[] child = node.fixing().clone();
                child[branch] = state;
                open.add(new Node(child, bound, r.lambda()));
            }
        }
        double global = Math.min(ub, leaves);
        if (!open.isEmpty()) {
            global = Math.min(global, open.peek().bound());
        }
        return new Outcome(global, plan, ub, nodes, open.isEmpty() && leaves == Double.POSITIVE_INFINITY);
    }

    /** Costs are whole numbers: a bound that rounds up to the best plan's cost leaves nothing better. */
    private static boolean covers(double bound, long ub) {
        return ub != Long.MAX_VALUE && Math.ceil(bound - LagrangianRelaxation.tolerance(bound)) >= ub;
    }

    /** The free site the relaxation is least sure about (Lagrangian value nearest zero). */
    private static int branchingSite(SitingModel model, byte[] fixing, double[] value) {
        int best = -1;
        for (int i = 0; i < model.sites; i++) {
            if (fixing[i] == 0 && !model.forced[i] && (best < 0 || Math.abs(value[i]) < Math.abs(value[best]))) {
                best = i;
            }
        }
        return best;
    }
}
