package org.equiplan.facilities.domain;

import java.util.ArrayList;
import java.util.List;
import org.optaplanner.core.api.domain.solution.cloner.SolutionCloner;

/**
 * Clones a plan for OptaPlanner's best-solution bookkeeping. Hand-written because the reflective
 * cloner would either miss the site references held by value-range views or copy every view list;
 * facts (services, regions, demand points, cost arrays) are shared, sites and assignments copied.
 */
public class FacilityPlanCloner implements SolutionCloner<FacilityPlan> {

    @Override
    public FacilityPlan cloneSolution(FacilityPlan original) {
        List<Site> sites = new ArrayList<>(original.getSites().size());
        for (Site site : original.getSites()) {
            sites.add(site.copyWithoutAssignments());
        }
        SiteTable table = new SiteTable(original.getServices().size(), sites);
        List<Assignment> assignments = new ArrayList<>(original.getAssignments().size());
        for (Assignment assignment : original.getAssignments()) {
            assignments.add(assignment.cloneInto(table));
        }
        // Rebuild the inverse relation in the original's order, so that shadow lists match exactly.
        for (Site site : original.getSites()) {
            Site copy = table.get(site.getService(), site.getServiceIndex());
            for (Assignment a : site.getAssignments()) {
                copy.getAssignments().add(assignments.get(a.getPlanIndex()));
            }
        }
        FacilityPlan clone = new FacilityPlan(
                original.getServices(),
                original.getRegions(),
                original.getDemandPoints(),
                original.getLimits(),
                sites,
                assignments,
                table,
                original.getHints());
        clone.setScore(original.getScore());
        return clone;
    }
}
