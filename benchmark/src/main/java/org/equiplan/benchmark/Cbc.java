package org.equiplan.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.FacilityProblem.SiteSpec;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Site;

/**
 * The exact yardstick: writes a single-source capacitated facility problem as a MIP (LP file) and
 * runs COIN-OR CBC on it as a process. Strong formulation (x_ij <= y_i) so that CBC proves optima fast.
 */
final class Cbc {

    /** What CBC reported: its best objective, whether it proved it optimal, and the wall time. */
    record Result(Double objective, String status, double seconds) {
        boolean optimal() {
            return "optimal".equals(status);
        }
    }

    private Cbc() {}

    static boolean installed() {
        try {
            Process p =
                    new ProcessBuilder("cbc", "-quit").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Result solve(FacilityProblem p, Path dir, int seconds) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path lp = dir.resolve(p.name() + ".lp");
        writeLp(p, lp);
        return run(p.name(), lp, dir, seconds, 1);
    }

    /**
     * Maximal covering with capacities and single sourcing, from the plan's own distances: the
     * covered demand CBC proves (its objective is minus that).
     */
    static Result solveCovering(FacilityPlan plan, String name, Path dir, int seconds)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path lp = dir.resolve(name + ".lp");
        writeCoveringLp(plan, lp);
        return run(name, lp, dir, seconds, -1);
    }

    static Result run(String name, Path lp, Path dir, int seconds, int sign) throws IOException, InterruptedException {
        Path solution = dir.resolve(name + ".sol");
        Files.deleteIfExists(solution);
        String p = name;
        long start = System.nanoTime();
        Process process = new ProcessBuilder(
                        "cbc", lp.toString(), "sec", Integer.toString(seconds), "solve", "solu", solution.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(p + ".log").toFile())
                .start();
        if (!process.waitFor(seconds + 120L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(null, "killed", (System.nanoTime() - start) / 1e9);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!Files.exists(solution)) {
            return new Result(null, "no solution file", elapsed);
        }
        String first = Files.readAllLines(solution).stream().findFirst().orElse("");
        return parse(first, sign, elapsed);
    }

    /** CBC's verdict from the first line of its solution file ({@code sign} -1 where it minimised minus the goal). */
    static Result parse(String first, int sign, double elapsed) {
        // e.g. "Optimal - objective value 12345.00000000" or "Stopped on time - objective value 123.0"
        int at = first.indexOf("objective value");
        Double value = at < 0
                ? null
                : sign
                        * Double.parseDouble(
                                first.substring(at + "objective value".length()).trim());
        if (first.startsWith("Optimal")) {
            return new Result(value, "optimal", elapsed);
        }
        if (first.contains("no integer solution")) {
            // "Stopped on time (no integer solution - continuous used)": the value is the LP relaxation's, no plan.
            return new Result(null, "time limit, no plan", elapsed);
        }
        String status = first.toLowerCase().startsWith("stopped on time") ? "time limit" : first.split(" - ")[0].trim();
        return new Result(value, status, elapsed);
    }

    static void writeLp(FacilityProblem p, Path file) throws IOException {
        List<SiteSpec> sites = p.sites();
        int m = sites.size();
        int n = p.demands().size();
        String service = p.services().get(0).id();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("Minimize\n obj:");
            Terms obj = new Terms(w);
            for (int i = 0; i < m; i++) {
                obj.add(sites.get(i).openingCost(), "y" + i);
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    obj.add(p.assignmentCosts().get(i).get(j), "x" + i + "_" + j);
                }
            }
            w.write("\nSubject To\n");
            for (int j = 0; j < n; j++) {
                w.write(" a" + j + ":");
                Terms t = new Terms(w);
                for (int i = 0; i < m; i++) {
                    t.add(1, "x" + i + "_" + j);
                }
                w.write(" = 1\n");
            }
            for (int i = 0; i < m; i++) {
                w.write(" c" + i + ":");
                Terms t = new Terms(w);
                for (int j = 0; j < n; j++) {
                    t.add(p.demands().get(j).demand().get(service), "x" + i + "_" + j);
                }
                t.add(-sites.get(i).capacity(), "y" + i);
                w.write(" <= 0\n");
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    w.write(" l" + i + "_" + j + ": x" + i + "_" + j + " - y" + i + " <= 0\n");
                }
            }
            w.write("Binary\n");
            for (int i = 0; i < m; i++) {
                w.write(" y" + i + "\n");
                for (int j = 0; j < n; j++) {
                    w.write(" x" + i + "_" + j + "\n");
                }
            }
            w.write("End\n");
        }
    }

    /**
     * max sum a_j z_j with z_j <= sum of x_ij over the sites within the standard of j; every demand
     * point at exactly one site, x_ij <= y_i, capacities, required sites open, exactly the plan's
     * open count. Written as a minimisation of -sum a_j z_j.
     */
    static void writeCoveringLp(FacilityPlan plan, Path file) throws IOException {
        if (plan.getServices().size() != 1) {
            throw new IllegalArgumentException("the covering MIP is written for one service");
        }
        List<Site> sites = plan.getSites();
        List<Assignment> demands = plan.getAssignments();
        int m = sites.size();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("Minimize\n obj:");
            Terms obj = new Terms(w);
            for (int j = 0; j < demands.size(); j++) {
                obj.add(-demands.get(j).getAmount(), "z" + j);
            }
            w.write("\nSubject To\n");
            for (int j = 0; j < demands.size(); j++) {
                Assignment a = demands.get(j);
                w.write(" cov" + j + ":");
                Terms t = new Terms(w);
                t.add(1, "z" + j);
                for (Site s : a.getAllowedSites()) {
                    if (a.distanceTo(s) <= a.getService().getMaxDistance()) {
                        t.add(-1, "x" + s.getServiceIndex() + "_" + j);
                    }
                }
                w.write(" <= 0\n one" + j + ":");
                Terms one = new Terms(w);
                for (Site s : a.getAllowedSites()) {
                    one.add(1, "x" + s.getServiceIndex() + "_" + j);
                }
                w.write(" = 1\n");
                for (Site s : a.getAllowedSites()) {
                    int i = s.getServiceIndex();
                    w.write(" l" + i + "_" + j + ": x" + i + "_" + j + " - y" + i + " <= 0\n");
                }
            }
            for (int i = 0; i < m; i++) {
                Site s = sites.get(i);
                if (!s.hasUnlimitedCapacity()) {
                    w.write(" cap" + i + ":");
                    Terms t = new Terms(w);
                    for (int j = 0; j < demands.size(); j++) {
                        if (demands.get(j).getAllowedSites().contains(s)) {
                            t.add(demands.get(j).getAmount(), "x" + i + "_" + j);
                        }
                    }
                    t.add(-s.getCapacity(), "y" + i);
                    w.write(" <= 0\n");
                }
                if (s.isAlwaysOpen()) {
                    w.write(" req" + i + ": y" + i + " = 1\n");
                }
            }
            w.write(" count:");
            Terms count = new Terms(w);
            for (int i = 0; i < m; i++) {
                count.add(1, "y" + i);
            }
            w.write(" = " + sites.get(0).getService().getMaxOpen() + "\n");
            w.write("Bounds\n");
            for (int j = 0; j < demands.size(); j++) {
                w.write(" 0 <= z" + j + " <= 1\n");
            }
            w.write("Binary\n");
            for (int i = 0; i < m; i++) {
                w.write(" y" + i + "\n");
            }
            for (int j = 0; j < demands.size(); j++) {
                for (Site s : demands.get(j).getAllowedSites()) {
                    w.write(" x" + s.getServiceIndex() + "_" + j + "\n");
                }
            }
            w.write("End\n");
        }
    }

    /** Writes "+ c v" terms, a few per line (LP readers limit line length). */
    private static final class Terms {
        private final BufferedWriter w;
        private int onLine;

        Terms(BufferedWriter w) {
            this.w = w;
        }

        void add(double coefficient, String variable) throws IOException {
            if (onLine == 8) {
                w.write("\n   ");
                onLine = 0;
            }
            w.write(coefficient < 0 ? " - " : " + ");
            w.write(FacilityNumbers.plain(Math.abs(coefficient)));
            w.write(" ");
            w.write(variable);
            onLine++;
        }
    }
}
