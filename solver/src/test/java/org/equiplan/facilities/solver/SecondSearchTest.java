package org.equiplan.facilities.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.solve.SolveOptions;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.termination.TerminationConfig;

/** The second search on its own thread, and the incumbent both searches report through. */
class SecondSearchTest {

    /**
     * Under FULL_ASSERT (every move and undo checked against a score from scratch), the second search's phases (local
     * search, then windows) take a constructed plan of a small tight problem to the optimum found by enumeration, on
     * a thread of their own; every best it reports is better than the one before, and it keeps the core from a second
     * window.
     */
    @Test
    void reachesTheEnumeratedOptimumFromTheConstruction() throws InterruptedException {
        Random r = new Random(41);
        int solved = 0;
        for (int instance = 0; solved < 4 && instance < 100; instance++) {
            FacilityPlan root = Construction.of(FacilityPlanBuilder.build(TestProblems.smallTight(r, false)));
            if (!WindowMoveFactory.appliesTo(root)) {
                continue;
            }
            SitingModel model = SitingModel.of(root, root.getServices().get(0), SitingModel.Level.COST);
            int[] optimal = WindowSearchTest.optimalPlan(model);
            String target = optimal == null
                    ? null
                    : HardMediumSoftLongScore.of(0, 0, -model.objective(optimal))
                            .toString();
            if (target == null || root.getScore().toString().equals(target)) {
                continue; // nothing fits, or nothing to improve on
            }
            long deadline = System.currentTimeMillis() + 60_000;
            SolveOptions options = new SolveOptions(60, null, null, instance);
            List<HardMediumSoftLongScore> reported = new ArrayList<>();
            CountDownLatch reached = new CountDownLatch(1);
            SecondSearch.Incumbent incumbent = new SecondSearch.Incumbent((score, plan) -> {
                reported.add(score);
                if (score.toString().equals(target)) {
                    reached.countDown();
                }
            });
            SecondSearch second = new SecondSearch(
                    left -> FacilitySolver.secondSearchConfig(options, 100, left, deadline)
                            .withEnvironmentMode(EnvironmentMode.FULL_ASSERT)
                            .withTerminationConfig(new TerminationConfig()
                                    .withBestScoreLimit(target)
                                    .withSpentLimit(Duration.ofMillis(left))),
                    deadline,
                    incumbent::offer);

            second.start(root);
            assertThat(root.getHints().secondSearch()).isTrue();
            assertThat(WindowMoveFactory.spareCore(root)).isFalse();
            assertThat(reached.await(60, TimeUnit.SECONDS))
                    .as("instance %d", instance)
                    .isTrue();
            FacilityPlan best = second.finish();

            assertThat(best.getScore()).as("instance %d", instance).hasToString(target);
            for (int i = 1; i < reported.size(); i++) {
                assertThat(reported.get(i)).isGreaterThan(reported.get(i - 1));
            }
            assertThat(second.scoreCalculations()).isPositive();
            solved++;
        }
        assertThat(solved).isEqualTo(4);
    }

    @Test
    void incumbentReportsOnlyPlansBetterThanBothSearchesHaveFound() {
        List<Long> reported = new ArrayList<>();
        SecondSearch.Incumbent incumbent = new SecondSearch.Incumbent((score, plan) -> reported.add(score.softScore()));
        for (long soft : new long[] {-10, -12, -10, -8, -9, -3}) {
            incumbent.offer(HardMediumSoftLongScore.of(0, 0, soft), null);
        }
        incumbent.offer(HardMediumSoftLongScore.of(-1, 0, 0), null); // infeasible: worse whatever its cost

        assertThat(reported).containsExactly(-10L, -8L, -3L);
    }

    @Test
    void aSecondSearchNeverStartsOnceTheSolveHasEnded() {
        FacilityPlan root = Construction.of(FacilityPlanBuilder.build(TestProblems.smallTight(new Random(5), false)));
        SolveOptions options = new SolveOptions(10, null, null, 1);
        long deadline = System.currentTimeMillis() + 10_000;
        SecondSearch second = new SecondSearch(
                left -> FacilitySolver.secondSearchConfig(options, 100, left, deadline), deadline, (s, p) -> {});

        assertThat(second.finish()).isNull();
        second.start(root);

        assertThat(root.getHints().secondSearch()).isFalse();
        assertThat(second.finish()).isNull();
    }

    @Test
    void tooLittleTimeLeftStartsNoSecondSearch() {
        FacilityPlan root = Construction.of(FacilityPlanBuilder.build(TestProblems.smallTight(new Random(6), false)));
        SolveOptions options = new SolveOptions(1, null, null, 1);
        long deadline = System.currentTimeMillis() + SecondSearch.MIN_MILLIS / 2;
        SecondSearch second = new SecondSearch(
                left -> FacilitySolver.secondSearchConfig(options, 100, left, deadline), deadline, (s, p) -> {});

        second.start(root);

        assertThat(root.getHints().secondSearch()).isFalse();
        assertThat(second.finish()).isNull();
    }
}
