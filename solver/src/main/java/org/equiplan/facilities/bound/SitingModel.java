package org.equiplan.facilities.bound;

import java.util.ArrayList;
import java.util.List;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;

/**
 * One service's siting problem as plain arrays: sites with a fixed cost and a capacity, customers (the
 * service's assignments) with a demand and a cost at each site that may serve them, and the open-count
 * limits. This is the linear part of the objective, the part a Lagrangian relaxation bounds and a
 * Lagrangian heuristic solves; the score adds the non-linear terms (regional equity, longest trip).
 *
 * <p>Site indexes are the sites' {@link Site#getServiceIndex()}; customer indexes follow the plan's
 * assignment order within the service.
 */
public final class SitingModel {

    /** Which score level the costs come from. */
    public enum Level {
        /** Soft: opening cost, assignment cost and the squared-distance equity term (all linear). */
        COST,
        /** Medium: the travel-standard breach (excess distance or uncovered demand); no fixed costs. */
        BREACH
    }

    /** Marker for "no limit" on the open count. */
    public static final int NO_LIMIT = Integer.MAX_VALUE;

    final Service service;
    final List<Assignment> assignments;
    final int sites;
    final int customers;
    final long[] fixed;
    /** Long.MAX_VALUE = unlimited. */
    final long[] capacity;

    final boolean[] forced;
    final long[] demand;
    /** Per customer: the site indexes that may serve it, nearest first, and the cost at each. */
    final int[][] allowed;

    final long[][] cost;
    /** Per customer: the same sites and costs, cheapest first (what the relaxation walks). */
    final int[][] byCostSite;

    final long[][] byCostCost;
    /** Per site: the customers it may serve and the cost of each there (the inverse of the above). */
    final int[][] siteCustomers;

    final long[][] siteCost;
    final int minOpen;
    final int maxOpen;
    final long totalDemand;

    private SitingModel(Service service, List<Assignment> assignments, List<Site> sites, Level level) {
        this.service = service;
        this.assignments = assignments;
        this.sites = sites.size();
        this.customers = assignments.size();
        fixed = new long[this.sites];
        capacity = new long[this.sites];
        forced = new boolean[this.sites];
        for (Site s : sites) {
            int i = s.getServiceIndex();
            fixed[i] = level == Level.COST ? s.getOpeningCostScaled() : 0;
            capacity[i] = s.getCapacity();
            forced[i] = s.isAlwaysOpen();
        }
        demand = new long[customers];
        allowed = new int[customers][];
        cost = new long[customers][];
        int[] perSite = new int[this.sites];
        long total = 0;
        for (int j = 0; j < customers; j++) {
            Assignment a = assignments.get(j);
            demand[j] = a.getAmount();
            total += a.getAmount();
            allowed[j] = a.allowedIndexes();
            cost[j] = new long[allowed[j].length];
            for (int k = 0; k < allowed[j].length; k++) {
                Site s = sites.get(allowed[j][k]);
                cost[j][k] = level == Level.COST ? a.costAt(s) + a.equityCostAt(s) : a.breachAt(s);
                perSite[allowed[j][k]]++;
            }
        }
        totalDemand = total;
        byCostSite = new int[customers][];
        byCostCost = new long[customers][];
        for (int j = 0; j < customers; j++) {
            int n = allowed[j].length;
            Integer[] order = new Integer[n];
            for (int k = 0; k < n; k++) {
                order[k] = k;
            }
            long[] c = cost[j];
            java.util.Arrays.sort(order, (a, b) -> Long.compare(c[a], c[b]));
            byCostSite[j] = new int[n];
            byCostCost[j] = new long[n];
            for (int k = 0; k < n; k++) {
                byCostSite[j][k] = allowed[j][order[k]];
                byCostCost[j][k] = c[order[k]];
            }
        }
        siteCustomers = new int[this.sites][];
        siteCost = new long[this.sites][];
        for (int i = 0; i < this.sites; i++) {
            siteCustomers[i] = new int[perSite[i]];
            siteCost[i] = new long[perSite[i]];
        }
        int[] fill = new int[this.sites];
        for (int j = 0; j < customers; j++) {
            for (int k = 0; k < allowed[j].length; k++) {
                int i = allowed[j][k];
                siteCustomers[i][fill[i]] = j;
                siteCost[i][fill[i]++] = cost[j][k];
            }
        }
        minOpen = service.getMinOpen() == Service.NO_LIMIT ? 0 : service.getMinOpen();
        maxOpen = service.getMaxOpen() == Service.NO_LIMIT ? NO_LIMIT : service.getMaxOpen();
    }

    public static SitingModel of(FacilityPlan plan, Service service, Level level) {
        List<Assignment> mine = new ArrayList<>();
        for (Assignment a : plan.getAssignments()) {
            if (a.getService() == service) {
                mine.add(a);
            }
        }
        return new SitingModel(service, mine, plan.getSiteTable().of(service), level);
    }

    public Service service() {
        return service;
    }

    public int siteCount() {
        return sites;
    }

    public int customerCount() {
        return customers;
    }

    /** The plan's assignment behind customer j (in the plan the model was built from). */
    public Assignment assignment(int j) {
        return assignments.get(j);
    }

    boolean unlimited(int i) {
        return capacity[i] == Long.MAX_VALUE;
    }

    // Read-only views for exact solvers of parts of the model (the arrays are not copied: do not change them).

    public long fixedCost(int site) {
        return fixed[site];
    }

    /** The capacity of a site, Long.MAX_VALUE when it has none. */
    public long capacity(int site) {
        return capacity[site];
    }

    public boolean alwaysOpen(int site) {
        return forced[site];
    }

    public long demand(int customer) {
        return demand[customer];
    }

    /** The sites that may serve a customer, nearest first. */
    public int[] allowedSites(int customer) {
        return allowed[customer];
    }

    /** The cost of a customer at each of its {@link #allowedSites}, in the same order. */
    public long[] allowedCosts(int customer) {
        return cost[customer];
    }

    /** The sites that may serve a customer, cheapest first. */
    public int[] cheapestSites(int customer) {
        return byCostSite[customer];
    }

    /**
     * The cost at a customer's {@code rank}-th cheapest site (0 = cheapest); past its last site the dearest one, and
     * Long.MAX_VALUE for a customer no site may serve.
     */
    public long rankedCost(int customer, int rank) {
        long[] c = byCostCost[customer];
        return c.length == 0 ? Long.MAX_VALUE : c[Math.min(rank, c.length - 1)];
    }

    /** The least number of open sites (0 without a limit). */
    public int minOpen() {
        return minOpen;
    }

    /** The most open sites, {@link #NO_LIMIT} without a limit. */
    public int maxOpen() {
        return maxOpen;
    }

    boolean hasCountLimits() {
        return minOpen > 0 || maxOpen != NO_LIMIT;
    }

    boolean anyFiniteCapacity() {
        for (int i = 0; i < sites; i++) {
            if (!unlimited(i)) {
                return true;
            }
        }
        return false;
    }

    /** Cost of customer j at site i, or -1 when i cannot serve j. */
    public long costAt(int j, int i) {
        int[] a = allowed[j];
        for (int k = 0; k < a.length; k++) {
            if (a[k] == i) {
                return cost[j][k];
            }
        }
        return -1;
    }

    /**
     * The plan's assignments behind the model's customers. {@code plan} may be a later copy of the plan the
     * model was built from (OptaPlanner works on copies of the best plan); the order of assignments is the same
     * in every copy.
     */
    public List<Assignment> assignmentsIn(FacilityPlan plan) {
        List<Assignment> out = new ArrayList<>(customers);
        for (Assignment a : assignments) {
            out.add(plan.getAssignments().get(a.getPlanIndex()));
        }
        return out;
    }

    /** The linear objective of {@code plan} (a copy of the model's plan), or Long.MAX_VALUE if it is incomplete. */
    public long costIn(FacilityPlan plan) {
        int[] siteOf = new int[customers];
        for (int j = 0; j < customers; j++) {
            Site site =
                    plan.getAssignments().get(assignments.get(j).getPlanIndex()).getSite();
            if (site == null) {
                return Long.MAX_VALUE;
            }
            siteOf[j] = site.getServiceIndex();
        }
        return objective(siteOf);
    }

    /**
     * The linear objective of a complete assignment (site index per customer): fixed costs of the sites
     * used or forced open plus the assignment costs. Capacities are not checked here.
     */
    public long objective(int[] siteOf) {
        boolean[] open = forced.clone();
        long total = 0;
        for (int j = 0; j < customers; j++) {
            open[siteOf[j]] = true;
            total += costAt(j, siteOf[j]);
        }
        for (int i = 0; i < sites; i++) {
            if (open[i]) {
                total += fixed[i];
            }
        }
        return total;
    }
}
