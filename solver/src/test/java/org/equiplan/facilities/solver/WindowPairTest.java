package org.equiplan.facilities.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.exact.SitingWindow;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;

/**
 * Two windows solved from the same plan, as the window search does while a core is free: where their changes touch
 * no common site the step takes both, and then the plan fits every capacity and saves exactly what the two saved
 * apart; otherwise (or with an open-count limit) it takes the one that saves more.
 */
class WindowPairTest {

    /** Twelve sites, forty customers, capacity 1.3 to 1.6 times demand: Holmberg's shape, small. */
    private static FacilityPlan tight(Random r, Integer maxOpen) {
        TestProblems.Builder b = TestProblems.builder();
        b.service("s", null, 1);
        b.region("all", true);
        if (maxOpen != null) {
            b.open("s", null, maxOpen, null);
        }
        long total = 0;
        for (int j = 0; j < 40; j++) {
            int amount = 3 + r.nextInt(12);
            total += amount;
            b.demand("d" + j, "all", r.nextInt(60), r.nextInt(60), "s", amount);
        }
        double ratio = 1.3 + 0.3 * r.nextDouble();
        for (int i = 0; i < 12; i++) {
            double capacity = Math.round(total * ratio / 12 * (0.7 + 0.6 * r.nextDouble()));
            b.site("x" + i, "s", r.nextInt(60), r.nextInt(60), capacity, 20 + r.nextInt(60), SiteState.CANDIDATE);
        }
        FacilityPlan plan = b.plan();
        return SolverFactory.<FacilityPlan>create(FacilitySolver.scoringConfig()
                        .withPhases(
                                new CustomPhaseConfig().withCustomPhaseCommandClassList(List.of(GreedyOpening.class))))
                .buildSolver()
                .solve(plan);
    }

    private static boolean fits(SitingModel m, int[] siteOf) {
        long[] load = new long[m.siteCount()];
        for (int j = 0; j < siteOf.length; j++) {
            load[siteOf[j]] += m.demand(j);
        }
        return IntStream.range(0, m.siteCount()).allMatch(i -> load[i] <= m.capacity(i));
    }

    @Test
    void twoWindowsApartSaveWhatEachSavedAndKeepCapacities() {
        Random r = new Random(5);
        int started = 0;
        int both = 0;
        int one = 0;
        for (int instance = 0; instance < 40; instance++) {
            FacilityPlan plan = tight(r, instance % 4 == 3 ? 9 : null);
            SitingModel m = SitingModel.of(plan, plan.getServices().get(0), SitingModel.Level.COST);
            boolean limited = m.maxOpen() != SitingModel.NO_LIMIT;
            int[] siteOf = m.assignmentsIn(plan).stream()
                    .mapToInt(a -> a.getSite().getServiceIndex())
                    .toArray();
            if (!fits(m, siteOf)) {
                continue; // the construction left a site overloaded: no plan to start from
            }
            started++;
            long before = m.objective(siteOf);
            // Two windows of four sites each, apart; the rest of the sites stay outside both.
            int[] order = IntStream.range(0, 12)
                    .boxed()
                    .sorted((x, y) -> Integer.compare(r.nextInt(), r.nextInt()))
                    .mapToInt(Integer::intValue)
                    .toArray();
            int[] a = java.util.Arrays.copyOfRange(order, 0, 4);
            int[] b = java.util.Arrays.copyOfRange(order, 4, 8);
            SitingWindow.Result ra = SitingWindow.solve(m, siteOf, a, SitingWindow.Side.free(4), 10, 0);
            SitingWindow.Result rb = SitingWindow.solve(m, siteOf, b, SitingWindow.Side.free(4), 10, 0);
            WindowPair.Joined joined = WindowPair.together(m, limited, siteOf, ra, rb);
            assertThat(fits(m, joined.siteOf())).as("instance %d", instance).isTrue();
            // A window's before and after count its own part of the plan: their difference is what it saves.
            long savedA = ra.status() == SitingWindow.Status.IMPROVED ? ra.before() - ra.after() : 0;
            long savedB = rb.status() == SitingWindow.Status.IMPROVED ? rb.before() - rb.after() : 0;
            long saved = before - m.objective(joined.siteOf());
            if (joined.both()) {
                both++;
                assertThat(limited).isFalse();
                assertThat(saved).as("instance %d", instance).isEqualTo(savedA + savedB);
            } else {
                one += savedA > 0 && savedB > 0 ? 1 : 0;
                assertThat(saved).as("instance %d", instance).isEqualTo(Math.max(savedA, savedB));
            }
        }
        // Both kinds of step occur: the test covers the joining and the choice.
        assertThat(started).isGreaterThan(20);
        assertThat(both).isPositive();
        assertThat(one).isPositive();
    }
}
