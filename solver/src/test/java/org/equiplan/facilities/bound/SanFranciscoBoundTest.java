package org.equiplan.facilities.bound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.FacilityProblem.TravelStandardPenalty;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.domain.LowerBound;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bound on the San Francisco case (PySAL spopt test data: 205 tracts, 16 stores, street distances)
 * against the optimum found by enumerating every set of p stores: p-median (population x km) and maximal
 * covering within 5 km (the uncovered population, bounded on the medium level).
 */
class SanFranciscoBoundTest {

    private static final double RADIUS_KM = 5;

    /** Distances in km, store x tract, and each tract's population. */
    private record Case(double[][] km, long[] population) {}

    private static Case read() throws Exception {
        Map<String, Integer> tracts = new LinkedHashMap<>();
        List<Long> population = new ArrayList<>();
        for (CSVRecord t : csv("us_sf_spopt_demand_205_tracts.csv")) {
            tracts.put(t.get("NAME"), tracts.size());
            population.add(Math.round(Double.parseDouble(t.get("POP2000"))));
        }
        Map<String, Integer> stores = new LinkedHashMap<>();
        for (CSVRecord s : csv("us_sf_spopt_candidate_sites_16.csv")) {
            stores.put(s.get("NAME"), stores.size());
        }
        double[][] km = new double[stores.size()][tracts.size()];
        for (CSVRecord d : csv("us_sf_spopt_network_distance_16x205.csv")) {
            km[stores.get(d.get("name"))][tracts.get(d.get("DestinationName"))] =
                    Double.parseDouble(d.get("distance")) / 1000;
        }
        return new Case(km, population.stream().mapToLong(Long::longValue).toArray());
    }

    private static List<CSVRecord> csv(String name) throws Exception {
        try (Reader reader = Files.newBufferedReader(Path.of("../data/spopt-sf/" + name))) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setAllowMissingColumnNames(true)
                    .get()
                    .parse(reader)
                    .getRecords();
        }
    }

    private static FacilityProblem problem(Case c, int p, boolean covering) {
        TestProblems.Builder b = TestProblems.builder()
                .service("store", covering ? RADIUS_KM : null, 1.0)
                .region("sf", false);
        for (int j = 0; j < c.population().length; j++) {
            b.demand("t" + j, "sf", 0, 0, "store", c.population()[j]);
        }
        List<List<Double>> matrix = new ArrayList<>();
        for (int i = 0; i < c.km().length; i++) {
            b.site("s" + i, "store", 0, 0, null, 0, FacilityProblem.SiteState.CANDIDATE);
            matrix.add(Arrays.stream(c.km()[i]).boxed().toList());
        }
        b.distances(matrix).open("store", null, null, p);
        if (covering) {
            b.travelStandardPenalty(TravelStandardPenalty.UNCOVERED_DEMAND);
        }
        return b.problem();
    }

    /** Over every set of p stores: the least population x km (scaled as the plan scales it) and uncovered population. */
    private static long[] enumerate(Case c, int p, long scale) {
        int m = c.km().length;
        long bestCost = Long.MAX_VALUE;
        long bestUncovered = Long.MAX_VALUE;
        for (int mask = 0; mask < 1 << m; mask++) {
            if (Integer.bitCount(mask) != p) {
                continue;
            }
            long cost = 0;
            long uncovered = 0;
            for (int j = 0; j < c.population().length; j++) {
                long cheapest = Long.MAX_VALUE;
                double nearest = Double.POSITIVE_INFINITY;
                for (int i = 0; i < m; i++) {
                    if ((mask & 1 << i) != 0) {
                        cheapest = Math.min(cheapest, Math.round(c.population()[j] * c.km()[i][j] * scale));
                        nearest = Math.min(nearest, c.km()[i][j]);
                    }
                }
                cost += cheapest;
                uncovered += nearest <= RADIUS_KM ? 0 : c.population()[j];
            }
            bestCost = Math.min(bestCost, cost);
            bestUncovered = Math.min(bestUncovered, uncovered);
        }
        return new long[] {bestCost, bestUncovered};
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void boundIsAtMostTheEnumeratedOptimum(int p) throws Exception {
        Case c = read();
        var medianPlan = FacilityPlanBuilder.build(problem(c, p, false));
        long[] optimum = enumerate(c, p, medianPlan.getLimits().costScale());
        LowerBound median = FacilityBound.compute(medianPlan, () -> false).bound();
        assertThat(median.softScaled()).isLessThanOrEqualTo(optimum[0]).isGreaterThan(optimum[0] * 99 / 100);
        LowerBound covering = FacilityBound.compute(FacilityPlanBuilder.build(problem(c, p, true)), () -> false)
                .bound();
        assertThat(covering.breach()).isLessThanOrEqualTo(optimum[1]);
    }
}
