package org.equiplan.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Site;

/**
 * The exact vertex p-center optimum of an uncapacitated problem, proven with CBC: the smallest distance r
 * such that p sites cover every demand point within r, found by binary search over the distinct distances,
 * each step a set-covering MIP (fewest sites covering everyone within r) solved to optimality.
 */
final class PCenterReference {

    /** The optimum radius and how many set-covering MIPs proved it. */
    record Result(double radius, int mips, double seconds) {}

    private PCenterReference() {}

    static Result solve(FacilityProblem problem, int p, Path dir, int secondsPerMip)
            throws IOException, InterruptedException {
        FacilityPlan plan = FacilityPlanBuilder.build(problem);
        List<Site> sites = plan.getSites();
        List<Assignment> demands = plan.getAssignments();
        TreeSet<Double> distances = new TreeSet<>();
        double floor = 0;
        for (Assignment a : demands) {
            double nearest = Double.POSITIVE_INFINITY;
            for (Site s : a.getAllowedSites()) {
                distances.add(a.distanceTo(s));
                nearest = Math.min(nearest, a.distanceTo(s));
            }
            floor = Math.max(floor, nearest);
        }
        Double[] candidates = distances.tailSet(floor, true).toArray(Double[]::new);
        int low = 0;
        int high = candidates.length - 1;
        int mips = 0;
        long start = System.nanoTime();
        Files.createDirectories(dir);
        while (low < high) {
            int mid = (low + high) >>> 1;
            mips++;
            if (coverable(plan, candidates[mid], p, dir.resolve(problem.name() + "-cover.lp"), secondsPerMip)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return new Result(candidates[low], mips, (System.nanoTime() - start) / 1e9);
    }

    /** Do p sites cover every demand point within {@code radius}? (The fewest that do, by CBC, is at most p.) */
    private static boolean coverable(FacilityPlan plan, double radius, int p, Path lp, int seconds)
            throws IOException, InterruptedException {
        List<Site> sites = plan.getSites();
        try (BufferedWriter w = Files.newBufferedWriter(lp)) {
            w.write("Minimize\n obj:");
            for (int i = 0; i < sites.size(); i++) {
                w.write(" + y" + i + (i % 20 == 19 ? "\n" : ""));
            }
            w.write("\nSubject To\n");
            int row = 0;
            for (Assignment a : plan.getAssignments()) {
                w.write(" c" + row++ + ":");
                int terms = 0;
                for (Site s : a.getAllowedSites()) {
                    if (a.distanceTo(s) <= radius + 1e-9) {
                        w.write(" + y" + s.getServiceIndex() + (++terms % 20 == 0 ? "\n" : ""));
                    }
                }
                if (terms == 0) {
                    return false;
                }
                w.write(" >= 1\n");
            }
            w.write("Binary\n");
            for (int i = 0; i < sites.size(); i++) {
                w.write(" y" + i + "\n");
            }
            w.write("End\n");
        }
        Cbc.Result result = Cbc.run(lp.getFileName().toString().replace(".lp", ""), lp, lp.getParent(), seconds, 1);
        if (!result.optimal()) {
            throw new IllegalStateException(
                    "CBC did not prove the set cover at radius " + radius + ": " + result.status());
        }
        return Math.round(result.objective()) <= p;
    }
}
