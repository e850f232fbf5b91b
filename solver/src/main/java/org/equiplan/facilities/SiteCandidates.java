package org.equiplan.facilities;

import java.util.ArrayList;
import java.util.List;
import org.equiplan.facilities.FacilityProblem.DistanceMethod;

/**
 * Which sites of a service may serve a demand point: every site of the service that can reach it (no
 * null in the distance or cost matrix), nearest first, and with {@code distances.candidates: K} only the
 * K nearest of them (province-scale problems, where a village is never served from the other end of
 * the province). Validation and the plan builder share this one rule.
 */
public final class SiteCandidates {

    private final FacilityProblem problem;
    private final String service;
    /** Problem indexes of the sites of this service that may open, in problem order. */
    private final int[] sites;

    private final Integer limit;
    private final boolean byCost;

    public SiteCandidates(FacilityProblem problem, String service) {
        this.problem = problem;
        this.service = service;
        List<Integer> mine = new ArrayList<>();
        for (int i = 0; i < problem.sites().size(); i++) {
            FacilityProblem.SiteSpec site = problem.sites().get(i);
            // A closed site serves no one, so it never opens.
            if (service.equals(site.service()) && site.state() != FacilityProblem.SiteState.CLOSED) {
                mine.add(i);
            }
        }
        this.sites = mine.stream().mapToInt(Integer::intValue).toArray();
        this.limit = problem.distances() == null ? null : problem.distances().candidates();
        this.byCost = FacilityPlanBuilder.method(problem) == DistanceMethod.NONE;
    }

    /** Problem indexes of the sites of this service, in problem order. */
    public int[] sites() {
        return sites;
    }

    /**
     * The problem indexes of the sites that may serve demand point j, nearest first (by cost when
     * distances are unknown; ties by problem order), at most {@code distances.candidates} of them.
     */
    public int[] of(int j) {
        int[] reach = new int[sites.length];
        double[] key = new double[sites.length];
        int n = 0;
        for (int i : sites) {
            if (FacilityPlanBuilder.canServe(problem, i, j)) {
                key[n] = byCost ? problem.assignmentCosts().get(i).get(j) : FacilityPlanBuilder.distance(problem, i, j);
                reach[n++] = i;
            }
        }
        int keep = limit == null ? n : Math.min(n, limit);
        if (keep * 4L > n) {
            Integer[] order = new Integer[n];
            for (int k = 0; k < n; k++) {
                order[k] = k;
            }
            java.util.Arrays.sort(order, (a, b) -> before(a, b, key, reach) ? -1 : before(b, a, key, reach) ? 1 : 0);
            int[] out = new int[keep];
            for (int k = 0; k < keep; k++) {
                out[k] = reach[order[k]];
            }
            return out;
        }
        // Few kept (a province: 2,000 sites, 10 kept): the smallest keys by insertion into a short sorted
        // list, linear in the number of sites.
        int[] best = new int[keep];
        int filled = 0;
        for (int k = 0; k < n; k++) {
            if (filled == keep && !before(k, best[keep - 1], key, reach)) {
                continue;
            }
            int at = filled < keep ? filled++ : keep - 1;
            while (at > 0 && before(k, best[at - 1], key, reach)) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = k;
        }
        int[] out = new int[keep];
        for (int k = 0; k < keep; k++) {
            out[k] = reach[best[k]];
        }
        return out;
    }

    /** Nearer, or as near and earlier in the problem. */
    private static boolean before(int a, int b, double[] key, int[] reach) {
        return key[a] < key[b] || key[a] == key[b] && reach[a] < reach[b];
    }

    public String service() {
        return service;
    }
}
