package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.List;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;

/**
 * Lookups the moves need on one working plan, built once per phase: the demands each site may serve,
 * each service's sites and demands, and the sites' Lagrangian values when the bound has run.
 */
final class MoveIndex {

    private final FacilityPlan plan;
    /** Per service, per site index: the assignments that may use that site. */
    private final List<List<List<Assignment>>> usersBySite = new ArrayList<>();

    private final List<List<Assignment>> assignmentsByService = new ArrayList<>();
    /** Per service: whether every demand's allowed sites are listed in order of value (best first). */
    private final boolean[] valueOrdered;
    /** Per service: where its sites start in one numbering of all the plan's sites (see {@link #key}). */
    private final int[] firstKey;

    private final int siteCount;

    MoveIndex(FacilityPlan plan) {
        this.plan = plan;
        for (Service service : plan.getServices()) {
            List<List<Assignment>> users = new ArrayList<>();
            for (int i = 0; i < plan.getSiteTable().of(service).size(); i++) {
                users.add(new ArrayList<>());
            }
            usersBySite.add(users);
            assignmentsByService.add(new ArrayList<>());
        }
        firstKey = new int[plan.getServices().size()];
        int keys = 0;
        for (Service service : plan.getServices()) {
            firstKey[service.getIndex()] = keys;
            keys += plan.getSiteTable().of(service).size();
        }
        siteCount = keys;
        valueOrdered = new boolean[plan.getServices().size()];
        java.util.Arrays.fill(valueOrdered, true);
        for (Assignment a : plan.getAssignments()) {
            int s = a.getService().getIndex();
            assignmentsByService.get(s).add(a);
            for (int k : a.allowedIndexes()) {
                usersBySite.get(s).get(k).add(a);
            }
            if (valueOrdered[s]) {
                List<Site> allowed = a.getAllowedSites();
                for (int k = 1; k < allowed.size() && valueOrdered[s]; k++) {
                    valueOrdered[s] =
                            AssignmentValue.of(a, allowed.get(k - 1)) <= AssignmentValue.of(a, allowed.get(k));
                }
            }
        }
    }

    /**
     * True when, for every demand of the service, its allowed sites (nearest first) are also in order of
     * value, as with costs proportional to distance: the first open site with room is then the best one.
     */
    boolean valueOrdered(Service service) {
        return valueOrdered[service.getIndex()];
    }

    /** The site's number among all the plan's sites, 0 to {@link #siteCount} - 1, for array look-ups. */
    int key(Site site) {
        return firstKey[site.getService().getIndex()] + site.getServiceIndex();
    }

    int siteCount() {
        return siteCount;
    }

    FacilityPlan plan() {
        return plan;
    }

    List<Assignment> usersOf(Site site) {
        return usersBySite.get(site.getService().getIndex()).get(site.getServiceIndex());
    }

    List<Site> sitesOf(Service service) {
        return plan.getSiteTable().of(service);
    }

    List<Assignment> assignmentsOf(Service service) {
        return assignmentsByService.get(service.getIndex());
    }

    /** Whether no plan cheaper than the one the bound phase saw opens the site (see ReducedCostFixing). */
    boolean closedForGood(Site site) {
        boolean[][] closed = plan.getHints().closedForGood();
        boolean[] mine = closed == null ? null : closed[site.getService().getIndex()];
        return mine != null && mine[site.getServiceIndex()];
    }

    /** The sites' Lagrangian values for the service (lower = wanted open more), or null before the bound. */
    double[] siteValues(Service service) {
        double[][] values = plan.getHints().siteValue();
        // The values price the linear terms only: where the longest trip is weighed (p-center) they would
        // steer interchanges by the wrong objective.
        return values == null || service.getLongestTripCost() > 0 ? null : values[service.getIndex()];
    }

    /**
     * A demand point of the service farthest from its site (one that sets the longest trip); among several
     * as far, one at random: the longest trip only shrinks once each of them is nearer a site, and always
     * aiming at the same one would leave the others where they are.
     */
    Assignment farthest(Service service, java.util.Random random) {
        Assignment far = null;
        int ties = 0;
        for (Assignment a : assignmentsOf(service)) {
            double d = a.getDistance();
            if (far == null || d > far.getDistance()) {
                far = a;
                ties = 1;
            } else if (d == far.getDistance() && random.nextInt(++ties) == 0) {
                far = a;
            }
        }
        return far;
    }
}
