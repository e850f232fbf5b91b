package org.equiplan.funds.domain;

/** A group of regions (e.g. a prefecture) with an optional cap on their transfers together, in units. */
public record Group(String id, long capUnits) {

    public static final long NO_CAP = -1;

    public boolean hasCap() {
        return capUnits != NO_CAP;
    }

    @Override
    public String toString() {
        return id;
    }
}
