package org.equiplan.facilities.domain;

/** A village or tract: where demand lives. Coordinates are kept for reports and maps. */
public record DemandPoint(
        String id, String name, Region region, boolean rural, Double lat, Double lon, Double x, Double y) {

    @Override
    public String toString() {
        return id;
    }
}
