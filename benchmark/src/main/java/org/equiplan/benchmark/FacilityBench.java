package org.equiplan.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Site;
import org.equiplan.facilities.solver.FacilitySolver;
import org.equiplan.solve.SolveOptions;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * Runs Equiplan once per instance for the longest limit and reads the objective at every shorter
 * limit off the best-score history (the search does not depend on the limit, so this equals a run
 * stopped there, minus noise).
 */
final class FacilityBench {

    private FacilityBench() {
    }

    /** A feasible best objective found at a time. */
    private record Point(long millis, double objective) {
    }

    static Row run(String suite, FacilityProblem problem, String size, Double reference, String referenceSource,
                   double[] limits, long seed, Cbc.Result cbc) {
        FacilityPlan plan = FacilityPlanBuilder.build(problem);
        double scale = plan.getLimits().costScale();
        double longest = 0;
        for (double l : limits) {
            longest = Math.max(longest, l);
        }
        List<Point> history = new ArrayList<>();
        FacilitySolver.Run run = FacilitySolver.run(plan, new SolveOptions(longest, null, null, seed), p -> {
            HardMediumSoftLongScore score = HardMediumSoftLongScore.parseScore(p.score());
            if (score.hardScore() == 0 && score.mediumScore() == 0) {
                history.add(new Point(p.elapsedMillis(), -score.softScore() / scale));
            }
        });
        Map<Double, Double> at = new LinkedHashMap<>();
        for (double limit : limits) {
            Double best = null;
            for (Point point : history) {
                if (point.millis() <= limit * 1000) {
                    best = point.objective();
                }
            }
            at.put(limit, best);
        }
        Double target = reference != null ? reference : cbc != null && cbc.optimal() ? cbc.objective() : null;
        String note = "";
        if (cbc != null && cbc.objective() == null) {
            Double ours = at.get(longest);
            note = "CBC gave no answer (" + cbc.status() + " after " + Math.round(cbc.seconds()) + " s)"
                    + (ours == null ? "" : "; Equiplan " + FacilityNumbers.fixed(ours, 0) + " at " + Math.round(longest) + " s");
        } else if (cbc != null && !cbc.optimal()) {
            double equalTime = Math.min(cbc.seconds(), longest);
            Double ours = null;
            for (Point point : history) {
                if (point.millis() <= equalTime * 1000) {
                    ours = point.objective();
                }
            }
            note = ours == null ? "CBC not proven; no feasible Equiplan answer by " + Math.round(equalTime) + " s"
                    : "CBC not proven in " + Math.round(cbc.seconds()) + " s; at " + Math.round(equalTime) + " s "
                    + (ours < cbc.objective() ? "Equiplan" : ours > cbc.objective() ? "CBC" : "neither") + " is better";
        }
        String source = target == null ? "none proven" : reference != null ? referenceSource : "CBC proven optimum";
        return new Row(suite, problem.name(), size, target, source, at, timeTo(history, target, 0.01), timeTo(history, target, 0.001),
                run.scoreCalculationsPerSecond(), seed, cbc == null ? null : cbc.objective(),
                cbc == null ? null : cbc.status(), cbc == null ? null : cbc.seconds(), note);
    }

    private static Double timeTo(List<Point> history, Double target, double within) {
        if (target == null) {
            return null;
        }
        for (Point point : history) {
            if (point.objective() <= target * (1 + within) + 1e-9) {
                return point.millis() / 1000.0;
            }
        }
        return null;
    }

    /**
     * The exact p-median optimum by enumerating every set of p open sites, scored with the plan's
     * own per-assignment costs: a reference computed independently of the search, for small site counts.
     */
    static double enumeratePMedian(FacilityProblem problem, int p) {
        FacilityPlan plan = FacilityPlanBuilder.build(problem);
        List<Site> sites = plan.getSites();
        int m = sites.size();
        long best = Long.MAX_VALUE;
        int[] chosen = new int[p];
        for (int i = 0; i < p; i++) {
            chosen[i] = i;
        }
        while (true) {
            long total = 0;
            for (Assignment a : plan.getAssignments()) {
                long cheapest = Long.MAX_VALUE;
                for (int k : chosen) {
                    cheapest = Math.min(cheapest, a.costAt(sites.get(k)));
                }
                total += cheapest;
            }
            best = Math.min(best, total);
            int i = p - 1;
            while (i >= 0 && chosen[i] == m - p + i) {
                i--;
            }
            if (i < 0) {
                break;
            }
            chosen[i]++;
            for (int k = i + 1; k < p; k++) {
                chosen[k] = chosen[k - 1] + 1;
            }
        }
        return best / (double) plan.getLimits().costScale();
    }
}
