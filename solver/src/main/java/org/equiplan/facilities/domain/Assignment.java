package org.equiplan.facilities.domain;

import java.util.AbstractList;
import java.util.List;
import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * The demand of one village for one service, served by exactly one site (single sourcing). All
 * cost figures per candidate site are precomputed, indexed by {@link Site#getServiceIndex()}, so
 * that scoring never computes a distance.
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
    /** The same indexes in increasing order, built on first use by {@link #canUse}. */
    private volatile int[] sortedAllowed;
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

    public Assignment() {
    }

    public Assignment(String id, DemandPoint demand, Service service, long amount, int[] allowed,
                      double[] distance, long[] cost, long[] equityCost, long[] breach,
                      long[] weightedDistanceMilli, RegionAccess regionAccess) {
        this.id = id;
        this.demand = demand;
        this.service = service;
        this.amount = amount;
        this.allowed = allowed;
        this.distance = distance;
        this.cost = cost;
        this.equityCost = equityCost;
        this.breach = breach;
        this.weightedDistanceMilli = weightedDistanceMilli;
        this.regionAccess = regionAccess;
    }

    /** A copy for another plan instance: same facts, sites looked up in that plan's table. */
    public Assignment cloneInto(SiteTable table) {
        Assignment clone = new Assignment(id, demand, service, amount, allowed, distance, cost, equityCost, breach,
                weightedDistanceMilli, regionAccess);
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
        if (allowed.length == siteTable.of(service).size()) {
            return true;
        }
        int[] sorted = sortedAllowed;
        if (sorted == null) {
            sorted = allowed.clone();
            java.util.Arrays.sort(sorted);
            sortedAllowed = sorted;
        }
        return java.util.Arrays.binarySearch(sorted, s.getServiceIndex()) >= 0;
    }

    public SiteTable getSiteTable() {
        return siteTable;
    }

    /** Distance to the given site in the problem's unit (NaN when distances are unknown). */
    public double distanceTo(Site s) {
        return distance[s.getServiceIndex()];
    }

    /** Scaled assignment cost if served by the given site. */
    public long costAt(Site s) {
        return cost[s.getServiceIndex()];
    }

    public long equityCostAt(Site s) {
        return equityCost[s.getServiceIndex()];
    }

    public long breachAt(Site s) {
        return breach[s.getServiceIndex()];
    }

    public long weightedDistanceMilliAt(Site s) {
        return weightedDistanceMilli[s.getServiceIndex()];
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
