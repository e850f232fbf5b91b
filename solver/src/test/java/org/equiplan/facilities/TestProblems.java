package org.equiplan.facilities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.facilities.FacilityProblem.DemandSpec;
import org.equiplan.facilities.FacilityProblem.DistanceMethod;
import org.equiplan.facilities.FacilityProblem.DistanceSpec;
import org.equiplan.facilities.FacilityProblem.EquityMode;
import org.equiplan.facilities.FacilityProblem.LimitsSpec;
import org.equiplan.facilities.FacilityProblem.ObjectiveSpec;
import org.equiplan.facilities.FacilityProblem.OpenLimit;
import org.equiplan.facilities.FacilityProblem.RegionSpec;
import org.equiplan.facilities.FacilityProblem.ServiceSpec;
import org.equiplan.facilities.FacilityProblem.SiteSpec;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.FacilityProblem.TravelStandardPenalty;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Site;

/** Small planar problems written in code, so that every number in a test can be checked by hand. */
public final class TestProblems {

    private TestProblems() {}

    /** A fluent builder of planar (Euclidean) single- or multi-service problems. */
    public static final class Builder {
        final List<ServiceSpec> services = new ArrayList<>();
        final List<RegionSpec> regions = new ArrayList<>();
        final List<DemandSpec> demands = new ArrayList<>();
        final List<SiteSpec> sites = new ArrayList<>();
        final Map<String, OpenLimit> open = new LinkedHashMap<>();
        Double budget;
        boolean keepExisting;
        EquityMode equity = EquityMode.NONE;
        double equityWeight;
        List<List<Double>> costs;
        List<List<Double>> distanceMatrix;
        double assignmentWeight = 1.0;
        Double longestTripWeight;
        TravelStandardPenalty travelStandardPenalty;
        Integer candidates;

        public Builder service(String id, Double maxDistance, double costPerDistance) {
            services.add(new ServiceSpec(id, null, maxDistance, costPerDistance));
            return this;
        }

        public Builder region(String id, boolean rural) {
            regions.add(new RegionSpec(id, null, rural));
            return this;
        }

        public Builder demand(String id, String region, double x, double y, String service, double amount) {
            demands.add(new DemandSpec(id, null, region, null, null, x, y, Map.of(service, amount), null));
            return this;
        }

        public Builder demand(String id, String region, double x, double y, Map<String, Double> amounts) {
            demands.add(new DemandSpec(id, null, region, null, null, x, y, amounts, null));
            return this;
        }

        public Builder site(
                String id, String service, double x, double y, Double capacity, double openingCost, SiteState state) {
            sites.add(new SiteSpec(
                    id,
                    null,
                    service,
                    regions.isEmpty() ? null : regions.get(0).id(),
                    null,
                    null,
                    x,
                    y,
                    capacity,
                    openingCost,
                    state));
            return this;
        }

        public Builder budget(double budget) {
            this.budget = budget;
            return this;
        }

        public Builder keepExisting() {
            this.keepExisting = true;
            return this;
        }

        public Builder open(String service, Integer min, Integer max, Integer exactly) {
            open.put(service, new OpenLimit(min, max, exactly));
            return this;
        }

        public Builder equity(EquityMode mode, double weight) {
            this.equity = mode;
            this.equityWeight = weight;
            return this;
        }

        public Builder costs(List<List<Double>> costs) {
            this.costs = costs;
            return this;
        }

        /** Distances from a matrix (rows = sites, columns = demands, in the order added) instead of x/y. */
        public Builder distances(List<List<Double>> matrix) {
            this.distanceMatrix = matrix;
            return this;
        }

        public Builder assignmentWeight(double weight) {
            this.assignmentWeight = weight;
            return this;
        }

        public Builder longestTrip(double weight) {
            this.longestTripWeight = weight;
            return this;
        }

        /** Each demand point may use only its this many nearest sites (distances.candidates). */
        public Builder candidates(int nearest) {
            this.candidates = nearest;
            return this;
        }

        public Builder travelStandardPenalty(TravelStandardPenalty penalty) {
            this.travelStandardPenalty = penalty;
            return this;
        }

        public FacilityProblem problem() {
            DistanceSpec distances = distanceMatrix == null
                    ? new DistanceSpec(DistanceMethod.EUCLIDEAN, "km", null, candidates)
                    : new DistanceSpec(DistanceMethod.MATRIX, "km", distanceMatrix, candidates);
            return new FacilityProblem(
                    FacilityProblem.KIND,
                    "test",
                    null,
                    null,
                    services,
                    regions,
                    demands,
                    sites,
                    distances,
                    costs,
                    new LimitsSpec(budget, keepExisting, open.isEmpty() ? null : open),
                    new ObjectiveSpec(
                            1.0, assignmentWeight, equity, equityWeight, longestTripWeight, travelStandardPenalty));
        }

        public FacilityPlan plan() {
            return FacilityPlanBuilder.build(problem());
        }
    }

    /**
     * A small single-source problem shaped like Holmberg's sets, for checks against enumeration: 4 or 5 sites, 7 or 8
     * demands, opening costs comparable to a few assignments, total capacity 1.3 to 1.8 times demand; the first site
     * required when asked.
     */
    public static FacilityProblem smallTight(java.util.Random r, boolean firstSiteRequired) {
        Builder b = builder();
        b.service("s", null, 1 + r.nextInt(3));
        b.region("all", true);
        int sites = 4 + r.nextInt(2);
        int demands = sites == 5 ? 7 : 8;
        long total = 0;
        for (int j = 0; j < demands; j++) {
            int amount = 3 + r.nextInt(12);
            total += amount;
            b.demand("d" + j, "all", r.nextInt(20), r.nextInt(20), "s", amount);
        }
        double ratio = 1.3 + 0.5 * r.nextDouble();
        for (int i = 0; i < sites; i++) {
            double capacity = Math.max(15, Math.round(total * ratio / sites * (0.7 + 0.6 * r.nextDouble())));
            FacilityProblem.SiteState state = firstSiteRequired && i == 0
                    ? FacilityProblem.SiteState.REQUIRED
                    : FacilityProblem.SiteState.CANDIDATE;
            b.site("x" + i, "s", r.nextInt(20), r.nextInt(20), capacity, 10 + r.nextInt(40), state);
        }
        return b.problem();
    }

    /**
     * More sites than a window lets a customer choose among ({@code SitingWindow.OPTION_DEPTH}) and few customers,
     * so that enumeration still covers every plan: 20 sites, 5 customers. Three sites are cheap to open and roomy,
     * the others dear and small, so the cheapest plan often sends a customer past its 15 nearest sites.
     */
    public static FacilityProblem wideTight(java.util.Random r) {
        Builder b = builder();
        b.service("s", null, 1 + r.nextInt(3));
        b.region("all", true);
        for (int j = 0; j < 5; j++) {
            b.demand("d" + j, "all", r.nextInt(40), r.nextInt(40), "s", 3 + r.nextInt(12));
        }
        for (int i = 0; i < 20; i++) {
            boolean cheap = i < 3;
            b.site(
                    "x" + i,
                    "s",
                    r.nextInt(40),
                    r.nextInt(40),
                    (double) (cheap ? 30 + r.nextInt(16) : 10 + r.nextInt(14)),
                    cheap ? 5 + r.nextInt(10) : 150 + r.nextInt(250),
                    FacilityProblem.SiteState.CANDIDATE);
        }
        return b.problem();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Assigns demand {@code demandId} (for its only or given service) to a site, keeping the inverse list in step. */
    public static void assign(FacilityPlan plan, String assignmentId, String siteId) {
        Assignment a = plan.getAssignments().stream()
                .filter(x -> x.getId().equals(assignmentId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no assignment " + assignmentId));
        Site site = site(plan, siteId);
        if (a.getSite() != null) {
            a.getSite().getAssignments().remove(a);
        }
        a.setSite(site);
        site.getAssignments().add(a);
    }

    public static Site site(FacilityPlan plan, String siteId) {
        return plan.getSites().stream()
                .filter(s -> s.getId().equals(siteId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no site " + siteId));
    }
}
