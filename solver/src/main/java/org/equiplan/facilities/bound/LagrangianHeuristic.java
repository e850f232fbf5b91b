package org.equiplan.facilities.bound;

import java.util.Arrays;

/**
 * A plan from the relaxation's open sites (the Lagrangian heuristic): open what the relaxed solution
 * opens, add sites by their Lagrangian value while capacity or the minimum count is short, assign the
 * customers with the largest regret (second-best minus best open site) first, each to its cheapest
 * open site with room, then move customers one at a time while that saves. Linear in the number of
 * site-customer pairs, so it can run every few iterations.
 */
final class LagrangianHeuristic {

    private final SitingModel model;
    private final Integer[] customerOrder;
    private final Integer[] siteOrder;

    /**
     * The most site-customer pairs for which the swaps run, on a dense table of costs (8 bytes a pair); larger models
     * get shifts only, and so do models without capacities, where a swap never beats two shifts.
     */
    static final long MAX_SWAP_PAIRS = 4_000_000;

    /** cost[j * sites + i], -1 where i cannot serve j; null where the model is too large for swaps. */
    private final long[] dense;

    LagrangianHeuristic(SitingModel model) {
        this.model = model;
        long pairs = (long) model.customers * model.sites;
        if (pairs <= MAX_SWAP_PAIRS && model.anyFiniteCapacity()) {
            dense = new long[(int) pairs];
            java.util.Arrays.fill(dense, -1);
            for (int j = 0; j < model.customers; j++) {
                for (int k = 0; k < model.allowed[j].length; k++) {
                    dense[j * model.sites + model.allowed[j][k]] = model.cost[j][k];
                }
            }
        } else {
            dense = null;
        }
        this.customerOrder = new Integer[model.customers];
        this.siteOrder = new Integer[model.sites];
    }

    /** A complete assignment (site index per customer) within capacities and counts, or null. */
    int[] plan(boolean[] relaxedOpen, double[] value) {
        return plan(relaxedOpen, value, null);
    }

    /**
     * The same, trying also the relaxation's own assignment where it has one ({@code relaxedSite[j]}: the open site
     * whose knapsack took customer j, the cheapest where several did; -1 where none did): those customers stay, the
     * rest go by regret. Where the bound is close to the optimum the relaxed solution is nearly a plan, and regret
     * from scratch throws away what the knapsacks fitted into tight capacities. The cheaper of the two plans.
     */
    int[] plan(boolean[] relaxedOpen, double[] value, int[] relaxedSite) {
        boolean[] open = openSites(relaxedOpen, value);
        if (open == null) {
            return null;
        }
        orderByRegret(open);
        int[] byRegret = assign(open.clone(), null);
        if (relaxedSite == null || !model.anyFiniteCapacity()) {
            return byRegret; // without capacities regret sends everyone to the cheapest open site already
        }
        int[] kept = assign(open.clone(), relaxedSite);
        if (kept == null) {
            return byRegret;
        }
        return byRegret == null || model.objective(kept) < model.objective(byRegret) ? kept : byRegret;
    }

    /**
     * A plan on exactly the sites {@code open} (none added; null where they cannot take everyone or their count is
     * outside the model's): each customer at {@code preferred[j]} where that site is open, else at its cheapest open
     * site, capacities ignored; then, while a site is over its capacity, the shift or swap that takes the most excess
     * off per unit of cost added (an ejection chain where a move overfills a site less than it relieves another), and
     * shifts and swaps while they save. A transportation flow splits at most one customer fewer than the open sites, so
     * from its largest shares little is over; packing from scratch instead (as {@link #plan} does) opens a site more on
     * tight sets (tight-60x300-r3-s1: the best set known rounded to 4% above its plan, a fifteenth site opened).
     */
    int[] planWithin(boolean[] open, int[] preferred) {
        int n = model.customers;
        int m = model.sites;
        int count = 0;
        for (int i = 0; i < m; i++) {
            count += open[i] ? 1 : 0;
        }
        if (count < model.minOpen || count > model.maxOpen) {
            return null;
        }
        int[] siteOf = new int[n];
        long[] load = new long[m];
        long[] empty = new long[m];
        for (int j = 0; j < n; j++) {
            int i = preferred[j] >= 0 && open[preferred[j]] && pairCost(j, preferred[j]) >= 0
                    ? preferred[j]
                    : cheapestWithRoom(j, open, empty, -1);
            if (i < 0) {
                return null;
            }
            siteOf[j] = i;
            load[i] += model.demand[j];
        }
        for (int guard = 0; excess(load) > 0; guard++) {
            if (guard > 4 * n || !relieveOnce(siteOf, open, load)) {
                return null;
            }
        }
        for (int round = 0; round < 5; round++) {
            improveByShifts(siteOf, open, load);
            if (dense == null || !improveBySwaps(siteOf, load)) {
                break;
            }
        }
        return siteOf;
    }

    /** The move {@link #relieveOnce} applies: customer j to site target, and customer k (if not -1) back in its place. */
    private static final class Relief {
        double ratio = Double.MAX_VALUE;
        int j = -1;
        int target;
        int k;

        void offer(double ratio, int j, int target, int k) {
            if (ratio < this.ratio) {
                this.ratio = ratio;
                this.j = j;
                this.target = target;
                this.k = k;
            }
        }
    }

    /**
     * Applies the shift or swap of a customer of an overfull site with the least cost added per unit of excess taken
     * off (negative where it also saves); false where none takes any off.
     */
    private boolean relieveOnce(int[] siteOf, boolean[] open, long[] load) {
        int n = model.customers;
        Relief best = new Relief();
        for (int j = 0; j < n; j++) {
            int s = siteOf[j];
            if (over(s, load) <= 0) {
                continue;
            }
            long dj = model.demand[j];
            long here = pairCost(j, s);
            int[] sites = model.allowed[j];
            for (int k = 0; k < sites.length; k++) {
                int t = sites[k];
                long relief = t == s || !open[t] ? 0 : relief(s, -dj, t, dj, load);
                if (relief > 0) {
                    best.offer((double) (model.cost[j][k] - here) / relief, j, t, -1);
                }
            }
            for (int k = 0; k < n; k++) {
                int t = siteOf[k];
                long dk = model.demand[k];
                long jt = t == s || dk >= dj ? -1 : pairCost(j, t);
                long ks = jt < 0 ? -1 : pairCost(k, s);
                long relief = ks < 0 ? 0 : relief(s, dk - dj, t, dj - dk, load);
                if (relief > 0) {
                    best.offer((double) (jt + ks - here - pairCost(k, t)) / relief, j, t, k);
                }
            }
        }
        if (best.j < 0) {
            return false;
        }
        int s = siteOf[best.j];
        load[s] -= model.demand[best.j];
        load[best.target] += model.demand[best.j];
        siteOf[best.j] = best.target;
        if (best.k >= 0) {
            load[best.target] -= model.demand[best.k];
            load[s] += model.demand[best.k];
            siteOf[best.k] = s;
        }
        return true;
    }

    /** How much excess load changing site s's load by ds and t's by dt takes off (negative: adds). */
    private long relief(int s, long ds, int t, long dt, long[] load) {
        long before = Math.max(0, over(s, load)) + Math.max(0, over(t, load));
        long after = Math.max(0, over(s, load) + ds) + Math.max(0, over(t, load) + dt);
        return before - after;
    }

    /** Load above capacity (negative: room left). */
    private long over(int i, long[] load) {
        return model.unlimited(i) ? Long.MIN_VALUE / 4 : load[i] - model.capacity[i];
    }

    private long excess(long[] load) {
        long total = 0;
        for (int i = 0; i < model.sites; i++) {
            total += Math.max(0, over(i, load));
        }
        return total;
    }

    /** The cost of customer j at site i, -1 where i cannot serve j. */
    private long pairCost(int j, int i) {
        return dense != null ? dense[j * model.sites + i] : model.costAt(j, i);
    }

    /**
     * The relaxed open sites and the forced ones, with sites added by value (lowest first, {@link #siteOrder}) while
     * capacity or the minimum count is short; null where that opens more than the count allows.
     */
    private boolean[] openSites(boolean[] relaxedOpen, double[] value) {
        int m = model.sites;
        boolean[] open = new boolean[m];
        int count = 0;
        long capacity = 0;
        for (int i = 0; i < m; i++) {
            open[i] = relaxedOpen[i] || model.forced[i];
            if (open[i]) {
                count++;
                capacity = model.unlimited(i) || capacity == Long.MAX_VALUE
                        ? Long.MAX_VALUE
                        : capacity + model.capacity[i];
            }
            siteOrder[i] = i;
        }
        Arrays.sort(siteOrder, (a, b) -> Double.compare(value[a], value[b]));
        for (int k = 0; k < m && (capacity < model.totalDemand || count < model.minOpen); k++) {
            int i = siteOrder[k];
            if (!open[i] && count < model.maxOpen) {
                open[i] = true;
                count++;
                capacity = model.unlimited(i) ? Long.MAX_VALUE : capacity + model.capacity[i];
            }
        }
        return count > model.maxOpen ? null : open;
    }

    /** Customers into {@link #customerOrder}, largest regret first (second-cheapest open site minus the cheapest). */
    private void orderByRegret(boolean[] open) {
        int n = model.customers;
        double[] regret = new double[n];
        for (int j = 0; j < n; j++) {
            long first = Long.MAX_VALUE;
            long second = Long.MAX_VALUE;
            int[] sites = model.allowed[j];
            for (int k = 0; k < sites.length; k++) {
                if (open[sites[k]]) {
                    long c = model.cost[j][k];
                    if (c < first) {
                        second = first;
                        first = c;
                    } else if (c < second) {
                        second = c;
                    }
                }
            }
            regret[j] = first == Long.MAX_VALUE
                    ? Double.MAX_VALUE
                    : second == Long.MAX_VALUE ? Double.MAX_VALUE / 2 : (double) (second - first);
            customerOrder[j] = j;
        }
        // Largest regret first; among equals the larger demand (harder to fit later).
        Arrays.sort(
                customerOrder,
                (a, b) -> regret[a] != regret[b]
                        ? Double.compare(regret[b], regret[a])
                        : Long.compare(model.demand[b], model.demand[a]));
    }

    /**
     * A plan on {@code open} (which it may extend): the customers of {@code relaxedSite} where they are (when not
     * null), the rest in {@link #customerOrder} to the cheapest open site with room, then shifts and swaps.
     */
    private int[] assign(boolean[] open, int[] relaxedSite) {
        int m = model.sites;
        int n = model.customers;
        int count = 0;
        for (boolean o : open) {
            count += o ? 1 : 0;
        }
        long[] load = new long[m];
        int[] siteOf = new int[n];
        boolean[] placed = new boolean[n];
        if (relaxedSite != null) {
            // Each knapsack keeps its site's capacity, and a customer taken by several stays at one only (the room is
            // checked all the same: a caller may pass any assignment).
            for (int j = 0; j < n; j++) {
                int i = relaxedSite[j];
                if (i >= 0 && open[i] && room(i, load) >= model.demand[j]) {
                    siteOf[j] = i;
                    load[i] += model.demand[j];
                    placed[j] = true;
                }
            }
        }
        for (int t = 0; t < n; t++) {
            int j = customerOrder[t];
            if (placed[j]) {
                continue;
            }
            int target = cheapestWithRoom(j, open, load, -1);
            if (target < 0 && ejectFor(j, siteOf, placed, open, load)) {
                continue; // placed at a full site that sent one of its customers on
            }
            if (target < 0) {
                // Open the cheapest-valued closed site that can take j, if the count allows.
                if (count >= model.maxOpen) {
                    return null;
                }
                for (int k = 0; k < m && target < 0; k++) {
                    int i = siteOrder[k];
                    if (!open[i] && model.costAt(j, i) >= 0 && room(i, load) >= model.demand[j]) {
                        open[i] = true;
                        count++;
                        target = i;
                    }
                }
                if (target < 0) {
                    return null;
                }
            }
            siteOf[j] = target;
            load[target] += model.demand[j];
            placed[j] = true;
        }
        for (int round = 0; round < 5; round++) {
            improveByShifts(siteOf, open, load);
            if (dense == null || !improveBySwaps(siteOf, load)) {
                break;
            }
        }
        return siteOf;
    }

    /**
     * Swaps two customers of different sites where that is cheaper and both fit (one pass): with tight capacities a
     * customer often has no room to move alone.
     */
    private boolean improveBySwaps(int[] siteOf, long[] load) {
        boolean changed = false;
        int n = model.customers;
        int m = model.sites;
        for (int j = 0; j < n; j++) {
            for (int k = j + 1; k < n; k++) {
                int s = siteOf[j];
                int t = siteOf[k];
                if (s == t) {
                    continue;
                }
                long jt = dense[j * m + t];
                long ks = dense[k * m + s];
                if (jt < 0 || ks < 0) {
                    continue;
                }
                long change = jt + ks - dense[j * m + s] - dense[k * m + t];
                long shift = model.demand[k] - model.demand[j];
                if (change < 0 && room(s, load) >= shift && room(t, load) >= -shift) {
                    siteOf[j] = t;
                    siteOf[k] = s;
                    load[s] += shift;
                    load[t] -= shift;
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** Moves single customers to a cheaper open site with room until none does (a few passes at most). */
    private void improveByShifts(int[] siteOf, boolean[] open, long[] load) {
        for (int pass = 0; pass < 5; pass++) {
            boolean changed = false;
            for (int j = 0; j < model.customers; j++) {
                int from = siteOf[j];
                long current = model.costAt(j, from);
                int[] sites = model.allowed[j];
                int best = -1;
                long bestCost = current;
                for (int k = 0; k < sites.length; k++) {
                    int i = sites[k];
                    if (i != from && open[i] && model.cost[j][k] < bestCost && room(i, load) >= model.demand[j]) {
                        best = i;
                        bestCost = model.cost[j][k];
                    }
                }
                if (best >= 0) {
                    load[from] -= model.demand[j];
                    load[best] += model.demand[j];
                    siteOf[j] = best;
                    changed = true;
                }
            }
            if (!changed) {
                return;
            }
        }
    }

    /**
     * Places customer {@code j}, which fits no open site, at an open site that makes room by sending one of its placed
     * customers to another open site with room, the cheapest such pair; false where there is none. On tight sites
     * packing one by one otherwise opens a site more than the plan needs (Yang p10: a set priced 0.08% below the
     * optimum rounded to a plan 4.9% dearer, a fifteenth site opened).
     */
    private boolean ejectFor(int j, int[] siteOf, boolean[] placed, boolean[] open, long[] load) {
        long bestChange = Long.MAX_VALUE;
        int bestSite = -1;
        int bestEjected = -1;
        int bestTarget = -1;
        int[] sites = model.allowed[j];
        for (int k = 0; k < sites.length; k++) {
            int i = sites[k];
            if (!open[i]) {
                continue;
            }
            for (int c = 0; c < model.customers; c++) {
                if (!placed[c] || siteOf[c] != i || room(i, load) + model.demand[c] < model.demand[j]) {
                    continue;
                }
                int t = cheapestWithRoom(c, open, load, i);
                if (t < 0) {
                    continue;
                }
                long change = model.cost[j][k] + model.costAt(c, t) - model.costAt(c, i);
                if (change < bestChange) {
                    bestChange = change;
                    bestSite = i;
                    bestEjected = c;
                    bestTarget = t;
                }
            }
        }
        if (bestSite < 0) {
            return false;
        }
        siteOf[bestEjected] = bestTarget;
        load[bestSite] -= model.demand[bestEjected];
        load[bestTarget] += model.demand[bestEjected];
        siteOf[j] = bestSite;
        load[bestSite] += model.demand[j];
        placed[j] = true;
        return true;
    }

    private int cheapestWithRoom(int j, boolean[] open, long[] load, int excluded) {
        int[] sites = model.allowed[j];
        int best = -1;
        long bestCost = Long.MAX_VALUE;
        for (int k = 0; k < sites.length; k++) {
            int i = sites[k];
            if (i != excluded && open[i] && model.cost[j][k] < bestCost && room(i, load) >= model.demand[j]) {
                best = i;
                bestCost = model.cost[j][k];
            }
        }
        return best;
    }

    private long room(int i, long[] load) {
        return model.unlimited(i) ? Long.MAX_VALUE : model.capacity[i] - load[i];
    }
}
