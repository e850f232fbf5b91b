package org.equiplan.facilities.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.bound.CoverTable;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.importers.OrLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The p-center covering search and the radius floor against optima found without them: every set of p
 * sites of small random problems, and the vertex p-center optima of OR-Library graphs proven by CBC
 * (benchmark/references/pcenter.csv). The search is bounded by swaps, not time, so these runs are exact.
 */
class CoveringSearchTest {

    /** The smallest longest trip over every set of p sites, each point at its nearest. */
    private static double enumerate(CoverTable table, int p) {
        int m = table.siteCount();
        double best = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < 1 << m; mask++) {
            if (Integer.bitCount(mask) == p) {
                best = Math.min(best, longest(table, mask));
            }
        }
        return best;
    }

    private static double longest(CoverTable table, int mask) {
        boolean[] open = new boolean[table.siteCount()];
        for (int i = 0; i < open.length; i++) {
            open[i] = (mask >> i & 1) == 1;
        }
        return longest(table, open);
    }

    private static double longest(CoverTable table, boolean[] open) {
        double longest = 0;
        for (int j = 0; j < table.demandCount(); j++) {
            int[] s = table.sitesOf(j);
            double nearest = Double.POSITIVE_INFINITY;
            for (int k = 0; k < s.length && nearest == Double.POSITIVE_INFINITY; k++) {
                if (open[s[k]]) {
                    nearest = table.kthDistance(j, k);
                }
            }
            longest = Math.max(longest, nearest);
        }
        return longest;
    }

    private static FacilityPlan randomPlan(Random r, int sites, int points) {
        TestProblems.Builder b =
                TestProblems.builder().service("clinic", null, 1.0).region("r", true);
        for (int j = 0; j < points; j++) {
            b.demand("v" + j, "r", r.nextInt(40), r.nextInt(40), "clinic", 1 + r.nextInt(5));
        }
        for (int i = 0; i < sites; i++) {
            b.site("s" + i, "clinic", r.nextInt(40), r.nextInt(40), null, 0, SiteState.CANDIDATE);
        }
        return FacilityPlanBuilder.build(b.problem());
    }

    private static double searched(CoverTable table, int p, long seed) {
        int[] start = new int[p];
        for (int i = 0; i < p; i++) {
            start[i] = i;
        }
        CoveringSearch.Result result = new CoveringSearch(table, new boolean[table.siteCount()], seed, () -> false)
                .run(start, table.radiusFloor(p, () -> false));
        int[] set = result == null ? start : result.openSites();
        assertThat(Arrays.stream(set).distinct().count()).isEqualTo(p);
        boolean[] open = new boolean[table.siteCount()];
        for (int i : set) {
            open[i] = true;
        }
        double reached = longest(table, open);
        if (result != null) {
            assertThat(result.radius()).isEqualTo(reached); // it reports the trip of the set it returns
        }
        return reached;
    }

    @Test
    void reachesTheEnumeratedOptimumAndTheFloorStaysBelowIt() {
        Random r = new Random(11);
        int exactFloors = 0;
        for (int run = 0; run < 60; run++) {
            int sites = 6 + r.nextInt(7);
            FacilityPlan plan = randomPlan(r, sites, 10 + r.nextInt(15));
            CoverTable table = CoverTable.of(plan, plan.getServices().get(0));
            int p = 1 + r.nextInt(4);
            double optimum = enumerate(table, p);
            double floor = table.radiusFloor(p, () -> false);
            assertThat(floor).as("run %d", run).isLessThanOrEqualTo(optimum);
            exactFloors += floor == optimum ? 1 : 0;
            assertThat(searched(table, p, run)).as("run %d", run).isEqualTo(optimum);
        }
        assertThat(exactFloors).isPositive(); // the floor is not a vacuous zero
    }

    @Test
    void forcedSitesStayOpen() {
        FacilityPlan plan = randomPlan(new Random(5), 9, 20);
        CoverTable table = CoverTable.of(plan, plan.getServices().get(0));
        boolean[] forced = new boolean[9];
        forced[8] = true;
        CoveringSearch.Result result = new CoveringSearch(table, forced, 1, () -> false).run(new int[] {0, 1, 8}, 0);
        assertThat(result == null ? new int[] {0, 1, 8} : result.openSites()).contains(8);
    }

    /**
     * Graphs whose optimum the earlier interchange moves missed at 30 s (pmed2, 3, 6 and 10 ended 1-5% above), and
     * two where the floor alone proves the optimum.
     */
    @ParameterizedTest
    @CsvSource({"pmed2, 10, 98", "pmed3, 10, 93", "pmed6, 5, 84", "pmed10, 67, 20", "pmed13, 30, 36", "pmed16, 5, 47"})
    void reachesTheProvenOptimumOfOrLibraryGraphs(String name, int p, double optimum) throws Exception {
        FacilityProblem problem = OrLibrary.pMedian(Files.readString(Path.of("../data/orlib/" + name + ".txt")), name);
        FacilityPlan plan = FacilityPlanBuilder.build(problem);
        CoverTable table = CoverTable.of(plan, plan.getServices().get(0));
        assertThat(plan.getServices().get(0).getMaxOpen()).isEqualTo(p);
        assertThat(table.radiusFloor(p, () -> false)).isLessThanOrEqualTo(optimum);
        assertThat(searched(table, p, 0)).isEqualTo(optimum);
        if (name.equals("pmed10") || name.equals("pmed16")) {
            assertThat(table.radiusFloor(p, () -> false)).isEqualTo(optimum);
        }
    }

    @Test
    void radiiAreTheDistinctDistancesAscending() {
        FacilityPlan plan = randomPlan(new Random(3), 5, 8);
        double[] radii = CoverTable.of(plan, plan.getServices().get(0)).radii();
        double[] sorted = radii.clone();
        Arrays.sort(sorted);
        assertThat(radii).containsExactly(sorted);
        assertThat(Arrays.stream(radii).distinct().count()).isEqualTo(radii.length);
    }
}
