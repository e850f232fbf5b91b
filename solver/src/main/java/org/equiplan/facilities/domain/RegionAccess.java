package org.equiplan.facilities.domain;

/**
 * The access of one region to one service, for the regional equity term: the term for this group
 * is {@code factor x S^2} where S is the group's demand-weighted distance in milli-units, so that
 * with W the group's total demand it equals weight x scale x W x (mean distance)^2.
 */
public record RegionAccess(Region region, Service service, long totalDemand, double factor) {

    /** The scaled soft penalty for a demand-weighted distance sum given in milli-units. */
    public long penalty(long weightedDistanceMilli) {
        double s = weightedDistanceMilli;
        return Math.round(factor * s * s);
    }

    @Override
    public String toString() {
        return region.id() + "/" + service.getId();
    }
}
