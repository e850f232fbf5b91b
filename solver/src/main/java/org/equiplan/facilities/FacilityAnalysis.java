package org.equiplan.facilities;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Site;
import org.equiplan.facilities.solver.FacilitySolver;
import org.equiplan.solve.ConstraintAnalysis;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.constraint.Indictment;

/**
 * Explains an answer: per constraint its total and worst matches, per site and per village its
 * share of the score, and for each village why it goes where it goes. Works on a plan rebuilt from
 * the problem and the answer, never on a live solver's solution.
 */
public final class FacilityAnalysis {

    private FacilityAnalysis() {}

    public record Analysis(
            String kind,
            String score,
            List<ConstraintAnalysis> constraints,
            List<SiteShare> sites,
            List<VillageShare> villages) {}

    public record SiteShare(String site, String service, boolean open, long load, Long capacity, String score) {}

    /**
     * @param reason why this village goes to this site
     */
    public record VillageShare(
            String demand,
            String service,
            String site,
            Double distance,
            String nearestOpenSite,
            Double nearestOpenDistance,
            String score,
            String reason) {}

    /**
     * Sets each assignment named in an answer ({@code assignments: [{demand, service, site}]}) on a
     * freshly built plan; unknown ids and sites that cannot serve the demand are skipped.
     */
    public static int applyAssignments(FacilityPlan plan, FacilityAnswer answer) {
        Map<String, Assignment> byId = new HashMap<>();
        for (Assignment a : plan.getAssignments()) {
            byId.put(a.getId(), a);
        }
        int applied = 0;
        if (answer == null || answer.assignments() == null) {
            return 0;
        }
        for (FacilityAnswer.AssignmentOut entry : answer.assignments()) {
            Assignment a = byId.get(Assignment.idOf(entry.demand(), entry.service()));
            if (a == null) {
                continue;
            }
            String siteId = entry.site();
            for (Site s : a.getAllowedSites()) {
                if (s.getId().equals(siteId)) {
                    // Both sides of the inverse relation, as OptaPlanner checks that they agree.
                    a.setSite(s);
                    s.getAssignments().add(a);
                    applied++;
                    break;
                }
            }
        }
        return applied;
    }

    public static Analysis of(FacilityProblem problem, FacilityAnswer answer) {
        FacilityPlan plan = FacilityPlanBuilder.build(problem);
        applyAssignments(plan, answer);
        if (plan.getAssignments().stream().anyMatch(a -> a.getSite() == null)) {
            throw new IllegalStateException("the answer does not assign every demand point");
        }
        var explanation = FacilitySolver.SCORING.explain(plan);
        Map<Object, Indictment<HardMediumSoftLongScore>> indictments = explanation.getIndictmentMap();
        List<SiteShare> sites = new ArrayList<>();
        for (Site s : plan.getSites()) {
            Indictment<HardMediumSoftLongScore> i = indictments.get(s);
            sites.add(new SiteShare(
                    s.getId(),
                    s.getService().getId(),
                    s.isOpen(),
                    s.load(),
                    s.hasUnlimitedCapacity() ? null : s.getCapacity(),
                    i == null
                            ? HardMediumSoftLongScore.ZERO.toString()
                            : i.getScore().toString()));
        }
        // Per service, the longest trip, when it is part of the objective: its village is named as such.
        double[] longest = plan.weighedLongestTrips();
        List<VillageShare> villages = new ArrayList<>();
        for (Assignment a : plan.getAssignments()) {
            Indictment<HardMediumSoftLongScore> i = indictments.get(a);
            Site nearest = null;
            for (Site s : a.getAllowedSites()) {
                if (s.isOpen()) {
                    nearest = s;
                    break;
                }
            }
            villages.add(new VillageShare(
                    a.getDemand().id(),
                    a.getService().getId(),
                    a.getSite().getId(),
                    finite(a.getDistance()),
                    nearest == null ? null : nearest.getId(),
                    nearest == null ? null : finite(a.distanceTo(nearest)),
                    i == null
                            ? HardMediumSoftLongScore.ZERO.toString()
                            : i.getScore().toString(),
                    reason(a, nearest)
                            + (a.getService().getLongestTripCost() > 0
                                            && a.getDistance()
                                                    == longest[a.getService().getIndex()]
                                    ? "; this is the longest " + a.getService().getId()
                                            + " trip, which the objective weighs"
                                    : "")));
        }
        villages.sort(
                Comparator.comparing(VillageShare::score, Comparator.comparing(HardMediumSoftLongScore::parseScore)));
        return new Analysis(
                FacilityProblem.KIND,
                explanation.getScore().toString(),
                ConstraintAnalysis.of(explanation),
                sites,
                villages);
    }

    static String reason(Assignment a, Site nearest) {
        Site site = a.getSite();
        String beyond = a.getBreach() > 0
                ? " (beyond the travel standard of " + a.getService().getMaxDistance() + ")"
                : "";
        if (nearest == null || nearest == site || a.distanceTo(nearest) >= a.getDistance()) {
            boolean closerClosed = a.getAllowedSites().get(0) != site;
            return "nearest open site" + beyond
                    + (closerClosed
                            ? "; nearer sites are closed: opening one costs more than it saves, or the budget or open-count limit stops it"
                            : "");
        }
        boolean full = !nearest.hasUnlimitedCapacity() && nearest.load() + a.getAmount() > nearest.getCapacity();
        if (full) {
            return "the nearer open site " + nearest.getId() + " has no room for " + a.getAmount() + beyond;
        }
        return "the nearer open site " + nearest.getId() + " has room, but this choice scores better"
                + " (assignment cost matrix or equity term)" + beyond;
    }

    private static Double finite(double v) {
        return Double.isNaN(v) ? null : FacilityReport.round(v);
    }
}
