package org.equiplan.facilities.exact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.domain.FacilityPlan;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A window's solve ends when its stop signal says so, with either engine: a solve of several seconds (the second
 * search's first assignment) must not hold back a stopped solve.
 */
class SitingWindowStopTest {

    /** A stop asked before the solve: nothing is searched, the plan stays as it was, though a better one exists. */
    @ParameterizedTest
    @EnumSource(SitingWindow.Engine.class)
    void aStopBeforeTheSolveLeavesThePlanAsItWas(SitingWindow.Engine engine) {
        SitingModel model = model(new Random(5), 12, 60);
        int[] start = start(model);
        int[] window = IntStream.range(0, model.siteCount()).toArray();
        SitingWindow.Side side = SitingWindow.Side.free(window.length);

        SitingWindow.Result free = SitingWindow.solve(model, start, window, side, 10, 1, engine, () -> false);
        SitingWindow.Result stopped = SitingWindow.solve(model, start, window, side, 10, 1, engine, () -> true);

        assertThat(free.status()).isEqualTo(SitingWindow.Status.IMPROVED); // there was something to find
        assertThat(stopped.status()).isEqualTo(SitingWindow.Status.STOPPED);
        assertThat(stopped.proven()).isFalse();
        assertThat(stopped.siteOf()).containsExactly(start);
    }

    /**
     * A stop asked while the engine runs (after the signal was first read and polled once): the solve returns
     * unproven with a plan that keeps every capacity and costs no more than the start, long before its limit of ten
     * minutes (the timeout only guards the build against a solve that does not stop).
     */
    @ParameterizedTest
    @EnumSource(SitingWindow.Engine.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aStopDuringTheSolveEndsItWithThePlanSoFar(SitingWindow.Engine engine) {
        SitingModel model = model(new Random(9), 50, 600);
        int[] start = start(model);
        int[] window = IntStream.range(0, model.siteCount()).toArray();
        AtomicInteger asked = new AtomicInteger();

        SitingWindow.Result result = SitingWindow.solve(
                model,
                start,
                window,
                SitingWindow.Side.free(window.length),
                600,
                1,
                engine,
                () -> asked.incrementAndGet() > 3);

        assertThat(asked.get()).isGreaterThan(3);
        assertThat(result.proven()).isFalse();
        assertThat(java.util.Arrays.stream(overload(model, result.siteOf()))
                        .max()
                        .getAsLong())
                .isLessThanOrEqualTo(0);
        assertThat(model.objective(result.siteOf())).isLessThanOrEqualTo(model.objective(start));
    }

    /** Tight random single-source problem: capacities 1.4 x demand in all, fixed costs that make sites count. */
    private static SitingModel model(Random r, int sites, int customers) {
        TestProblems.Builder b = TestProblems.builder();
        b.service("s", null, 1);
        b.region("all", true);
        long total = 0;
        for (int j = 0; j < customers; j++) {
            int amount = 5 + r.nextInt(31);
            total += amount;
            b.demand("d" + j, "all", r.nextInt(1000), r.nextInt(1000), "s", amount);
        }
        for (int i = 0; i < sites; i++) {
            double capacity = Math.round(total * 1.4 / sites * (0.6 + 0.8 * r.nextDouble()));
            b.site(
                    "x" + i,
                    "s",
                    r.nextInt(1000),
                    r.nextInt(1000),
                    capacity,
                    2000 + r.nextInt(4000),
                    org.equiplan.facilities.FacilityProblem.SiteState.CANDIDATE);
        }
        FacilityPlan plan = FacilityPlanBuilder.build(b.problem());
        return SitingModel.of(plan, plan.getServices().get(0), SitingModel.Level.COST);
    }

    /** A first-fit plan (the same as {@link SitingWindowTest}'s windows start from); these models have room for one. */
    private static int[] start(SitingModel model) {
        int[] start = SitingWindowTest.firstFit(model);
        assertThat(start).as("a first-fit plan").isNotNull();
        return start;
    }

    /** Load minus capacity per site (positive: overloaded). */
    private static long[] overload(SitingModel m, int[] siteOf) {
        long[] over = new long[m.siteCount()];
        for (int i = 0; i < over.length; i++) {
            over[i] = -m.capacity(i);
        }
        for (int j = 0; j < siteOf.length; j++) {
            over[siteOf[j]] += m.demand(j);
        }
        return over;
    }
}
