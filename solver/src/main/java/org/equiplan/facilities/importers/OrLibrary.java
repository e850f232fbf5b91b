package org.equiplan.facilities.importers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.facilities.FacilityProblem;
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
import org.equiplan.problem.InvalidProblemException;

/**
 * Reads J.E. Beasley's OR-Library files into facility problems whose objective is exactly the
 * published one: equity off, unit cost per distance, no travel standard.
 */
public final class OrLibrary {

    private OrLibrary() {}

    /**
     * p-median ("pmed1" ... "pmed40"): first line {@code n edges p}, then {@code i j cost} per
     * undirected edge (vertices from 1; a repeated edge takes its last cost). Distances are shortest
     * paths; every vertex is a demand point of weight 1 and a candidate site; exactly p open.
     */
    public static FacilityProblem pMedian(String text, String name) {
        Tokens t = new Tokens(text);
        int n = t.nextInt("vertex count");
        int edges = t.nextInt("edge count");
        int p = t.nextInt("p");
        if (n < 1 || edges < 0 || p < 1 || p > n) {
            throw new InvalidProblemException(
                    "header", "expected 'vertices edges p' with 1 <= p <= vertices, got " + n + " " + edges + " " + p);
        }
        final long unreachable = Long.MAX_VALUE / 4;
        long[][] d = new long[n][n];
        for (long[] row : d) {
            Arrays.fill(row, unreachable);
        }
        for (int i = 0; i < n; i++) {
            d[i][i] = 0;
        }
        for (int e = 0; e < edges; e++) {
            int i = t.nextInt("edge " + (e + 1) + " start") - 1;
            int j = t.nextInt("edge " + (e + 1) + " end") - 1;
            long c = t.nextLong("edge " + (e + 1) + " cost");
            if (i < 0 || j < 0 || i >= n || j >= n || c < 0) {
                throw new InvalidProblemException("edge " + (e + 1), "vertices must be 1.." + n + " and cost >= 0");
            }
            if (i != j) {
                d[i][j] = c; // OR-Library: where an edge repeats, the last value counts
                d[j][i] = c;
            }
        }
        // Floyd-Warshall: all-pairs shortest paths, O(n^3), under a second for n = 900.
        for (int k = 0; k < n; k++) {
            long[] dk = d[k];
            for (int i = 0; i < n; i++) {
                long dik = d[i][k];
                if (dik == unreachable) {
                    continue;
                }
                long[] di = d[i];
                for (int j = 0; j < n; j++) {
                    long via = dik + dk[j];
                    if (via < di[j]) {
                        di[j] = via;
                    }
                }
            }
        }
        List<DemandSpec> demands = new ArrayList<>();
        List<SiteSpec> sites = new ArrayList<>();
        List<List<Double>> matrix = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "v" + (i + 1);
            demands.add(new DemandSpec(id, null, "all", null, null, null, null, Map.of("median", 1.0), null));
            sites.add(new SiteSpec(id, null, "median", "all", null, null, null, null, null, null, SiteState.CANDIDATE));
            List<Double> row = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                row.add(d[i][j] == unreachable ? null : (double) d[i][j]);
            }
            matrix.add(row);
        }
        Map<String, OpenLimit> open = new LinkedHashMap<>();
        open.put("median", new OpenLimit(null, null, p));
        return new FacilityProblem(
                FacilityProblem.KIND,
                name,
                "OR-Library p-median instance: " + n + " vertices, p = " + p,
                "J.E. Beasley, OR-Library, p-median (pmed) set",
                List.of(new ServiceSpec("median", "p-median", null, 1.0)),
                List.of(new RegionSpec("all", "all vertices", false)),
                demands,
                sites,
                new DistanceSpec(DistanceMethod.MATRIX, "edge length", matrix),
                null,
                new LimitsSpec(null, null, open),
                noEquity());
    }

    /**
     * Capacitated warehouse location ("cap41" ... "cap134", "capa" ...): {@code m n}, then m lines
     * {@code capacity fixedCost}, then per customer its demand followed by the m costs of serving
     * ALL of its demand from each warehouse (lines wrap: read as tokens). Single sourcing applies.
     *
     * @param capacity replaces every warehouse's capacity (capa/capb/capc give the word "capacity")
     */
    public static FacilityProblem capacitated(String text, String name, Double capacity) {
        Tokens t = new Tokens(text);
        int m = t.nextInt("warehouse count");
        int n = t.nextInt("customer count");
        if (m < 1 || n < 1) {
            throw new InvalidProblemException("header", "expected 'warehouses customers', both >= 1");
        }
        List<SiteSpec> sites = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            String word = t.next("capacity of warehouse " + (i + 1));
            Double cap = capacity != null
                    ? capacity
                    : Tokens.parse(
                            word,
                            "capacity of warehouse " + (i + 1)
                                    + " (capa/capb/capc files give no number: pass a capacity)");
            double fixed = t.nextDouble("fixed cost of warehouse " + (i + 1));
            sites.add(new SiteSpec(
                    "w" + (i + 1), null, "warehouse", "all", null, null, null, null, cap, fixed, SiteState.CANDIDATE));
        }
        List<DemandSpec> demands = new ArrayList<>();
        double[][] cost = new double[m][n];
        for (int j = 0; j < n; j++) {
            double demand = t.nextDouble("demand of customer " + (j + 1));
            demands.add(new DemandSpec(
                    "c" + (j + 1), null, "all", null, null, null, null, Map.of("warehouse", demand), null));
            for (int i = 0; i < m; i++) {
                cost[i][j] = t.nextDouble("cost of customer " + (j + 1) + " at warehouse " + (i + 1));
            }
        }
        List<List<Double>> costs = new ArrayList<>();
        for (double[] row : cost) {
            costs.add(Arrays.stream(row).boxed().toList());
        }
        return new FacilityProblem(
                FacilityProblem.KIND,
                name,
                "OR-Library capacitated warehouse location: " + m + " warehouses, " + n + " customers, single source",
                "J.E. Beasley, OR-Library, capacitated warehouse location (cap) set",
                List.of(new ServiceSpec("warehouse", "warehouse", null, null)),
                List.of(new RegionSpec("all", "all customers", false)),
                demands,
                sites,
                new DistanceSpec(DistanceMethod.NONE, null, null),
                costs,
                null,
                noEquity());
    }

    static ObjectiveSpec noEquity() {
        return new ObjectiveSpec(1.0, 1.0, EquityMode.NONE, 0.0);
    }
}
