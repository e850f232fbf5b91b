package org.equiplan.facilities.solver;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.count;
import static org.optaplanner.core.api.score.stream.ConstraintCollectors.max;
import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sumLong;

import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.Limits;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

/**
 * The facility-siting rules. Hard: capacity, capital budget, open-count limits (single sourcing and
 * "required sites are open" hold by construction of the model). Medium: demand beyond the travel
 * standard. Soft: opening cost, assignment cost, the equity term and the longest trip, all in
 * scaled cost units.
 */
public class FacilityConstraints implements ConstraintProvider {

    public static final String SITE_CAPACITY = "Site capacity";
    public static final String CAPITAL_BUDGET = "Capital budget";
    public static final String MAXIMUM_OPEN_SITES = "Maximum open sites";
    public static final String MINIMUM_OPEN_SITES = "Minimum open sites";
    public static final String TRAVEL_STANDARD = "Travel standard";
    public static final String OPENING_COST = "Opening cost";
    public static final String ASSIGNMENT_COST = "Assignment cost";
    public static final String DISTANCE_EQUITY = "Distance equity";
    public static final String REGIONAL_EQUITY = "Regional equity";
    public static final String LONGEST_TRIP = "Longest trip";

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
            siteCapacity(factory),
            capitalBudget(factory),
            maximumOpenSites(factory),
            minimumOpenSites(factory),
            travelStandard(factory),
            openingCost(factory),
            assignmentCost(factory),
            distanceEquity(factory),
            regionalEquity(factory),
            longestTrip(factory)
        };
    }

    /** Demand assigned beyond a site's capacity, in units of demand. */
    Constraint siteCapacity(ConstraintFactory factory) {
        return factory.forEach(Assignment.class)
                .groupBy(Assignment::getSite, sumLong(Assignment::getAmount))
                .filter((site, load) -> load > site.getCapacity())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (site, load) -> load - site.getCapacity())
                .asConstraint(SITE_CAPACITY);
    }

    /** Opening cost of new sites beyond the capital budget, in whole cost units (rounded up). */
    Constraint capitalBudget(ConstraintFactory factory) {
        return factory.forEach(Site.class)
                .filter(site -> site.getCapitalCostScaled() > 0 && site.isOpen())
                .groupBy(sumLong(Site::getCapitalCostScaled))
                .join(Limits.class)
                .filter((spent, limits) -> limits.hasBudget() && spent > limits.budgetScaled())
                .penalizeLong(
                        HardMediumSoftLongScore.ONE_HARD,
                        (spent, limits) -> ceilDiv(spent - limits.budgetScaled(), limits.costScale()))
                .asConstraint(CAPITAL_BUDGET);
    }

    Constraint maximumOpenSites(ConstraintFactory factory) {
        return factory.forEach(Site.class)
                .filter(Site::isOpen)
                .groupBy(Site::getService, count())
                .filter((service, open) -> service.getMaxOpen() != Service.NO_LIMIT && open > service.getMaxOpen())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (service, open) -> open - service.getMaxOpen())
                .asConstraint(MAXIMUM_OPEN_SITES);
    }

    /**
     * Too few open sites. A service with demand always has an open site (every demand is assigned),
     * and validation rejects minimums that a service without demand cannot reach, so counting the
     * open sites per service sees every case.
     */
    Constraint minimumOpenSites(ConstraintFactory factory) {
        return factory.forEach(Site.class)
                .filter(Site::isOpen)
                .groupBy(Site::getService, count())
                .filter((service, open) -> open < service.getMinOpen())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (service, open) -> service.getMinOpen() - open)
                .asConstraint(MINIMUM_OPEN_SITES);
    }

    /**
     * Demand beyond the service's travel standard: demand x excess distance in thousandths of a
     * distance unit, or, with travelStandardPenalty "uncoveredDemand", the uncovered demand itself.
     * Both are precomputed per site in {@link Assignment#getBreach()}.
     */
    Constraint travelStandard(ConstraintFactory factory) {
        return factory.forEach(Assignment.class)
                .filter(a -> a.getBreach() > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_MEDIUM, Assignment::getBreach)
                .asConstraint(TRAVEL_STANDARD);
    }

    Constraint openingCost(ConstraintFactory factory) {
        return factory.forEach(Site.class)
                .filter(site -> site.getOpeningCostScaled() > 0 && site.isOpen())
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, Site::getOpeningCostScaled)
                .asConstraint(OPENING_COST);
    }

    Constraint assignmentCost(ConstraintFactory factory) {
        return factory.forEach(Assignment.class)
                .filter(a -> a.getCost() > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, Assignment::getCost)
                .asConstraint(ASSIGNMENT_COST);
    }

    /** Equity mode "squaredDistance": weight x demand x distance^2 per assignment. */
    Constraint distanceEquity(ConstraintFactory factory) {
        return factory.forEach(Assignment.class)
                .filter(a -> a.getEquityCost() > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, Assignment::getEquityCost)
                .asConstraint(DISTANCE_EQUITY);
    }

    /**
     * Equity mode "regionalMean": per region and service, weight x W x (mean distance)^2. With the
     * total distance fixed this is the demand-weighted variance of regional mean distances plus a
     * constant, so it pulls the regions' mean distances together.
     */
    Constraint regionalEquity(ConstraintFactory factory) {
        return factory.forEach(Assignment.class)
                .filter(a -> a.getRegionAccess() != null)
                .groupBy(Assignment::getRegionAccess, sumLong(Assignment::getWeightedDistanceMilli))
                .filter((access, sum) -> sum > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, (access, sum) -> access.penalty(sum))
                .asConstraint(REGIONAL_EQUITY);
    }

    /**
     * Objective term longestTripWeight (the p-center objective): per service, weight x the distance of
     * the farthest demand point from its site. Only the worst trip counts, so pair it with a small
     * assignment cost weight to keep everyone else's trips short too.
     */
    Constraint longestTrip(ConstraintFactory factory) {
        return factory.forEach(Assignment.class)
                .filter(a -> a.getService().getLongestTripCost() > 0)
                .groupBy(Assignment::getService, max(Assignment::getDistance))
                .penalizeLong(
                        HardMediumSoftLongScore.ONE_SOFT,
                        (service, longest) -> Math.round(longest * service.getLongestTripCost()))
                .asConstraint(LONGEST_TRIP);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
