package org.equiplan.facilities.bound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.FacilityProblem.TravelStandardPenalty;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.importers.OrLibrary;
import org.equiplan.facilities.solver.FacilitySolver;
import org.equiplan.solve.SolveOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reduced-cost fixing against plans found without it: a site ruled out must be closed in every plan cheaper than
 * the upper bound given, checked by enumerating every set of p sites of small random p-median problems.
 */
class ReducedCostFixingTest {

    /** The cheapest p-median cost over the sets of p sites that contain site {@code must} (-1: any set). */
    private static long cheapest(SitingModel model, int p, int must) {
        long best = Long.MAX_VALUE;
        for (int mask = 0; mask < 1 << model.sites; mask++) {
            if (Integer.bitCount(mask) != p || must >= 0 && (mask >> must & 1) == 0) {
                continue;
            }
            long total = 0;
            for (int j = 0; j < model.customers; j++) {
                long least = Long.MAX_VALUE;
                for (int k = 0; k < model.allowed[j].length; k++) {
                    if ((mask >> model.allowed[j][k] & 1) == 1) {
                        least = Math.min(least, model.cost[j][k]);
                    }
                }
                total += least;
            }
            best = Math.min(best, total);
        }
        return best;
    }

    @Test
    void aSiteRuledOutIsClosedInEveryCheaperPlan() {
        Random r = new Random(17);
        int ruledOut = 0;
        for (int run = 0; run < 40; run++) {
            int sites = 6 + r.nextInt(6);
            int p = 1 + r.nextInt(3);
            TestProblems.Builder b =
                    TestProblems.builder().service("s", null, 1.0).region("r", true);
            for (int j = 0; j < 10 + r.nextInt(10); j++) {
                b.demand("d" + j, "r", r.nextInt(30), r.nextInt(30), "s", 1 + r.nextInt(6));
            }
            for (int i = 0; i < sites; i++) {
                b.site("x" + i, "s", r.nextInt(30), r.nextInt(30), null, 0, SiteState.CANDIDATE);
            }
            FacilityPlan plan =
                    FacilityPlanBuilder.build(b.open("s", null, null, p).problem());
            SitingModel model = SitingModel.of(plan, plan.getServices().get(0), SitingModel.Level.COST);
            long optimum = cheapest(model, p, -1);
            // Upper bounds at the optimum and a little above it, as the search's plans are.
            for (long upper : new long[] {optimum, optimum + 1 + optimum / 50}) {
                LagrangianRelaxation.Result root = new LagrangianRelaxation(model).run(upper, 3000, () -> false);
                boolean[] closed = ReducedCostFixing.closedForGood(model, root, upper);
                assertThat(closed).isNotNull();
                for (int i = 0; i < sites; i++) {
                    if (closed[i]) {
                        ruledOut++;
                        assertThat(cheapest(model, p, i))
                                .as("run %d site %d", run, i)
                                .isGreaterThanOrEqualTo(upper);
                    }
                }
            }
        }
        assertThat(ruledOut).isPositive(); // the test would pass vacuously otherwise
    }

    /**
     * The solve fixes sites only where cost is the whole objective: with a travel standard (maximal covering) a site
     * dear in cost may be the one that covers (fixing it on cost left San Francisco's p = 1 covering 19% short).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theSolveFixesSitesOnlyWithoutATravelStandard(boolean standard) {
        Random r = new Random(3);
        TestProblems.Builder b =
                TestProblems.builder().service("s", standard ? 8.0 : null, 1.0).region("r", true);
        for (int j = 0; j < 40; j++) {
            b.demand("d" + j, "r", r.nextInt(30), r.nextInt(30), "s", 1 + r.nextInt(6));
        }
        for (int i = 0; i < 20; i++) {
            b.site("x" + i, "s", r.nextInt(30), r.nextInt(30), null, 0, SiteState.CANDIDATE);
        }
        if (standard) {
            b.travelStandardPenalty(TravelStandardPenalty.UNCOVERED_DEMAND);
        }
        FacilityPlan plan = FacilityPlanBuilder.build(b.open("s", null, null, 3).problem());
        FacilityPlan best = FacilitySolver.solve(plan, new SolveOptions(1, null, null, 0), p -> {});
        boolean[][] closed = best.getHints().closedForGood();
        assertThat(closed).isNotNull();
        if (standard) {
            assertThat(closed[0]).isNull();
        } else {
            assertThat(closed[0]).isNotNull().contains(true);
        }
    }

    @Test
    void onPmed1AtItsOptimumMostSitesAreRuledOut() throws Exception {
        FacilityPlan plan = FacilityPlanBuilder.build(
                OrLibrary.pMedian(Files.readString(Path.of("../data/orlib/pmed1.txt")), "pmed1"));
        SitingModel model = SitingModel.of(plan, plan.getServices().get(0), SitingModel.Level.COST);
        long optimum = 5819; // published, data/orlib/pmedopt.txt
        LagrangianRelaxation.Result root = new LagrangianRelaxation(model).run(optimum + 10, 3000, () -> false);
        boolean[] closed = ReducedCostFixing.closedForGood(model, root, optimum + 10);
        int count = 0;
        for (boolean c : closed) {
            count += c ? 1 : 0;
        }
        // 100 sites, p = 5: the relaxation is within 1% there, so nearly every site is priced out.
        assertThat(count).isGreaterThan(50).isLessThanOrEqualTo(95);
    }
}
