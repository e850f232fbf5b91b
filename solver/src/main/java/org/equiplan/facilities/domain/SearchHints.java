package org.equiplan.facilities.domain;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What the lower-bound computation learnt during a solve, shared by every clone of one plan: the bound
 * itself (for reports) and, per service and site, the site's Lagrangian value (its fixed cost plus what
 * it would save at the multipliers; lower means the relaxation wants it open more), which guides the
 * search towards promising sites. Written once by the bound phase, read by moves and reports; and plans the
 * bound's tree finds, cheaper than the search's, which the search takes up ({@link #takeOffer}).
 */
public final class SearchHints {

    private volatile LowerBound bound;
    private volatile double[][] siteValue;
    private volatile boolean[][] closedForGood;
    private volatile double[] radiusFloor;
    private volatile double[][] openFloor;
    private volatile boolean refining;
    private volatile boolean secondSearch;
    private volatile boolean ending;
    private final ConcurrentHashMap<Integer, PlanOffer> offers = new ConcurrentHashMap<>();
    private volatile FacilityPlan elite;
    private volatile SetRating[] setRatings;

    /**
     * A plan of one service found by the bound's tree, cheaper than the search's best when it was found: {@code siteOf}
     * the site service index per customer (in the order of the service's assignments), {@code cost} its linear cost.
     */
    public record PlanOffer(int service, int[] siteOf, long cost) {}

    /**
     * What the relaxation at its best multipliers says of a service's sets of open sites: a plan opening exactly the
     * sites S costs at least {@code constant + sum of value[i] over S}; {@code lowest} is the least such rating (the
     * bound).
     */
    public record SetRating(double constant, double[] value, double lowest) {}

    /** Per service index (null entries where the relaxation did not run); null before the bound phase. */
    public SetRating[] setRatings() {
        return setRatings;
    }

    public void setSetRatings(SetRating[] setRatings) {
        this.setRatings = setRatings;
    }

    public LowerBound bound() {
        return bound;
    }

    public void setBound(LowerBound bound) {
        this.bound = bound;
    }

    /** Per service index, per site service index; null before the bound phase has run. */
    public double[][] siteValue() {
        return siteValue;
    }

    public void setSiteValue(double[][] siteValue) {
        this.siteValue = siteValue;
    }

    /**
     * Per service index, per site service index: sites no plan cheaper than the one at hand opens (reduced-cost
     * fixing, exact-count services without capacities); null for other services or before the bound phase.
     */
    public boolean[][] closedForGood() {
        return closedForGood;
    }

    public void setClosedForGood(boolean[][] closedForGood) {
        this.closedForGood = closedForGood;
    }

    /** Per service index: the longest trip no plan beats (0 where it is not weighed); null before the bound. */
    public double[] radiusFloor() {
        return radiusFloor;
    }

    public void setRadiusFloor(double[] radiusFloor) {
        this.radiusFloor = radiusFloor;
    }

    /**
     * Per service index, per site service index: a lower bound on the service's cost in every plan that opens the
     * site (reduced costs of exact-count services without capacities); null for other services or before the bound.
     */
    public double[][] openFloor() {
        return openFloor;
    }

    public void setOpenFloor(double[][] openFloor) {
        this.openFloor = openFloor;
    }

    /**
     * Whether the bound is being raised on a thread of its own beside the search: while it is, the search keeps to
     * one core; after, it may use a second.
     */
    public boolean refining() {
        return refining;
    }

    public void setRefining(boolean refining) {
        this.refining = refining;
    }

    /** Whether a second search runs on the core the bound's tree left: then each search keeps to one core. */
    public boolean secondSearch() {
        return secondSearch;
    }

    public void setSecondSearch(boolean secondSearch) {
        this.secondSearch = secondSearch;
    }

    /**
     * Whether the solve is ending (stopped, proven optimal, or out of time): an exact solve still running then returns
     * the best plan it has at once, as no termination of the solver cuts a step or a custom phase short.
     */
    public boolean ending() {
        return ending;
    }

    public void setEnding(boolean ending) {
        this.ending = ending;
    }

    /**
     * The best plan of all the solve's searches so far (a copy no solver touches), null before the first: a search
     * in another basin re-plans the union of its open sites and the elite's exactly ({@code WindowSchedule}).
     */
    public FacilityPlan elite() {
        return elite;
    }

    public void setElite(FacilityPlan elite) {
        this.elite = elite;
    }

    /** Leaves a plan for the search to take; of two offers for one service the cheaper stays. */
    public void offer(PlanOffer offer) {
        offers.merge(offer.service(), offer, (old, next) -> next.cost() < old.cost() ? next : old);
    }

    /** The plan offered for a service, once (it is removed), or null. */
    public PlanOffer takeOffer(int service) {
        return offers.remove(service);
    }
}
