package org.equiplan.facilities.domain;

/** A kind of facility (school, clinic) with its travel standard and open-count limits. */
public class Service {

    /** Marker for "no limit" in {@link #getMinOpen()} / {@link #getMaxOpen()}. */
    public static final int NO_LIMIT = -1;

    private final String id;
    private final String name;
    private final Double maxDistance;
    private final int minOpen;
    private final int maxOpen;
    private final int index;
    /** Soft cost per distance unit of this service's longest trip (scaled); 0 = no such term. */
    private double longestTripCost;

    public Service(int index, String id, String name, Double maxDistance, int minOpen, int maxOpen) {
        this.index = index;
        this.id = id;
        this.name = name;
        this.maxDistance = maxDistance;
        this.minOpen = minOpen;
        this.maxOpen = maxOpen;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    /** The travel standard in the problem's distance unit, or null when there is none. */
    public Double getMaxDistance() {
        return maxDistance;
    }

    public int getMinOpen() {
        return minOpen;
    }

    public int getMaxOpen() {
        return maxOpen;
    }

    /** Scaled soft cost per distance unit of the longest trip (the p-center term); 0 when unused. */
    public double getLongestTripCost() {
        return longestTripCost;
    }

    public void setLongestTripCost(double longestTripCost) {
        this.longestTripCost = longestTripCost;
    }

    /** Position of this service in the plan's service list. */
    public int getIndex() {
        return index;
    }

    @Override
    public String toString() {
        return id;
    }
}
