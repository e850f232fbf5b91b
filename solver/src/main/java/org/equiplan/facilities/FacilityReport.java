package org.equiplan.facilities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.facilities.FacilityAnswer.AccessSpread;
import org.equiplan.facilities.FacilityAnswer.AssignmentOut;
import org.equiplan.facilities.FacilityAnswer.BoundDetail;
import org.equiplan.facilities.FacilityAnswer.Costs;
import org.equiplan.facilities.FacilityAnswer.Metrics;
import org.equiplan.facilities.FacilityAnswer.RegionMetrics;
import org.equiplan.facilities.FacilityAnswer.ServiceMetrics;
import org.equiplan.facilities.FacilityAnswer.SiteOut;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.FacilityPlanCloner;
import org.equiplan.facilities.domain.LowerBound;
import org.equiplan.facilities.domain.Region;
import org.equiplan.facilities.domain.RegionAccess;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;
import org.equiplan.facilities.solver.FacilitySolver;
import org.equiplan.metrics.Inequality;
import org.equiplan.solve.ConstraintTotal;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/** Turns a solved plan into the JSON answer: ids, distances, score parts and fairness figures. */
public final class FacilityReport {

    private FacilityReport() {}

    /**
     * Recomputes the plan's score (and its shadow variables) from scratch, then reports. Works on a
     * copy: explaining re-inserts every assignment into its site's inverse list, and the plan handed
     * in may be a best-solution snapshot that another thread (the job store's flush) reports at the
     * same time. Two explains on one plan corrupted those lists.
     */
    public static FacilityAnswer of(FacilityProblem problem, FacilityPlan solved) {
        FacilityPlan plan = new FacilityPlanCloner().cloneSolution(solved);
        var explanation = FacilitySolver.SCORING.explain(plan);
        HardMediumSoftLongScore score = explanation.getScore();
        long scale = plan.getLimits().costScale();

        List<ConstraintTotal> constraints = ConstraintTotal.of(explanation);

        List<String> openSites = new ArrayList<>();
        List<SiteOut> sites = new ArrayList<>();
        double opening = 0;
        double capital = 0;
        for (Site s : plan.getSites()) {
            if (s.isOpen()) {
                openSites.add(s.getId());
                opening += s.getOpeningCostScaled();
                capital += s.getCapitalCostScaled();
            }
            sites.add(new SiteOut(
                    s.getId(),
                    s.getName(),
                    s.getService().getId(),
                    s.getRegion() == null ? null : s.getRegion().id(),
                    s.getState().json(),
                    s.isOpen(),
                    s.load(),
                    s.hasUnlimitedCapacity() ? null : s.getCapacity(),
                    s.getOpeningCost()));
        }
        List<AssignmentOut> assignments = new ArrayList<>();
        double assignmentCost = 0;
        double equity = 0;
        Map<RegionAccess, Long> regional = new LinkedHashMap<>();
        for (Assignment a : plan.getAssignments()) {
            double d = a.getDistance();
            assignments.add(new AssignmentOut(
                    a.getDemand().id(),
                    a.getService().getId(),
                    a.getSite().getId(),
                    Double.isNaN(d) ? null : round(d)));
            assignmentCost += a.getCost();
            equity += a.getEquityCost();
            if (a.getRegionAccess() != null) {
                regional.merge(a.getRegionAccess(), a.getWeightedDistanceMilli(), Long::sum);
            }
        }
        for (Map.Entry<RegionAccess, Long> e : regional.entrySet()) {
            equity += e.getKey().penalty(e.getValue());
        }
        double longestTrip = 0;
        double[] longest = plan.weighedLongestTrips();
        for (Service service : plan.getServices()) {
            longestTrip += Math.round(longest[service.getIndex()] * service.getLongestTripCost());
        }
        Double budget = plan.getLimits().hasBudget() ? plan.getLimits().budgetScaled() / (double) scale : null;
        Costs costs = new Costs(
                opening / scale,
                assignmentCost / scale,
                equity / scale,
                longestTrip / scale,
                -score.softScore() / (double) scale,
                capital / scale,
                budget);
        boolean distances = FacilityPlanBuilder.method(problem) != FacilityProblem.DistanceMethod.NONE;
        Metrics metrics = distances
                ? new Metrics(costs, serviceMetrics(plan), regionMetrics(plan), access(plan))
                : new Metrics(costs, serviceMetrics(plan), List.of(), List.of());
        LowerBound lower = plan.getHints().bound();
        Double bound = lower == null ? null : lower.softScaled() / (double) scale;
        return new FacilityAnswer(
                FacilityProblem.KIND,
                problem.name(),
                score.toString(),
                score.isFeasible(),
                scale,
                FacilityPlanBuilder.distanceUnit(problem),
                bound,
                gapToBound(costs.objective(), bound, score),
                lower == null ? null : boundDetail(problem, lower, score),
                openSites,
                assignments,
                sites,
                constraints,
                metrics);
    }

    /**
     * (objective - bound) / bound for a plan that meets the hard rules (the bound says nothing about the
     * others); 0 when both are 0. Null without a bound.
     */
    static Double gapToBound(double objective, Double bound, HardMediumSoftLongScore score) {
        if (bound == null || !score.isFeasible()) {
            return null;
        }
        if (bound <= 0) {
            return objective <= 0 ? 0.0 : null;
        }
        return round((objective - bound) / bound);
    }

    private static BoundDetail boundDetail(FacilityProblem problem, LowerBound lower, HardMediumSoftLongScore score) {
        boolean uncovered = FacilityPlanBuilder.travelStandardPenalty(problem)
                == FacilityProblem.TravelStandardPenalty.UNCOVERED_DEMAND;
        // The medium level counts demand x excess distance in thousandths, or the uncovered demand itself.
        double unit = uncovered ? 1 : 1000;
        String distance = FacilityPlanBuilder.distanceUnit(problem);
        boolean standard = problem.services().stream().anyMatch(s -> s.maxDistance() != null);
        if (!standard) {
            return new BoundDetail(lower.method(), lower.notes(), lower.iterations(), null, null, null);
        }
        return new BoundDetail(
                lower.method(),
                lower.notes(),
                lower.iterations(),
                lower.breach() / unit,
                -score.mediumScore() / unit,
                uncovered
                        ? "demand beyond the travel standard"
                        : "demand x " + (distance == null ? "distance" : distance) + " beyond the travel standard");
    }

    private static List<ServiceMetrics> serviceMetrics(FacilityPlan plan) {
        List<ServiceMetrics> out = new ArrayList<>();
        for (Service service : plan.getServices()) {
            long demand = 0;
            long covered = 0;
            Sum all = new Sum();
            Sum rural = new Sum();
            Sum urban = new Sum();
            for (Assignment a : plan.getAssignments()) {
                if (a.getService() != service) {
                    continue;
                }
                demand += a.getAmount();
                double d = a.getDistance();
                if (service.getMaxDistance() == null || d <= service.getMaxDistance()) {
                    covered += a.getAmount();
                }
                all.add(a.getAmount(), d);
                (a.getDemand().rural() ? rural : urban).add(a.getAmount(), d);
            }
            int open = (int) plan.getSiteTable().of(service).stream()
                    .filter(Site::isOpen)
                    .count();
            boolean known = !Double.isNaN(all.max);
            out.add(new ServiceMetrics(
                    service.getId(),
                    demand,
                    open,
                    service.getMaxDistance(),
                    known ? covered : null,
                    known && demand > 0 ? round((double) covered / demand) : null,
                    all.mean(),
                    all.maxOrNull(),
                    rural.mean(),
                    urban.mean()));
        }
        return out;
    }

    private static List<RegionMetrics> regionMetrics(FacilityPlan plan) {
        List<RegionMetrics> out = new ArrayList<>();
        for (Service service : plan.getServices()) {
            for (Region region : plan.getRegions()) {
                Sum sum = new Sum();
                long within = 0;
                for (Assignment a : plan.getAssignments()) {
                    if (a.getService() == service && a.getDemand().region() == region) {
                        sum.add(a.getAmount(), a.getDistance());
                        if (service.getMaxDistance() == null || a.getDistance() <= service.getMaxDistance()) {
                            within += a.getAmount();
                        }
                    }
                }
                if (sum.weight > 0) {
                    out.add(new RegionMetrics(
                            region.id(),
                            region.name(),
                            region.rural(),
                            service.getId(),
                            (long) sum.weight,
                            sum.mean(),
                            sum.maxOrNull(),
                            round(within / sum.weight)));
                }
            }
        }
        return out;
    }

    private static List<AccessSpread> access(FacilityPlan plan) {
        List<AccessSpread> out = new ArrayList<>();
        for (Service service : plan.getServices()) {
            Map<Region, Sum> byRegion = new LinkedHashMap<>();
            for (Assignment a : plan.getAssignments()) {
                if (a.getService() == service) {
                    byRegion.computeIfAbsent(a.getDemand().region(), r -> new Sum())
                            .add(a.getAmount(), a.getDistance());
                }
            }
            double[] means = new double[byRegion.size()];
            double[] weights = new double[byRegion.size()];
            int i = 0;
            for (Sum s : byRegion.values()) {
                means[i] = s.weighted / s.weight;
                weights[i++] = s.weight;
            }
            Inequality.Indices x = Inequality.of(means, weights);
            out.add(new AccessSpread(
                    service.getId(),
                    x.count(),
                    round(x.mean()),
                    round(x.min()),
                    round(x.max()),
                    round(x.gini()),
                    round(x.theilT()),
                    round(x.theilL()),
                    round(x.cv()),
                    round(x.atkinson()),
                    round(x.maxMinRatio())));
        }
        return out;
    }

    /** Demand-weighted distance sums. */
    private static final class Sum {
        double weight;
        double weighted;
        double max = 0;

        void add(long amount, double distance) {
            weight += amount;
            weighted += amount * distance;
            max = Double.isNaN(distance) ? Double.NaN : Math.max(max, distance);
        }

        Double mean() {
            return weight == 0 || Double.isNaN(weighted) ? null : round(weighted / weight);
        }

        Double maxOrNull() {
            return weight == 0 || Double.isNaN(max) ? null : round(max);
        }
    }

    /** Six significant decimals are plenty for distances and indices, and keep the JSON readable. */
    static Double round(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return null;
        }
        return Math.round(v * 1e6) / 1e6;
    }
}
