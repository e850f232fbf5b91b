package org.equiplan.facilities.bound;

import java.util.function.ToLongFunction;

/**
 * Every assignment of a small model, enumerated: the yardstick of the bound's tests. A plan is a site per customer;
 * its cost counts the fixed cost of every site it uses and of every always-open site.
 */
final class Enumerated {

    private Enumerated() {}

    /** The cheapest plan that keeps every capacity, null where none does. */
    static int[] optimum(SitingModel m) {
        return optimumWithin(m, null);
    }

    /**
     * The cheapest plan that keeps every capacity and uses only sites in {@code allowedOpen} (every site where null),
     * null where none does.
     */
    static int[] optimumWithin(SitingModel m, boolean[] allowedOpen) {
        return cheapestWithin(m, allowedOpen, siteOf -> cost(m, siteOf));
    }

    /**
     * The plan using only sites in {@code allowedOpen} (every site where null) that {@code cost} prices lowest (plans
     * priced Long.MAX_VALUE do not count), null where there is none.
     */
    static int[] cheapestWithin(SitingModel m, boolean[] allowedOpen, ToLongFunction<int[]> cost) {
        int[] choice = new int[m.customers];
        int[] best = null;
        long bestCost = Long.MAX_VALUE;
        while (true) {
            int[] siteOf = new int[m.customers];
            boolean within = true;
            for (int j = 0; j < m.customers; j++) {
                siteOf[j] = m.allowed[j][choice[j]];
                within &= allowedOpen == null || allowedOpen[siteOf[j]];
            }
            long priced = within ? cost.applyAsLong(siteOf) : Long.MAX_VALUE;
            if (priced < bestCost) {
                bestCost = priced;
                best = siteOf;
            }
            int j = 0;
            while (j < m.customers && ++choice[j] == m.allowed[j].length) {
                choice[j++] = 0;
            }
            if (j == m.customers) {
                return best;
            }
        }
    }

    /**
     * The plan's cost; Long.MAX_VALUE where there is no plan (null) or it sends a customer to a site it may not use or
     * overloads one.
     */
    static long cost(SitingModel m, int[] siteOf) {
        return siteOf != null && feasible(m, siteOf) ? m.objective(siteOf) : Long.MAX_VALUE;
    }

    static boolean feasible(SitingModel m, int[] siteOf) {
        long[] load = new long[m.sites];
        for (int j = 0; j < m.customers; j++) {
            if (m.costAt(j, siteOf[j]) < 0) {
                return false;
            }
            load[siteOf[j]] += m.demand[j];
        }
        for (int i = 0; i < m.sites; i++) {
            if (!m.unlimited(i) && load[i] > m.capacity[i]) {
                return false;
            }
        }
        return true;
    }

    /** The sites a plan uses. */
    static boolean[] openIn(SitingModel m, int[] siteOf) {
        boolean[] open = new boolean[m.sites];
        for (int i : siteOf) {
            open[i] = true;
        }
        return open;
    }
}
