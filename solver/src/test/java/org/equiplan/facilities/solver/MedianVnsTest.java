package org.equiplan.facilities.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.bound.FacilityBound;
import org.equiplan.facilities.bound.ReducedCostFixing;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;
import org.equiplan.facilities.importers.OrLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;

/**
 * The p-median search against optima known independently: every open set enumerated on small random instances
 * (opening costs, sites some demands may not use, sites that must stay open), and OR-Library's published optima
 * where single interchanges under late acceptance stalled above them.
 */
class MedianVnsTest {

    /** A random instance: per demand its allowed sites (at least two) and values, opening costs, forced sites. */
    private record Instance(int m, int p, int[][] sites, double[][] values, double[] fixed, boolean[] forced) {}

    private static Instance random(long seed) {
        Random random = new Random(seed);
        int m = 8 + random.nextInt(5);
        int n = 15 + random.nextInt(20);
        int p = 2 + random.nextInt(3);
        double[] x = new double[m + n];
        double[] y = new double[m + n];
        for (int k = 0; k < m + n; k++) {
            x[k] = random.nextInt(100);
            y[k] = random.nextInt(100);
        }
        int[][] sites = new int[n][];
        double[][] values = new double[n][];
        for (int j = 0; j < n; j++) {
            List<Integer> allowed = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                if (random.nextInt(4) > 0) {
                    allowed.add(i);
                }
            }
            while (allowed.size() < m - 1) {
                int i = random.nextInt(m);
                if (!allowed.contains(i)) {
                    allowed.add(i);
                }
            }
            sites[j] = allowed.stream().mapToInt(Integer::intValue).toArray();
            values[j] = new double[sites[j].length];
            long amount = 1 + random.nextInt(9);
            for (int q = 0; q < sites[j].length; q++) {
                int i = sites[j][q];
                values[j][q] = amount * Math.round(Math.hypot(x[i] - x[m + j], y[i] - y[m + j]));
            }
        }
        double[] fixed = new double[m];
        boolean[] forced = new boolean[m];
        for (int i = 0; i < m; i++) {
            fixed[i] = random.nextBoolean() ? 0 : random.nextInt(200);
        }
        forced[random.nextInt(m)] = random.nextInt(3) == 0;
        return new Instance(m, p, sites, values, fixed, forced);
    }

    /** The least cost over every set of p sites holding the forced ones and serving every demand. */
    private static double enumerated(Instance in) {
        double best = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < 1 << in.m(); mask++) {
            if (Integer.bitCount(mask) != in.p() || !holdsForced(in, mask)) {
                continue;
            }
            double cost = 0;
            for (int i = 0; i < in.m(); i++) {
                cost += (mask & 1 << i) != 0 ? in.fixed()[i] : 0;
            }
            for (int j = 0; j < in.sites().length && cost < Double.POSITIVE_INFINITY; j++) {
                double nearest = Double.POSITIVE_INFINITY;
                for (int q = 0; q < in.sites()[j].length; q++) {
                    if ((mask & 1 << in.sites()[j][q]) != 0) {
                        nearest = Math.min(nearest, in.values()[j][q]);
                    }
                }
                cost += nearest;
            }
            best = Math.min(best, cost);
        }
        return best;
    }

    private static boolean holdsForced(Instance in, int mask) {
        for (int i = 0; i < in.m(); i++) {
            if (in.forced()[i] && (mask & 1 << i) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The forced sites, then the first others, up to p: a start that serves everyone (each demand has m-1 sites). */
    private static boolean[] start(Instance in) {
        boolean[] open = in.forced().clone();
        int count = 0;
        for (boolean f : open) {
            count += f ? 1 : 0;
        }
        for (int i = in.m() - 1; i >= 0 && count < in.p(); i--) {
            if (!open[i]) {
                open[i] = true;
                count++;
            }
        }
        return open;
    }

    @Test
    void reachesTheEnumeratedOptimumOnRandomInstances() {
        for (long seed = 1; seed <= 40; seed++) {
            Instance in = random(seed);
            MedianVns vns = new MedianVns(
                    in.m(),
                    in.sites(),
                    in.values(),
                    in.fixed(),
                    in.forced(),
                    new boolean[in.m()],
                    null,
                    start(in),
                    seed);
            long[] rounds = {0};
            while (vns.improve(() -> ++rounds[0] > 2_000)) {}
            double optimum = enumerated(in);
            assertThat(vns.bestCost()).as("instance %d", seed).isEqualTo(optimum);
            boolean[] open = vns.bestOpen();
            assertThat(count(open)).isEqualTo(in.p());
            for (int i = 0; i < in.m(); i++) {
                assertThat(!in.forced()[i] || open[i])
                        .as("forced site %d open", i)
                        .isTrue();
            }
        }
    }

    private static int count(boolean[] open) {
        int c = 0;
        for (boolean o : open) {
            c += o ? 1 : 0;
        }
        return c;
    }

    @Test
    void descentAloneStopsAtALocalOptimumOfSingleInterchanges() {
        // The descent the constructor runs cannot be improved by any one interchange: checked by trying them all.
        Instance in = random(7);
        MedianVns vns = new MedianVns(
                in.m(), in.sites(), in.values(), in.fixed(), in.forced(), new boolean[in.m()], null, start(in), 7);
        boolean[] open = vns.bestOpen();
        int mask = 0;
        for (int i = 0; i < in.m(); i++) {
            mask |= open[i] ? 1 << i : 0;
        }
        assertThat(costOf(in, mask)).isEqualTo(vns.bestCost());
        for (int out = 0; out < in.m(); out++) {
            for (int inSite = 0; inSite < in.m(); inSite++) {
                if (open[out] && !open[inSite] && !in.forced()[out]) {
                    assertThat(costOf(in, mask & ~(1 << out) | 1 << inSite)).isGreaterThanOrEqualTo(vns.bestCost());
                }
            }
        }
    }

    private static double costOf(Instance in, int mask) {
        double cost = 0;
        for (int i = 0; i < in.m(); i++) {
            cost += (mask & 1 << i) != 0 ? in.fixed()[i] : 0;
        }
        for (int j = 0; j < in.sites().length; j++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int q = 0; q < in.sites()[j].length; q++) {
                if ((mask & 1 << in.sites()[j][q]) != 0) {
                    nearest = Math.min(nearest, in.values()[j][q]);
                }
            }
            cost += nearest;
        }
        return cost;
    }

    /**
     * pmed17, pmed34 and pmed40: late acceptance over single interchanges ended above the published optimum at 30 s
     * in some runs (benchmark/results/issue9-pcenter-2026-11-29), and the search without the Lagrangian floors did
     * not reach pmed34 and pmed40 in 15 s from the first p vertices. From there, with the floors, a fixed number of
     * rounds.
     */
    @ParameterizedTest
    @CsvSource({"pmed17, 6999, 2000", "pmed34, 3013, 4000", "pmed40, 5128, 4000"})
    void reachesThePublishedOptimumFromAnArbitraryStart(String name, long optimum, long maxRounds) throws Exception {
        FacilityProblem problem = OrLibrary.pMedian(Files.readString(Path.of("../data/orlib/" + name + ".txt")), name);
        FacilityPlan plan = FacilityPlanBuilder.build(problem);
        Service service = plan.getServices().get(0);
        FacilityBound.Computed bound = FacilityBound.compute(plan, () -> false);
        double[] floors = ReducedCostFixing.openFloors(bound.costModels()[0], bound.cost()[0]);
        assertThat(floors).isNotNull();
        boolean[] open = new boolean[plan.getSiteTable().of(service).size()];
        Arrays.fill(open, 0, service.getMaxOpen(), true);
        plan.getHints().setOpenFloor(new double[][] {floors});
        MedianVns vns = MedianSearch.vns(plan, service, plan.getAssignments(), open, 0);
        while (vns.bestCost() > optimum && vns.improve(() -> vns.rounds() > maxRounds)) {}
        assertThat(vns.bestCost()).isEqualTo(optimum);
        assertThat(count(vns.bestOpen())).isEqualTo(service.getMaxOpen());
    }

    /**
     * The phase under FULL_ASSERT (the score recomputed from scratch after every step): after the construction
     * alone, without the bound's floors, it must put in a plan at the enumerated optimum of the whole score.
     */
    @Test
    void phaseReachesTheEnumeratedOptimumUnderFullAssert() {
        TestProblems.Builder b =
                TestProblems.builder().service("clinic", null, 1.0).region("r", true);
        Random random = new Random(11);
        for (int j = 0; j < 40; j++) {
            b.demand("v" + j, "r", random.nextInt(60), random.nextInt(60), "clinic", 1 + random.nextInt(9));
        }
        for (int i = 0; i < 18; i++) {
            b.site(
                    "s" + i,
                    "clinic",
                    random.nextInt(60),
                    random.nextInt(60),
                    null,
                    random.nextInt(3) * 5,
                    SiteState.CANDIDATE);
        }
        FacilityPlan plan =
                FacilityPlanBuilder.build(b.open("clinic", null, null, 5).problem());
        SolverConfig config = FacilitySolver.scoringConfig()
                .withEnvironmentMode(EnvironmentMode.FULL_ASSERT)
                .withPhases(
                        new CustomPhaseConfig().withCustomPhaseCommandClassList(List.of(GreedyOpening.class)),
                        new MedianSearch(0, 60_000, () -> false).phase());
        FacilityPlan best =
                SolverFactory.<FacilityPlan>create(config).buildSolver().solve(plan);
        assertThat(best.getScore().isFeasible()).isTrue();
        assertThat(-best.getScore().softScore()).isEqualTo(enumeratedSoft(best));
    }

    /** The least opening plus assignment cost over every set of five sites, each demand at its cheapest. */
    private static long enumeratedSoft(FacilityPlan plan) {
        List<Site> sites = plan.getSites();
        long best = Long.MAX_VALUE;
        for (int mask = 0; mask < 1 << sites.size(); mask++) {
            if (Integer.bitCount(mask) != 5) {
                continue;
            }
            long cost = 0;
            for (int i = 0; i < sites.size(); i++) {
                cost += (mask & 1 << i) != 0 ? sites.get(i).getOpeningCostScaled() : 0;
            }
            for (Assignment a : plan.getAssignments()) {
                long nearest = Long.MAX_VALUE;
                for (int i = 0; i < sites.size(); i++) {
                    if ((mask & 1 << i) != 0) {
                        nearest = Math.min(nearest, a.costAt(sites.get(i)));
                    }
                }
                cost += nearest;
            }
            best = Math.min(best, cost);
        }
        return best;
    }
}
