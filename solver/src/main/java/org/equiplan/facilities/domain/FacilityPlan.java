package org.equiplan.facilities.domain;

import java.util.List;
import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.solution.ProblemFactProperty;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/** The planning solution: which site serves each demand (and so which sites are open). */
@PlanningSolution(solutionCloner = FacilityPlanCloner.class)
public class FacilityPlan {

    @ProblemFactCollectionProperty
    private List<Service> services;

    @ProblemFactCollectionProperty
    private List<Region> regions;

    @ProblemFactCollectionProperty
    private List<DemandPoint> demandPoints;

    @ProblemFactProperty
    private Limits limits;

    @PlanningEntityCollectionProperty
    private List<Site> sites;

    @PlanningEntityCollectionProperty
    private List<Assignment> assignments;

    @PlanningScore
    private HardMediumSoftLongScore score;

    private SiteTable siteTable;
    /** Shared by every clone: the bound and what it says about sites. */
    private SearchHints hints = new SearchHints();

    public FacilityPlan() {}

    public FacilityPlan(
            List<Service> services,
            List<Region> regions,
            List<DemandPoint> demandPoints,
            Limits limits,
            List<Site> sites,
            List<Assignment> assignments) {
        this.services = services;
        this.regions = regions;
        this.demandPoints = demandPoints;
        this.limits = limits;
        this.sites = sites;
        this.assignments = assignments;
        this.siteTable = new SiteTable(services.size(), sites);
        for (int i = 0; i < assignments.size(); i++) {
            assignments.get(i).attach(siteTable, i);
        }
    }

    /** For the cloner: the assignments are attached to the given table already. */
    FacilityPlan(
            List<Service> services,
            List<Region> regions,
            List<DemandPoint> demandPoints,
            Limits limits,
            List<Site> sites,
            List<Assignment> assignments,
            SiteTable siteTable,
            SearchHints hints) {
        this.services = services;
        this.regions = regions;
        this.demandPoints = demandPoints;
        this.limits = limits;
        this.sites = sites;
        this.assignments = assignments;
        this.siteTable = siteTable;
        this.hints = hints;
    }

    public SearchHints getHints() {
        return hints;
    }

    public SiteTable getSiteTable() {
        return siteTable;
    }

    public List<Service> getServices() {
        return services;
    }

    public List<Region> getRegions() {
        return regions;
    }

    public List<DemandPoint> getDemandPoints() {
        return demandPoints;
    }

    public Limits getLimits() {
        return limits;
    }

    public List<Site> getSites() {
        return sites;
    }

    public List<Assignment> getAssignments() {
        return assignments;
    }

    /**
     * Per service (by index), its longest trip where the objective weighs it (longestTripWeight), else
     * 0: what the "Longest trip" constraint penalises, for reports and explanations.
     */
    public double[] weighedLongestTrips() {
        double[] longest = new double[services.size()];
        for (Assignment a : assignments) {
            int s = a.getService().getIndex();
            if (a.getService().getLongestTripCost() > 0 && a.getSite() != null) {
                longest[s] = Math.max(longest[s], a.getDistance());
            }
        }
        return longest;
    }

    public HardMediumSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardMediumSoftLongScore score) {
        this.score = score;
    }
}
