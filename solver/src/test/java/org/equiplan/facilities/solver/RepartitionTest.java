package org.equiplan.facilities.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Site;
import org.junit.jupiter.api.Test;

/**
 * The exact re-division of two sites' demands ({@link Repartition}), including its shortcut (no demand
 * prefers the other site: nothing to do), against every division of small random pairs.
 */
class RepartitionTest {

    @Test
    void reachesTheBestDivisionOfEveryRandomPair() {
        Random r = new Random(11);
        int improvedCount = 0;
        for (int trial = 0; trial < 300; trial++) {
            int n = 3 + r.nextInt(8);
            TestProblems.Builder b =
                    TestProblems.builder().service("s", null, 1.0).region("all", true);
            long total = 0;
            int[] amounts = new int[n];
            for (int j = 0; j < n; j++) {
                amounts[j] = 3 + r.nextInt(12);
                total += amounts[j];
                b.demand("d" + j, "all", r.nextInt(30), r.nextInt(30), "s", amounts[j]);
            }
            double share = 0.3 + 0.4 * r.nextDouble();
            double slack = 1.05 + 0.3 * r.nextDouble();
            b.site(
                    "A",
                    "s",
                    r.nextInt(30),
                    r.nextInt(30),
                    (double) Math.round(total * share * slack),
                    0,
                    SiteState.CANDIDATE);
            b.site(
                    "B",
                    "s",
                    r.nextInt(30),
                    r.nextInt(30),
                    (double) Math.round(total * (1 - share) * slack),
                    0,
                    SiteState.CANDIDATE);
            FacilityPlan plan = b.plan();
            Site first = TestProblems.site(plan, "A");
            Site second = TestProblems.site(plan, "B");
            List<Assignment> demands = plan.getAssignments();
            int start = feasibleDivision(demands, first, second, r);
            if (start < 0) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                TestProblems.assign(plan, demands.get(j).getId(), (start >> j & 1) == 1 ? "A" : "B");
            }
            double before = value(demands, null);

            Draft draft = new Draft(new MoveIndex(plan));
            boolean improved = Repartition.improve(draft, first, second);

            double after = value(demands, draft);
            double best = bestDivision(demands, first, second);
            assertThat(after).as("trial %d", trial).isCloseTo(best, within(1e-6));
            assertThat(improved).as("trial %d", trial).isEqualTo(before > best + 1e-6);
            assertThat(draft.load(first)).isLessThanOrEqualTo(first.getCapacity());
            assertThat(draft.load(second)).isLessThanOrEqualTo(second.getCapacity());
            improvedCount += improved ? 1 : 0;
        }
        assertThat(improvedCount).as("trials that needed a new division").isGreaterThan(50);
    }

    /** A random division within both capacities (bit j set: demand j at the first site), or -1. */
    private static int feasibleDivision(List<Assignment> demands, Site first, Site second, Random r) {
        for (int tries = 0; tries < 200; tries++) {
            int mask = r.nextInt(1 << demands.size());
            if (fits(demands, mask, first, second)) {
                return mask;
            }
        }
        return -1;
    }

    private static boolean fits(List<Assignment> demands, int mask, Site first, Site second) {
        long atFirst = 0;
        long atSecond = 0;
        for (int j = 0; j < demands.size(); j++) {
            if ((mask >> j & 1) == 1) {
                atFirst += demands.get(j).getAmount();
            } else {
                atSecond += demands.get(j).getAmount();
            }
        }
        return atFirst <= first.getCapacity() && atSecond <= second.getCapacity();
    }

    private static double bestDivision(List<Assignment> demands, Site first, Site second) {
        double best = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < 1 << demands.size(); mask++) {
            if (!fits(demands, mask, first, second)) {
                continue;
            }
            double v = 0;
            for (int j = 0; j < demands.size(); j++) {
                v += AssignmentValue.of(demands.get(j), (mask >> j & 1) == 1 ? first : second);
            }
            best = Math.min(best, v);
        }
        return best;
    }

    private static double value(List<Assignment> demands, Draft draft) {
        double v = 0;
        for (Assignment a : demands) {
            v += AssignmentValue.of(a, draft == null ? a.getSite() : draft.siteOf(a));
        }
        return v;
    }
}
