package org.equiplan.facilities.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.exact.SitingWindow.Status;
import org.junit.jupiter.api.Test;

/**
 * The order of the windows: large ones first, their size following their outcomes; once they stall, every site's
 * small windows at each sweep size; a site's small windows due again exactly when a site they hold changes; and the
 * window of every open site first, each time the set of open sites changes.
 */
class WindowScheduleTest {

    private static final SitingModel MODEL = model();

    private static SitingModel model() {
        FacilityPlan plan = FacilityPlanBuilder.build(TestProblems.wideTight(new Random(5)));
        return SitingModel.of(plan, plan.getServices().get(0), SitingModel.Level.COST);
    }

    /** Every customer at site 0 (the schedule reads only which site each customer is at). */
    private static int[] plan() {
        return new int[MODEL.customerCount()];
    }

    /** Lets the large windows stall, then takes sweep picks until none is due, checking each size covers every site. */
    private static void sweepAll(WindowSchedule schedule, int[] siteOf, Random random) {
        for (int k = 0; k < WindowSchedule.STALL; k++) {
            WindowSchedule.Pick pick = schedule.next(siteOf, random);
            assertThat(pick.sweep()).isFalse();
            schedule.outcome(pick, Status.NO_BETTER);
        }
        for (int size : WindowSchedule.SWEEP_SIZES) {
            Set<Integer> seeds = new HashSet<>();
            for (int k = 0; k < MODEL.siteCount(); k++) {
                WindowSchedule.Pick pick = schedule.next(siteOf, random);
                assertThat(pick.sweep()).isTrue();
                assertThat(pick.sites())
                        .hasSize(size)
                        .startsWith(pick.sweepSeed())
                        .doesNotHaveDuplicates();
                seeds.add(pick.sweepSeed());
                schedule.outcome(pick, Status.NO_BETTER);
            }
            assertThat(seeds).hasSize(MODEL.siteCount());
        }
    }

    @Test
    void onceTheLargeWindowsStallEverySiteIsSweptAtEachSize() {
        WindowSchedule schedule = new WindowSchedule(MODEL, false);
        Random random = new Random(1);
        sweepAll(schedule, plan(), random);
        WindowSchedule.Pick large = schedule.next(plan(), random);
        assertThat(large.sweep()).isFalse();
        assertThat(large.sites())
                .hasSize(WindowSchedule.FIRST_WINDOW + WindowSchedule.STALL)
                .doesNotHaveDuplicates();
    }

    @Test
    void aChangedSiteMakesDueExactlyTheSmallWindowsHoldingIt() {
        WindowSchedule schedule = new WindowSchedule(MODEL, false);
        Random random = new Random(2);
        int[] siteOf = plan();
        sweepAll(schedule, siteOf, random);
        int[] moved = siteOf.clone();
        moved[0] = 13; // customer 0 leaves site 0 for site 13
        int[][] neighbours = WindowSchedule.neighbours(MODEL);
        int largest = WindowSchedule.SWEEP_SIZES[WindowSchedule.SWEEP_SIZES.length - 1];
        Set<Integer> expected = new HashSet<>();
        for (int seed = 0; seed < MODEL.siteCount(); seed++) {
            int[] window = IntStream.concat(
                            IntStream.of(seed), IntStream.of(neighbours[seed]).limit(largest - 1))
                    .toArray();
            if (IntStream.of(window).anyMatch(s -> s == 0 || s == 13)) {
                expected.add(seed);
            }
        }
        assertThat(expected).contains(0, 13).hasSizeLessThan(MODEL.siteCount());
        Set<Integer> swept = new HashSet<>();
        for (int size : WindowSchedule.SWEEP_SIZES) {
            for (int k = 0; k < expected.size(); k++) {
                WindowSchedule.Pick pick = schedule.next(moved, random);
                assertThat(pick.sweep()).isTrue();
                assertThat(pick.sites()).hasSize(size);
                swept.add(pick.sweepSeed());
                schedule.outcome(pick, Status.IMPROVED); // an improvement not applied: the plan stays `moved`
            }
        }
        assertThat(swept).isEqualTo(expected);
        assertThat(schedule.next(moved, random).sweep()).isFalse();
    }

    @Test
    void largeWindowsGrowWhenProvenShrinkWhenStoppedAndAnImprovementPutsTheSweepOff() {
        WindowSchedule schedule = new WindowSchedule(MODEL, false);
        Random random = new Random(3);
        int f = WindowSchedule.FIRST_WINDOW;
        int[] expectedSizes = {f, f + 1, f + 2, f + 1, f + 1, f + 2, f + 1};
        Status[] outcomes = {
            Status.NO_BETTER,
            Status.NO_BETTER,
            Status.STOPPED,
            Status.IMPROVED,
            Status.NO_BETTER,
            Status.STOPPED,
            Status.NO_BETTER
        };
        for (int k = 0; k < outcomes.length; k++) {
            WindowSchedule.Pick pick = schedule.next(plan(), random);
            assertThat(pick.sweep()).as("pick %d", k).isFalse();
            assertThat(pick.sites()).as("pick %d", k).hasSize(expectedSizes[k]);
            schedule.outcome(pick, outcomes[k]);
        }
        // The fourth large window since the improvement, then the sweep.
        WindowSchedule.Pick pick = schedule.next(plan(), random);
        assertThat(pick.sweep()).isFalse();
        assertThat(pick.sites()).hasSize(f + 2);
        schedule.outcome(pick, Status.NO_BETTER);
        assertThat(schedule.next(plan(), random).sweep()).isTrue();
    }

    @Test
    void theWindowOfEveryOpenSiteComesFirstEachTimeTheOpenSitesChange() {
        WindowSchedule schedule = new WindowSchedule(MODEL, true);
        Random random = new Random(4);
        int[] siteOf = plan();
        siteOf[1] = 7;
        siteOf[2] = 3;
        siteOf[3] = 7;
        WindowSchedule.Pick first = schedule.next(siteOf, random);
        assertThat(first.assignment()).isTrue();
        assertThat(first.sweep()).isFalse();
        assertThat(first.sites()).containsExactly(0, 3, 7);
        schedule.outcome(first, Status.STOPPED);
        int size = schedule.size();

        // Customers moved among the same open sites: not due again; the large windows carry on, their size unchanged.
        int[] shuffled = siteOf.clone();
        shuffled[1] = 3;
        shuffled[2] = 7;
        WindowSchedule.Pick next = schedule.next(shuffled, random);
        assertThat(next.assignment()).isFalse();
        assertThat(next.sites()).hasSize(size);
        schedule.outcome(next, Status.NO_BETTER);

        // A site closes (no customer left at 3) and another opens (12): due again, with the new set.
        int[] changed = shuffled.clone();
        changed[1] = 12;
        WindowSchedule.Pick again = schedule.next(changed, random);
        assertThat(again.assignment()).isTrue();
        assertThat(again.sites()).containsExactly(0, 7, 12);
        schedule.outcome(again, Status.IMPROVED);
        assertThat(schedule.next(changed, random).assignment()).isFalse();
    }

    @Test
    void afterTheAssignmentTheUnionWithTheEliteThenTheSetsStepEachOncePerSetOfOpenSites() {
        WindowSchedule schedule = new WindowSchedule(MODEL, true, true);
        Random random = new Random(6);
        int[] siteOf = plan();
        siteOf[1] = 7;
        int[] elite = plan();
        elite[1] = 9;
        elite[2] = 4;

        WindowSchedule.Pick assignment = schedule.next(siteOf, elite, random);
        assertThat(assignment.assignment()).isTrue();
        schedule.outcome(assignment, Status.NO_BETTER);
        WindowSchedule.Pick union = schedule.next(siteOf, elite, random);
        assertThat(union.union()).isTrue();
        assertThat(union.sites()).containsExactly(0, 4, 7, 9);
        schedule.outcome(union, Status.STOPPED);
        WindowSchedule.Pick sets = schedule.next(siteOf, elite, random);
        assertThat(sets.sets()).isTrue();
        assertThat(sets.sites()).containsExactly(0, 7);
        schedule.outcome(sets, Status.NO_BETTER);
        // All three done for these open sites and this elite: the large windows.
        assertThat(schedule.next(siteOf, elite, random).kind()).isEqualTo(WindowSchedule.Kind.LARGE);

        // The elite changes: a new union; the plan equal to the elite: none.
        elite[3] = 12;
        assertThat(schedule.next(siteOf, elite, random).sites()).containsExactly(0, 4, 7, 9, 12);
        schedule.outcome(schedule.next(siteOf, elite, random), Status.NO_BETTER);
        assertThat(schedule.next(siteOf, siteOf.clone(), random).kind()).isEqualTo(WindowSchedule.Kind.LARGE);

        // Another set of open sites: the assignment window, then the sets step again (the union is not wider).
        int[] moved = siteOf.clone();
        moved[2] = 5;
        WindowSchedule.Pick again = schedule.next(moved, moved, random);
        assertThat(again.assignment()).isTrue();
        schedule.outcome(again, Status.IMPROVED);
        WindowSchedule.Pick setsAgain = schedule.next(moved, moved, random);
        assertThat(setsAgain.sets()).isTrue();
        assertThat(setsAgain.sites()).containsExactly(0, 5, 7);
    }

    @Test
    void withoutTheSetsStepOrAnEliteNeitherKindComes() {
        WindowSchedule schedule = new WindowSchedule(MODEL, true);
        Random random = new Random(8);
        int[] siteOf = plan();
        siteOf[1] = 7;
        schedule.outcome(schedule.next(siteOf, null, random), Status.NO_BETTER);
        for (int k = 0; k < 10; k++) {
            WindowSchedule.Pick pick = schedule.next(siteOf, null, random);
            assertThat(pick.union() || pick.sets() || pick.assignment()).isFalse();
            schedule.outcome(pick, Status.NO_BETTER);
        }
    }
}
