package org.equiplan.facilities.domain;

import java.util.AbstractList;
import java.util.List;
import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * The demand of one village for one service, served by exactly one site (single sourcing). All
 * cost figures per allowed site are precomputed, so that scoring never computes a distance. They are
 * stored per slot: the site's {@link Site#getServiceIndex()} when every site of the service may serve
 * the demand (dense), otherwise the site's position among the allowed ones in increasing index order
 * (sparse, for problems that keep only each demand's nearest sites), found by binary search.
 */
@PlanningEntity
public class Assignment {

    @PlanningId
    private String id;

    private DemandPoint demand;
    private Service service;
    private long amount;
    /** Service indexes of the sites that can serve this demand, nearest first. */
    private int[] allowed;
    /** Sparse storage: the allowed indexes in increasing order (slot k holds site sortedAllowed[k]); null when dense. */
    private int[] sortedAllowed;

    private SiteTable siteTable;
    private List<Site> allowedSites;
    private int planIndex;
    private double[] distance;
    private long[] cost;
    private long[] equityCost;
    private long[] breach;
    private long[] weightedDistanceMilli;
    private RegionAccess regionAccess;

    @PlanningVariable(valueRangeProviderRefs = "allowedSites")
    private Site site;

    public Assignment() {}

    /**
     * @param sortedAllowed null when the figures are indexed by site index (dense); else the allowed site
     *                      indexes in increasing order, the figures being in that order (sparse)
     */
    public Assignment(
            String id,
            DemandPoint demand,
            Service service,
            long amount,
            int[] allowed,
            int[] sortedAllowed,
            double[] distance,
            long[] cost,
            long[] equityCost,
            long[] breach,
            long[] weightedDistanceMilli,
            RegionAccess regionAccess) {
        this.id = id;
        this.demand = demand;
        this.service = service;
        this.amount = amount;
        this.allowed = allowed;
        this.sortedAllowed = sortedAllowed;
        this.distance = distance;
        this.cost = cost;
        this.equityCost = equityCost;
        this.breach = breach;
        this.weightedDistanceMilli = weightedDistanceMilli;
        this.regionAccess = regionAccess;
    }

    /** A copy for another plan instance: same facts, sites looked up in that plan's table. */
    public Assignment cloneInto(SiteTable table) {
        Assignment clone = new Assignment(
                id,
                demand,
                service,
                amount,
                allowed,
                sortedAllowed,
                distance,
                cost,
                equityCost,
                breach,
                weightedDistanceMilli,
                regionAccess);
        clone.attach(table, planIndex);
        clone.site = site == null ? null : table.get(service, site.getServiceIndex());
        return clone;
    }

    /** Binds this assignment to the sites of its plan; called once per plan instance. */
    public void attach(SiteTable table, int planIndex) {
        this.siteTable = table;
        this.planIndex = planIndex;
        List<Site> ofService = table.of(service);
        this.allowedSites = new AbstractList<>() {
            @Override
            public Site get(int i) {
                return ofService.get(allowed[i]);
            }

            @Override
            public int size() {
                return allowed.length;
            }
        };
    }

    /** The sites that can serve this demand, nearest first (a view, no copy). */
    @ValueRangeProvider(id = "allowedSites")
    public List<Site> getAllowedSites() {
        return allowedSites;
    }

    /** Position in the plan's assignment list (the same in every clone). */
    public int getPlanIndex() {
        return planIndex;
    }

    /** Service indexes of the allowed sites, nearest first. Do not modify. */
    public int[] allowedIndexes() {
        return allowed;
    }

    /** Whether the given site may serve this demand (same service, and allowed). */
    public boolean canUse(Site s) {
        if (s.getService() != service) {
            return false;
        }
        if (sortedAllowed == null) {
            return allowed.length == siteTable.of(service).size() || contains(allowed, s.getServiceIndex());
        }
        return java.util.Arrays.binarySearch(sortedAllowed, s.getServiceIndex()) >= 0;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    /** Where the figures of site s are kept (see the class comment); s must be allowed. */
    private int slot(Site s) {
        return sortedAllowed == null
                ? s.getServiceIndex()
                : java.util.Arrays.binarySearch(sortedAllowed, s.getServiceIndex());
    }

    public SiteTable getSiteTable() {
        return siteTable;
    }

    /** Distance to the given site in the problem's unit (NaN when distances are unknown). */
    public double distanceTo(Site s) {
        return distance[slot(s)];
    }

    /** Scaled assignment cost if served by the given site. */
    public long costAt(Site s) {
        return cost[slot(s)];
    }

    public long equityCostAt(Site s) {
        return equityCost[slot(s)];
    }

    public long breachAt(Site s) {
        return breach[slot(s)];
    }

    public long weightedDistanceMilliAt(Site s) {
        return weightedDistanceMilli[slot(s)];
    }

    // The current-site figures the constraints read.

    public double getDistance() {
        return distanceTo(site);
    }

    public long getCost() {
        return costAt(site);
    }

    public long getEquityCost() {
        return equityCostAt(site);
    }

    public long getBreach() {
        return breachAt(site);
    }

    public long getWeightedDistanceMilli() {
        return weightedDistanceMilliAt(site);
    }

    /** The id of the assignment of a demand point to a service: how answers name it back. */
    public static String idOf(String demand, String service) {
        return demand + "/" + service;
    }

    public String getId() {
        return id;
    }

    public DemandPoint getDemand() {
        return demand;
    }

    public Service getService() {
        return service;
    }

    public long getAmount() {
        return amount;
    }

    public RegionAccess getRegionAccess() {
        return regionAccess;
    }

    public Site getSite() {
        return site;
    }

    public void setSite(Site site) {
        this.site = site;
    }

    @Override
    public String toString() {
        return id + "->" + site;
    }
}
