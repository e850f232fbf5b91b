package org.equiplan.facilities.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.equiplan.facilities.FacilityAnswer;
import org.equiplan.facilities.FacilityModel;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.FacilityProblem.EquityMode;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.FacilityProblem.TravelStandardPenalty;
import org.equiplan.facilities.TestProblems;
import org.equiplan.solve.SolveOptions;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The textbook models stated in the problem format (docs/facilities.md): p-center, maximal covering
 * and set covering. Each optimum is found here by enumerating every set of open sites, each demand
 * point going to its nearest open site (which is optimal for all three when capacity is unlimited),
 * and scored from the rules, not from the constraint streams. Whole distances keep the scale at 1.
 */
class ClassicModelsTest {

    private static final int SITES = 7;
    private static final int VILLAGES = 14;
    private static final long[] AMOUNT = new long[VILLAGES];
    private static final List<List<Double>> MATRIX = new ArrayList<>();

    static {
        Random random = new Random(42);
        for (int j = 0; j < VILLAGES; j++) {
            AMOUNT[j] = 5 + random.nextInt(40);
        }
        for (int i = 0; i < SITES; i++) {
            List<Double> row = new ArrayList<>();
            for (int j = 0; j < VILLAGES; j++) {
                row.add((double) (1 + random.nextInt(30)));
            }
            MATRIX.add(row);
        }
    }

    private static TestProblems.Builder instance(Double standard, double openingCost) {
        TestProblems.Builder b = TestProblems.builder()
                .service("school", standard, 1.0)
                .region("r", true)
                .distances(MATRIX)
                .equity(EquityMode.NONE, 0);
        for (int j = 0; j < VILLAGES; j++) {
            b.demand("v" + j, "r", 0, 0, "school", AMOUNT[j]);
        }
        for (int i = 0; i < SITES; i++) {
            b.site("s" + i, "school", 0, 0, null, openingCost, SiteState.CANDIDATE);
        }
        return b;
    }

    /** Per open set: the longest trip, the demand beyond r, the total demand x distance, the count. */
    private record Evaluation(long longest, long uncovered, long total, int open) {}

    private static Evaluation evaluate(int mask, double radius) {
        long longest = 0;
        long uncovered = 0;
        long total = 0;
        for (int j = 0; j < VILLAGES; j++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < SITES; i++) {
                if ((mask & (1 << i)) != 0) {
                    nearest = Math.min(nearest, MATRIX.get(i).get(j));
                }
            }
            longest = Math.max(longest, (long) nearest);
            uncovered += nearest > radius ? AMOUNT[j] : 0;
            total += AMOUNT[j] * (long) nearest;
        }
        return new Evaluation(longest, uncovered, total, Integer.bitCount(mask));
    }

    private static FacilityAnswer solve(FacilityProblem problem, HardMediumSoftLongScore optimum) {
        return new FacilityModel().solve(problem, new SolveOptions(30, null, optimum.toString(), 3), p -> {});
    }

    @Test
    void pCenterReachesTheEnumeratedSmallestLongestTrip() {
        int p = 3;
        long weight = 100_000; // more than any total, so the longest trip comes first
        HardMediumSoftLongScore best = null;
        for (int mask = 1; mask < 1 << SITES; mask++) {
            if (Integer.bitCount(mask) == p) {
                Evaluation e = evaluate(mask, Double.POSITIVE_INFINITY);
                HardMediumSoftLongScore score = HardMediumSoftLongScore.of(0, 0, -(weight * e.longest() + e.total()));
                best = best == null || score.compareTo(best) > 0 ? score : best;
            }
        }
        FacilityProblem problem = instance(null, 0)
                .open("school", null, null, p)
                .longestTrip(weight)
                .problem();
        FacilityAnswer s = solve(problem, best);
        assertThat(s.score()).isEqualTo(best.toString());
        assertThat(s.openSites()).hasSize(p);
        double longest = s.metrics().services().get(0).maxDistance();
        assertThat(s.metrics().costs().longestTripCost()).isEqualTo(weight * longest);

        // The explanation names the village(s) that set the longest trip, and only those.
        var analysis = new FacilityModel().analyze(problem, s);
        List<String> named = analysis.villages().stream()
                .filter(v -> v.reason().contains("this is the longest school trip"))
                .map(v -> v.demand())
                .toList();
        List<String> farthest = s.assignments().stream()
                .filter(a -> a.distance() == longest)
                .map(a -> a.demand())
                .toList();
        assertThat(named).isNotEmpty().containsExactlyInAnyOrderElementsOf(farthest);
    }

    @Test
    void maximalCoveringLeavesTheLeastDemandUncovered() {
        int p = 2;
        double radius = 8;
        HardMediumSoftLongScore best = null;
        for (int mask = 1; mask < 1 << SITES; mask++) {
            if (Integer.bitCount(mask) == p) {
                Evaluation e = evaluate(mask, radius);
                HardMediumSoftLongScore score = HardMediumSoftLongScore.of(0, -e.uncovered(), -e.total());
                best = best == null || score.compareTo(best) > 0 ? score : best;
            }
        }
        assertThat(best.mediumScore())
                .as("the instance leaves some demand uncovered")
                .isNegative();
        FacilityAnswer s = solve(
                instance(radius, 0)
                        .open("school", null, null, p)
                        .travelStandardPenalty(TravelStandardPenalty.UNCOVERED_DEMAND)
                        .problem(),
                best);
        assertThat(s.score()).isEqualTo(best.toString());
        long demand = 0;
        for (long a : AMOUNT) {
            demand += a;
        }
        assertThat(s.metrics().services().get(0).coveredWithinStandard()).isEqualTo(demand + best.mediumScore());
    }

    @Test
    void setCoveringOpensTheFewestSitesThatCoverEveryone() {
        double radius = 12;
        HardMediumSoftLongScore best = null;
        for (int mask = 1; mask < 1 << SITES; mask++) {
            Evaluation e = evaluate(mask, radius);
            HardMediumSoftLongScore score = HardMediumSoftLongScore.of(0, -e.uncovered(), -e.open());
            best = best == null || score.compareTo(best) > 0 ? score : best;
        }
        assertThat(best.mediumScore()).as("radius %s covers everyone", radius).isZero();
        FacilityAnswer s = solve(instance(radius, 1).assignmentWeight(0).problem(), best);
        assertThat(s.score()).isEqualTo(best.toString());
        assertThat(s.openSites()).hasSize((int) -best.softScore());
    }
}
