package org.equiplan.facilities.exact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.domain.FacilityPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An exact window against enumeration on small single-source problems with tight capacities: its plan is the
 * cheapest of every plan the window allows (customers of the window's sites anywhere in it or in the spare room of
 * a site open outside, others staying or moving in, each only to one of its {@code OPTION_DEPTH} cheapest sites),
 * it keeps capacities and the open-count and budget limits, and it moves no customer from one site outside to another;
 * the same with either engine, CP-SAT or SCIP.
 */
class SitingWindowTest {

    private static SitingModel random(Random r, boolean required) {
        FacilityPlan plan = FacilityPlanBuilder.build(TestProblems.smallTight(r, required));
        return SitingModel.of(plan, plan.getServices().get(0), SitingModel.Level.COST);
    }

    /** Cost of a plan (a site per customer), or Long.MAX_VALUE when it overloads a site. */
    private static long costOf(SitingModel m, int[] siteOf) {
        long[] load = new long[m.siteCount()];
        for (int j = 0; j < siteOf.length; j++) {
            load[siteOf[j]] += m.demand(j);
        }
        for (int i = 0; i < m.siteCount(); i++) {
            if (load[i] > m.capacity(i)) {
                return Long.MAX_VALUE;
            }
        }
        return m.objective(siteOf);
    }

    private static int openCount(SitingModel m, int[] siteOf, int[] window) {
        boolean[] open = new boolean[m.siteCount()];
        for (int i = 0; i < m.siteCount(); i++) {
            open[i] = m.alwaysOpen(i);
        }
        for (int i : siteOf) {
            open[i] = true;
        }
        int n = 0;
        for (int i : window) {
            n += open[i] ? 1 : 0;
        }
        return n;
    }

    /**
     * Every plan the window allows from {@code start}, by enumeration: the cheapest feasible one with at most
     * {@code maxOpen} of the window's sites open, or Long.MAX_VALUE.
     */
    private static long bestInWindow(SitingModel m, int[] start, int[] window, int maxOpen) {
        boolean[] in = new boolean[m.siteCount()];
        for (int i : window) {
            in[i] = true;
        }
        int n = start.length;
        // Spare room at the sites open outside the window, before anything moves.
        long[] room = new long[m.siteCount()];
        boolean[] openOutside = new boolean[m.siteCount()];
        for (int i = 0; i < room.length; i++) {
            room[i] = m.capacity(i);
            openOutside[i] = !in[i] && m.alwaysOpen(i);
        }
        for (int j = 0; j < n; j++) {
            room[start[j]] -= m.demand(j);
            openOutside[start[j]] |= !in[start[j]];
        }
        int[][] options = new int[n][];
        for (int j = 0; j < n; j++) {
            int j0 = j;
            long now = m.costAt(j, start[j]);
            long dearest = m.rankedCost(j, SitingWindow.OPTION_DEPTH - 1);
            options[j] = in[start[j]]
                    ? Arrays.stream(m.allowedSites(j))
                            .filter(i -> i == start[j0] || m.costAt(j0, i) <= dearest)
                            .filter(i -> in[i] || (openOutside[i] && room[i] >= m.demand(j0)))
                            .toArray()
                    : java.util.stream.IntStream.concat(
                                    java.util.stream.IntStream.of(start[j]),
                                    Arrays.stream(m.allowedSites(j))
                                            .filter(i -> in[i] && m.costAt(j0, i) < now && m.costAt(j0, i) <= dearest))
                            .toArray();
        }
        int[] choice = new int[n];
        long best = Long.MAX_VALUE;
        while (true) {
            int[] siteOf = new int[n];
            for (int j = 0; j < n; j++) {
                siteOf[j] = options[j][choice[j]];
            }
            // Customers of the window use at most the room the sites outside had.
            long[] used = new long[m.siteCount()];
            boolean fits = true;
            for (int j = 0; j < n; j++) {
                if (in[start[j]] && !in[siteOf[j]]) {
                    used[siteOf[j]] += m.demand(j);
                    fits &= used[siteOf[j]] <= room[siteOf[j]];
                }
            }
            if (fits && openCount(m, siteOf, window) <= maxOpen) {
                best = Math.min(best, costOf(m, siteOf));
            }
            int j = 0;
            while (j < n && ++choice[j] == options[j].length) {
                choice[j++] = 0;
            }
            if (j == n) {
                return best;
            }
        }
    }

    /** A feasible start: every customer at its nearest site that still has room, in order (null if none fits). */
    static int[] firstFit(SitingModel m) {
        long[] room = new long[m.siteCount()];
        for (int i = 0; i < room.length; i++) {
            room[i] = m.capacity(i);
        }
        int[] siteOf = new int[m.customerCount()];
        for (int j = 0; j < siteOf.length; j++) {
            siteOf[j] = -1;
            for (int i : m.allowedSites(j)) {
                if (room[i] >= m.demand(j)) {
                    room[i] -= m.demand(j);
                    siteOf[j] = i;
                    break;
                }
            }
            if (siteOf[j] < 0) {
                return null;
            }
        }
        return siteOf;
    }

    @Test
    void scipIsInThisBuildOfOrTools() {
        // Else the MIP engine's tests below would test CP-SAT twice.
        assertThat(MipModel.available()).isTrue();
    }

    /** Solves of several jobs may run SCIP at once: each on two threads proves the same optimum as alone. */
    @Test
    void scipSolvesOnTwoThreadsAtOnceAgreeWithSolvesAlone() throws Exception {
        Random r = new Random(23);
        List<SitingModel> models = new ArrayList<>();
        List<int[]> starts = new ArrayList<>();
        while (models.size() < 12) {
            SitingModel m = random(r, false);
            int[] start = firstFit(m);
            if (start != null) {
                models.add(m);
                starts.add(start);
            }
        }
        java.util.function.IntFunction<SitingWindow.Result> solve = k -> {
            int[] window = java.util.stream.IntStream.range(0, models.get(k).siteCount())
                    .toArray();
            return SitingWindow.solve(
                    models.get(k),
                    starts.get(k),
                    window,
                    SitingWindow.Side.free(window.length),
                    10,
                    1,
                    SitingWindow.Engine.MIP);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<SitingWindow.Result>> together = new ArrayList<>();
            for (int k = 0; k < models.size(); k++) {
                int index = k;
                together.add(pool.submit(() -> solve.apply(index)));
            }
            for (int k = 0; k < models.size(); k++) {
                SitingWindow.Result alone = solve.apply(k);
                SitingWindow.Result both = together.get(k).get();
                assertThat(both.proven()).as("model %d", k).isTrue();
                assertThat(costOf(models.get(k), both.siteOf()))
                        .as("model %d", k)
                        .isEqualTo(costOf(models.get(k), alone.siteOf()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(SitingWindow.Engine.class)
    void aWindowFindsTheCheapestPlanItAllowsAndLeavesTheRestAlone(SitingWindow.Engine engine) {
        int improved =
                checkAgainstEnumeration(new Random(17), 40, (r, instance) -> random(r, instance % 3 == 0), engine);
        assertThat(improved).isGreaterThan(10);
    }

    /** More sites than a customer may choose among: the window keeps to its cheapest ones and is exact there. */
    @ParameterizedTest
    @EnumSource(SitingWindow.Engine.class)
    void withManySitesEachCustomerMovesOnlyAmongItsCheapestSites(SitingWindow.Engine engine) {
        assertThat(TestProblems.wideTight(new Random(1)).sites()).hasSizeGreaterThan(SitingWindow.OPTION_DEPTH);
        int improved = checkAgainstEnumeration(
                new Random(3),
                12,
                (r, instance) -> {
                    FacilityPlan plan = FacilityPlanBuilder.build(TestProblems.wideTight(r));
                    return SitingModel.of(plan, plan.getServices().get(0), SitingModel.Level.COST);
                },
                engine);
        assertThat(improved).isGreaterThan(3);
    }

    /**
     * Solves {@code count} windows (the whole plan or a random part of it, from a first-fit plan) of the models
     * {@code models} makes and checks each against enumeration; returns how many improved their start.
     */
    private static int checkAgainstEnumeration(
            Random r,
            int count,
            java.util.function.BiFunction<Random, Integer, SitingModel> models,
            SitingWindow.Engine engine) {
        assertThat(CpSat.available()).isTrue();
        int checked = 0;
        int improved = 0;
        for (int instance = 0; checked < count && instance < 10 * count; instance++) {
            SitingModel m = models.apply(r, instance);
            int[] start = firstFit(m);
            if (start == null) {
                continue;
            }
            int sites = m.siteCount();
            // The whole plan as a window, or a random part of it; sometimes a cap on the window's open sites.
            int[] window = instance % 2 == 0
                    ? java.util.stream.IntStream.range(0, sites).toArray()
                    : java.util.stream.IntStream.range(0, sites)
                            .filter(i -> r.nextBoolean())
                            .toArray();
            if (window.length == 0) {
                continue;
            }
            int maxOpen = instance % 4 == 1 ? Math.max(openCount(m, start, window), 1) : window.length;
            long best = bestInWindow(m, start, window, maxOpen);
            SitingWindow.Side side = new SitingWindow.Side(0, maxOpen, new long[window.length], Long.MAX_VALUE);
            SitingWindow.Result result = SitingWindow.solve(m, start, window, side, 10, 1, engine);
            checked++;

            long before = costOf(m, start);
            long after = costOf(m, result.siteOf());
            assertThat(result.status()).as("instance %d", instance).isNotEqualTo(SitingWindow.Status.STOPPED);
            assertThat(result.proven()).as("instance %d", instance).isTrue();
            assertThat(after).as("instance %d", instance).isEqualTo(best);
            // A site outside may lose its last customer to the window and close: the plan saves at least what the
            // window counted.
            assertThat(before - after)
                    .as("instance %d", instance)
                    .isGreaterThanOrEqualTo(result.before() - result.after());
            assertThat(openCount(m, result.siteOf(), window)).isLessThanOrEqualTo(maxOpen);
            boolean[] in = new boolean[sites];
            for (int i : window) {
                in[i] = true;
            }
            for (int j = 0; j < start.length; j++) {
                if (!in[start[j]] && !in[result.siteOf()[j]]) {
                    assertThat(result.siteOf()[j])
                            .as("a customer outside stays")
                            .isEqualTo(start[j]);
                }
            }
            for (int j = 0; j < start.length; j++) {
                if (result.siteOf()[j] != start[j]) {
                    assertThat(m.costAt(j, result.siteOf()[j]))
                            .as("a customer moves only to one of its cheapest sites")
                            .isLessThanOrEqualTo(m.rankedCost(j, SitingWindow.OPTION_DEPTH - 1));
                }
            }
            if (result.status() == SitingWindow.Status.IMPROVED) {
                improved++;
                assertThat(after).isLessThan(before);
            } else {
                assertThat(result.siteOf()).isEqualTo(start);
            }
        }
        assertThat(checked).isEqualTo(count);
        return improved;
    }

    @ParameterizedTest
    @EnumSource(SitingWindow.Engine.class)
    void theCapitalBudgetBindsInsideTheWindow(SitingWindow.Engine engine) {
        Random r = new Random(5);
        int bound = 0;
        for (int instance = 0; instance < 100 && bound < 10; instance++) {
            SitingModel m = random(r, false);
            int[] start = firstFit(m);
            if (start == null) {
                continue;
            }
            int[] window = java.util.stream.IntStream.range(0, m.siteCount()).toArray();
            // Capital: each site's opening cost; the budget is what the start spends, so no plan may open more.
            long[] capital = new long[window.length];
            boolean[] openNow = new boolean[window.length];
            for (int j : start) {
                openNow[j] = true;
            }
            long spent = 0;
            for (int i = 0; i < window.length; i++) {
                capital[i] = m.fixedCost(i);
                spent += openNow[i] ? capital[i] : 0;
            }
            SitingWindow.Result result = SitingWindow.solve(
                    m, start, window, new SitingWindow.Side(0, window.length, capital, spent), 10, 1, engine);
            boolean[] openAfter = new boolean[window.length];
            for (int j : result.siteOf()) {
                openAfter[j] = true;
            }
            long spentAfter = 0;
            for (int i = 0; i < window.length; i++) {
                spentAfter += openAfter[i] ? capital[i] : 0;
            }
            assertThat(spentAfter).isLessThanOrEqualTo(spent);
            assertThat(costOf(m, result.siteOf())).isLessThanOrEqualTo(costOf(m, start));
            bound++;
        }
        assertThat(bound).isEqualTo(10);
    }
}
