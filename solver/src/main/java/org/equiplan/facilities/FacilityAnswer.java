package org.equiplan.facilities;

import java.util.List;
import org.equiplan.solve.Answer;
import org.equiplan.solve.ConstraintTotal;

/** The answer to a facility problem as written to JSON; see docs/facilities.md. */
public record FacilityAnswer(
        String kind,
        String name,
        String score,
        boolean feasible,
        long costScale,
        String distanceUnit,
        Double bound,
        Double gapToBound,
        BoundDetail boundDetail,
        List<String> openSites,
        List<AssignmentOut> assignments,
        List<SiteOut> sites,
        List<ConstraintTotal> constraints,
        Metrics metrics)
        implements Answer {

    /**
     * How {@code bound} (a proven lower bound on {@code metrics.costs.objective}, in the same cost units)
     * was obtained, and the same for the travel standard (the medium level, {@code breachUnit}): no plan
     * that meets the hard rules breaches the standard by less than {@code breachBound} (null without a
     * travel standard).
     */
    public record BoundDetail(
            String method, List<String> notes, int iterations, Double breachBound, Double breach, String breachUnit) {}

    public record AssignmentOut(String demand, String service, String site, Double distance) {}

    public record SiteOut(
            String id,
            String name,
            String service,
            String region,
            String state,
            boolean open,
            long load,
            Long capacity,
            double openingCost) {}

    public record Metrics(
            Costs costs, List<ServiceMetrics> services, List<RegionMetrics> regions, List<AccessSpread> access) {}

    /** The objective's terms in cost units (weights applied), and the capital drawn on the budget. */
    public record Costs(
            double openingCost,
            double assignmentCost,
            double equityCost,
            double longestTripCost,
            double objective,
            double capitalSpent,
            Double budget) {}

    public record ServiceMetrics(
            String service,
            long demand,
            int openSites,
            Double travelStandard,
            Long coveredWithinStandard,
            Double coveredShare,
            Double meanDistance,
            Double maxDistance,
            Double ruralMeanDistance,
            Double urbanMeanDistance) {}

    public record RegionMetrics(
            String region,
            String name,
            boolean rural,
            String service,
            long demand,
            Double meanDistance,
            Double maxDistance,
            Double withinStandardShare) {}

    /**
     * Spread of access between regions for one service: inequality of the regions' mean distances,
     * each region weighted by its demand. Higher means less equal.
     */
    public record AccessSpread(
            String service,
            int regions,
            Double meanDistance,
            Double minRegionMean,
            Double maxRegionMean,
            Double gini,
            Double theilT,
            Double theilL,
            Double cv,
            Double atkinson,
            Double maxMinRatio) {}
}
