package org.equiplan.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.LowerBound;
import org.equiplan.facilities.domain.Site;
import org.equiplan.facilities.solver.FacilitySolver;
import org.equiplan.solve.SolveOptions;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * Runs Equiplan once per instance for the longest limit and reads the objective at every shorter
 * limit off the best-score history (the search does not depend on the limit, so this equals a run
 * stopped there, minus noise).
 *
 * <p>Over 300 lines because the measures of the classic models (cost, longest trip, covered demand, open
 * sites) and the exact enumerations that check the small ones are kept beside the run that reports them.
 */
final class FacilityBench {

    private FacilityBench() {}

    /** A feasible best objective found at a time. */
    private record Point(long millis, double objective) {}

    /**
     * What a row measures of each new best plan, in the model's own terms; null while the plan does
     * not count yet (infeasible, or for the cost models, beyond a travel standard).
     */
    enum Measure {
        /** -soft / costScale: p-median and capacitated cost (minimised). */
        COST(false),
        /**
         * -soft / costScale of any plan that meets the hard rules, whatever its travel-standard breach (which
         * is scored first): for instances whose standard no plan can meet, such as the province one.
         */
        PLAN_COST(false),
        /** the longest trip of any demand point, in km (p-center, minimised). */
        LONGEST_TRIP(false),
        /** demand within the travel standard (maximal covering, maximised). */
        COVERED_DEMAND(true),
        /** open sites, when everyone is within the standard (set covering, minimised). */
        OPEN_SITES(false);

        final boolean maximize;

        Measure(boolean maximize) {
            this.maximize = maximize;
        }

        /** The proven bound on this measure that the solve reported, where the bound covers it; else null. */
        Double bound(FacilityPlan plan) {
            LowerBound bound = plan.getHints().bound();
            if (bound == null) {
                return null;
            }
            return switch (this) {
                case COST, PLAN_COST ->
                    bound.softScaled() / (double) plan.getLimits().costScale();
                case COVERED_DEMAND ->
                    (double) plan.getAssignments().stream()
                                    .mapToLong(Assignment::getAmount)
                                    .sum()
                            - bound.breach();
                // The radius the bound proved out of reach of p sites (the soft bound mixes it with total travel).
                case LONGEST_TRIP -> {
                    double[] floors = plan.getHints().radiusFloor();
                    yield floors == null ? null : floors[0];
                }
                case OPEN_SITES -> null;
            };
        }

        Double of(FacilityPlan plan, HardMediumSoftLongScore score) {
            if (score.hardScore() != 0 || this != COVERED_DEMAND && this != PLAN_COST && score.mediumScore() != 0) {
                return null;
            }
            return switch (this) {
                case COST, PLAN_COST ->
                    -score.softScore() / (double) plan.getLimits().costScale();
                case LONGEST_TRIP ->
                    plan.getAssignments().stream()
                            .mapToDouble(Assignment::getDistance)
                            .max()
                            .orElse(0);
                case COVERED_DEMAND ->
                    (double) plan.getAssignments().stream()
                            .filter(a -> a.getDistance() <= a.getService().getMaxDistance())
                            .mapToLong(Assignment::getAmount)
                            .sum();
                case OPEN_SITES ->
                    (double) plan.getSites().stream().filter(Site::isOpen).count();
            };
        }
    }

    static Row run(
            String suite,
            FacilityProblem problem,
            String size,
            Double reference,
            String referenceSource,
            double[] limits,
            long seed,
            Cbc.Result cbc) {
        return run(suite, problem, size, Measure.COST, reference, referenceSource, limits, seed, cbc);
    }

    static Row run(
            String suite,
            FacilityProblem problem,
            String size,
            Measure measure,
            Double reference,
            String referenceSource,
            double[] limits,
            long seed,
            Cbc.Result cbc) {
        FacilityPlan plan = FacilityPlanBuilder.build(problem);
        double longest = 0;
        for (double l : limits) {
            longest = Math.max(longest, l);
        }
        List<Point> history = new ArrayList<>();
        FacilitySolver.Run run =
                FacilitySolver.run(plan, new SolveOptions(longest, null, null, seed), stop -> {}, (p, snapshot) -> {
                    Double value = measure.of(snapshot, HardMediumSoftLongScore.parseScore(p.score()));
                    // A new best score can leave the measure where it was (a tie-break improved).
                    if (value != null
                            && (history.isEmpty()
                                    || history.get(history.size() - 1).objective() != value)) {
                        history.add(new Point(p.elapsedMillis(), value));
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
                    + (ours == null
                            ? ""
                            : "; Equiplan " + FacilityNumbers.fixed(ours, 0) + " at " + Math.round(longest) + " s");
        } else if (cbc != null && !cbc.optimal()) {
            double equalTime = Math.min(cbc.seconds(), longest);
            Double ours = null;
            for (Point point : history) {
                if (point.millis() <= equalTime * 1000) {
                    ours = point.objective();
                }
            }
            note = ours == null
                    ? "CBC not proven; no feasible Equiplan answer by " + Math.round(equalTime) + " s"
                    : "CBC not proven in " + Math.round(cbc.seconds()) + " s; at " + Math.round(equalTime) + " s "
                            + (better(ours, cbc.objective(), measure)
                                    ? "Equiplan"
                                    : better(cbc.objective(), ours, measure) ? "CBC" : "neither")
                            + " is better";
        }
        String source = target == null ? "none proven" : reference != null ? referenceSource : "CBC proven optimum";
        boolean max = measure.maximize;
        Double firstFeasible = history.isEmpty() ? null : history.get(0).millis() / 1000.0;
        return new Row(
                suite,
                problem.name(),
                size,
                target,
                source,
                at,
                timeTo(history, target, 0.01, max),
                timeTo(history, target, 0.001, max),
                run.scoreCalculationsPerSecond(),
                seed,
                cbc == null ? null : cbc.objective(),
                cbc == null ? null : cbc.status(),
                cbc == null ? null : cbc.seconds(),
                note,
                max,
                measure.bound(run.best()),
                firstFeasible);
    }

    /**
     * A run without a known optimum that reports what a planner at province scale asks: time to the first
     * feasible plan, the peak heap (all heap pools' peaks after a reset, so build and solve count) and the
     * gap to Equiplan's own bound.
     */
    static Row runMeasured(String suite, FacilityProblem problem, String size, double[] limits, long seed) {
        for (java.lang.management.MemoryPoolMXBean pool :
                java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        Row row = run(suite, problem, size, Measure.PLAN_COST, null, "none (own bound)", limits, seed, null);
        double wall = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean pool :
                java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        String note = "first feasible plan at "
                + (row.firstFeasibleSeconds() == null
                        ? "never"
                        : FacilityNumbers.fixed(row.firstFeasibleSeconds(), 1) + " s")
                + " of the solve ("
                + FacilityNumbers.fixed(wall - longest(limits), 1) + " s more to validate, build and report)"
                + "; peak heap " + Math.round(peak / 1048576.0) + " MB";
        return row.withNote(note);
    }

    private static double longest(double[] limits) {
        double longest = 0;
        for (double l : limits) {
            longest = Math.max(longest, l);
        }
        return longest;
    }

    private static boolean better(double a, double b, Measure measure) {
        return measure.maximize ? a > b : a < b;
    }

    private static Double timeTo(List<Point> history, Double target, double within, boolean maximize) {
        if (target == null) {
            return null;
        }
        for (Point point : history) {
            boolean close = maximize
                    ? point.objective() >= target * (1 - within) - 1e-9
                    : point.objective() <= target * (1 + within) + 1e-9;
            if (close) {
                return point.millis() / 1000.0;
            }
        }
        return null;
    }

    /**
     * The exact optimum of an uncapacitated model by enumerating every set of open sites, each demand
     * point at its nearest open site (optimal for all four models without capacities), computed from
     * the plan's distances and costs, independently of the search. {@code p} open sites exactly, or
     * for set covering, the fewest sites that cover everyone.
     */
    static double enumerate(FacilityProblem problem, Measure measure, int p) {
        FacilityPlan plan = FacilityPlanBuilder.build(problem);
        if (measure == Measure.COST) {
            return enumeratePMedian(problem, p);
        }
        List<Site> sites = plan.getSites();
        int m = sites.size();
        List<Assignment> assignments = plan.getAssignments();
        double best = measure.maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (int mask = 1; mask < 1 << m; mask++) {
            int open = Integer.bitCount(mask);
            if (measure == Measure.OPEN_SITES ? open >= best : open != p) {
                continue;
            }
            double longest = 0;
            long covered = 0;
            for (Assignment a : assignments) {
                double nearest = Double.POSITIVE_INFINITY;
                for (int k = 0; k < m; k++) {
                    if ((mask & (1 << k)) != 0) {
                        nearest = Math.min(nearest, a.distanceTo(sites.get(k)));
                    }
                }
                longest = Math.max(longest, nearest);
                Double standard = a.getService().getMaxDistance();
                covered += standard != null && nearest <= standard ? a.getAmount() : 0;
            }
            switch (measure) {
                case LONGEST_TRIP -> best = Math.min(best, longest);
                case COVERED_DEMAND -> best = Math.max(best, covered);
                case OPEN_SITES -> {
                    long all = assignments.stream()
                            .mapToLong(Assignment::getAmount)
                            .sum();
                    if (covered == all) {
                        best = open;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return best;
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
