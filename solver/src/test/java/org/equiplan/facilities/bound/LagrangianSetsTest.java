package org.equiplan.facilities.bound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.SearchHints;
import org.junit.jupiter.api.Test;

/**
 * The relaxation's rating of sets of open sites on small tight problems, every plan and every set enumerated: never
 * above a plan that opens exactly the set, never below the bound, and the listing holds exactly the sets rated within
 * its limit that can serve everyone, lowest first (the lowest of them where fewer are asked for).
 */
class LagrangianSetsTest {

    private record Rated(SitingModel model, LagrangianRelaxation.Result root, LagrangianSets sets, long optimum) {}

    private static List<Rated> problems(long seed, int count) {
        Random r = new Random(seed);
        List<Rated> out = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            FacilityPlan plan = FacilityPlanBuilder.build(TestProblems.smallTight(r, r.nextBoolean()));
            SitingModel m = SitingModel.of(plan, plan.getServices().get(0), SitingModel.Level.COST);
            int[] best = Enumerated.optimum(m);
            if (best == null) {
                continue;
            }
            long optimum = Enumerated.cost(m, best);
            LagrangianRelaxation.Result root = new LagrangianRelaxation(m).run(optimum + 10, 3000, () -> false);
            SearchHints.SetRating rating = root.setRating();
            out.add(new Rated(m, root, new LagrangianSets(m, rating.constant(), rating.value()), optimum));
        }
        return out;
    }

    @Test
    void theRatingOfASetIsNeverAboveAPlanOpeningExactlyItNorBelowTheBound() {
        int plans = 0;
        for (Rated p : problems(31, 40)) {
            SitingModel m = p.model();
            int[] checked = {0};
            Enumerated.cheapestWithin(m, null, siteOf -> {
                long cost = Enumerated.cost(m, siteOf);
                if (cost != Long.MAX_VALUE) {
                    double rating = p.sets().rating(Enumerated.openIn(m, siteOf));
                    assertThat(rating).isLessThanOrEqualTo(cost + 1e-6);
                    assertThat(rating).isGreaterThanOrEqualTo(p.root().bound() - 1e-6);
                    checked[0]++;
                }
                return cost;
            });
            plans += checked[0];
        }
        assertThat(plans).isGreaterThan(1000);
    }

    @Test
    void listsTheSetsRatedLowestWithinTheLimitThatServeEveryoneLowestRatingFirst() {
        int listed = 0;
        int withOptimum = 0;
        int cut = 0;
        for (Rated p : problems(37, 40)) {
            SitingModel m = p.model();
            // Every set of a plan at the optimum is rated at most that (up to rounding: the relaxation is often exact);
            // 10% above it, many more sets qualify.
            for (double limit : new double[] {p.optimum() * (1 + 1e-9), p.optimum() * 1.1}) {
                List<boolean[]> expected = setsRatedWithin(p, limit);
                List<boolean[]> sets = p.sets().lowest(limit, 1 << m.sites);
                assertThat(sets.stream().map(Arrays::toString).toList())
                        .containsExactlyInAnyOrderElementsOf(
                                expected.stream().map(Arrays::toString).toList());
                assertLowestFirst(p.sets(), sets);
                boolean[] optimumSites = Enumerated.openIn(m, Enumerated.optimum(m));
                for (int i = 0; i < m.sites; i++) {
                    optimumSites[i] |= m.forced[i];
                }
                assertThat(sets.stream().map(Arrays::toString)).contains(Arrays.toString(optimumSites));
                withOptimum++;
                listed += expected.size();
                // Asked for fewer: exactly the lowest ratings of the full list.
                if (expected.size() >= 3) {
                    int fewer = expected.size() / 2;
                    double[] ratings = expected.stream()
                            .mapToDouble(open -> p.sets().rating(open))
                            .sorted()
                            .limit(fewer)
                            .toArray();
                    List<boolean[]> lowest = p.sets().lowest(limit, fewer);
                    assertThat(lowest.stream()
                                    .mapToDouble(open -> p.sets().rating(open))
                                    .toArray())
                            .containsExactly(ratings, within(1e-9));
                    assertLowestFirst(p.sets(), lowest);
                    cut++;
                }
            }
        }
        assertThat(withOptimum).isGreaterThan(60);
        assertThat(listed).isGreaterThan(withOptimum);
        assertThat(cut).isGreaterThan(20);
    }

    /** By brute force: every set rated at most {@code limit} that can serve everyone within the open counts. */
    private static List<boolean[]> setsRatedWithin(Rated p, double limit) {
        SitingModel m = p.model();
        List<boolean[]> sets = new ArrayList<>();
        for (int mask = 0; mask < 1 << m.sites; mask++) {
            boolean[] open = new boolean[m.sites];
            long capacity = 0;
            int count = 0;
            boolean valid = true;
            for (int i = 0; i < m.sites; i++) {
                open[i] = (mask >> i & 1) == 1;
                valid &= open[i] || !m.forced[i];
                capacity += open[i] ? m.capacity[i] : 0;
                count += open[i] ? 1 : 0;
            }
            if (valid
                    && capacity >= m.totalDemand
                    && count >= m.minOpen()
                    && count <= m.maxOpen()
                    && p.sets().rating(open) <= limit) {
                sets.add(open);
            }
        }
        return sets;
    }

    private static void assertLowestFirst(LagrangianSets rated, List<boolean[]> sets) {
        for (int k = 1; k < sets.size(); k++) {
            assertThat(rated.rating(sets.get(k))).isGreaterThanOrEqualTo(rated.rating(sets.get(k - 1)));
        }
    }

    /**
     * Twenty sites and ratings made up per site, a node cap (1,000) that one search to no limit passes (it held sets rated above the lowest ten): the ten sets listed are the
     * ten rated lowest of all 2^20 (by brute force), since the listing widens from the lowest rating in bands a search
     * covers within the cap.
     */
    @Test
    void withNoLimitTheSetsListedAreTheLowestRatedOfAllEvenUnderASmallNodeCap() {
        Random r = new Random(41);
        for (int t = 0; t < 4; t++) {
            FacilityPlan plan = FacilityPlanBuilder.build(TestProblems.wideTight(r));
            SitingModel m = SitingModel.of(plan, plan.getServices().get(0), SitingModel.Level.COST);
            double[] value = new double[m.sites];
            for (int i = 0; i < m.sites; i++) {
                value[i] = 100 * r.nextDouble() - 10;
            }
            LagrangianSets sets = new LagrangianSets(m, 500, value, 1_000);
            double[] lowestOfAll = new double[10];
            Arrays.fill(lowestOfAll, Double.MAX_VALUE);
            for (int mask = 0; mask < 1 << m.sites; mask++) {
                boolean[] open = new boolean[m.sites];
                long capacity = 0;
                for (int i = 0; i < m.sites; i++) {
                    open[i] = (mask >> i & 1) == 1;
                    capacity += open[i] ? m.capacity[i] : 0;
                }
                double rating = sets.rating(open);
                if (capacity >= m.totalDemand && rating < lowestOfAll[9]) {
                    lowestOfAll[9] = rating;
                    Arrays.sort(lowestOfAll);
                }
            }

            List<boolean[]> listed = sets.lowest(Double.MAX_VALUE, 10);

            assertThat(listed.stream().mapToDouble(sets::rating).toArray()).containsExactly(lowestOfAll, within(1e-9));
        }
    }
}
