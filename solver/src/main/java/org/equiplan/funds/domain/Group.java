package org.equiplan.funds.domain;

/**
 * A group of regions (e.g. a prefecture) with an optional cap on their transfers together, in units; in a
 * multi-year plan one per year, so that each year's cap is its own.
 */
public record Group(String id, long capUnits, int year) {

    /** A group in a plan without years. */
    public Group(String id, long capUnits) {
        this(id, capUnits, 0);
    }

    public static final long NO_CAP = -1;

    public boolean hasCap() {
        return capUnits != NO_CAP;
    }

    @Override
    public String toString() {
        return id;
    }
}
