package org.equiplan.facilities.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.bound.LagrangianRelaxation;
import org.equiplan.facilities.bound.LagrangianSets;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.bound.Transportation;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.SearchHints;
import org.equiplan.facilities.exact.CpSat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A step among open sets on small tight problems whose every plan is enumerated: started from the best plan on a set
 * of sites one change away from the optimum's, it never returns a dearer plan or one that overloads a site, and it
 * mostly reaches the optimum (it tries only the sets the flow prices cheapest).
 */
class OpenSetSearchTest {

    @BeforeAll
    static void loadOrTools() {
        assertThat(CpSat.available()).as("OR-Tools' native library").isTrue();
    }

    @Test
    void fromASetOneChangeAwayItReachesTheOptimumMostOfTheTimeAndNeverWorsens() {
        Random r = new Random(23);
        int started = 0;
        int reachedOptimum = 0;
        for (int t = 0; t < 60; t++) {
            FacilityPlan plan = FacilityPlanBuilder.build(TestProblems.smallTight(r, false));
            Enumerated e = Enumerated.of(plan);
            if (e == null) {
                continue; // no plan fits the capacities
            }
            SitingModel m = e.model();
            Map<Integer, int[]> bestBySet = e.bestBySet();
            int optimumSet = e.optimumSet();
            long optimum = e.optimum();
            // Start from the best plan on a set one swap, opening or closing away from the optimum's, dearer than it.
            for (int set : bestBySet.keySet()) {
                int[] start = bestBySet.get(set);
                if (Integer.bitCount(set ^ optimumSet) > 2 || m.objective(start) == optimum) {
                    continue;
                }
                started++;
                int[] next;
                try (Transportation transport = new Transportation(m)) {
                    next = new OpenSetSearch(m, transport).step(start, 2, 0, null, () -> false);
                }
                assertThat(fits(m, next)).isTrue();
                assertThat(m.objective(next)).isLessThanOrEqualTo(m.objective(start));
                reachedOptimum += m.objective(next) == optimum ? 1 : 0;
                break;
            }
        }
        assertThat(started).isGreaterThan(30);
        assertThat(reachedOptimum).isGreaterThan(started * 3 / 4);
    }

    @Test
    void withTheRelaxationsRatingItReachesTheOptimumFromSetsFarFromIt() {
        Random r = new Random(29);
        int started = 0;
        int reachedRated = 0;
        int reachedOneChange = 0;
        for (int t = 0; t < 80; t++) {
            FacilityPlan plan = FacilityPlanBuilder.build(TestProblems.smallTight(r, false));
            Enumerated e = Enumerated.of(plan);
            if (e == null) {
                continue;
            }
            SitingModel m = e.model();
            Map<Integer, int[]> bestBySet = e.bestBySet();
            int optimumSet = e.optimumSet();
            long optimum = e.optimum();
            // Start from the best plan on the set farthest from the optimum's (more than one change away).
            int far = -1;
            for (int set : bestBySet.keySet()) {
                if (Integer.bitCount(set ^ optimumSet) > 2
                        && (far < 0 || Integer.bitCount(set ^ optimumSet) > Integer.bitCount(far ^ optimumSet))) {
                    far = set;
                }
            }
            if (far < 0) {
                continue;
            }
            int[] start = bestBySet.get(far);
            LagrangianRelaxation.Result root = new LagrangianRelaxation(m).run(optimum + 10, 3000, () -> false);
            SearchHints.SetRating rating = root.setRating();
            started++;
            try (Transportation transport = new Transportation(m)) {
                int[] rated = new OpenSetSearch(m, transport).step(start, 2, 0, rating, () -> false);
                assertThat(fits(m, rated)).isTrue();
                assertThat(m.objective(rated)).isLessThanOrEqualTo(m.objective(start));
                reachedRated += m.objective(rated) == optimum ? 1 : 0;
                int[] oneChange = new OpenSetSearch(m, transport).step(start, 2, 0, null, () -> false);
                reachedOneChange += m.objective(oneChange) == optimum ? 1 : 0;
            }
        }
        assertThat(started).isGreaterThan(20);
        assertThat(reachedRated).isGreaterThan(started * 3 / 4).isGreaterThan(reachedOneChange);
    }

    /**
     * The rated sets a step tries are the cheapest by flow of all the sets the relaxation rates lowest (pricing may not
     * stop early: the rating bounds plans that send each customer to one site, the flow splits customers and can be
     * lower; a stop once the ratings passed the third-cheapest flow failed this test).
     */
    @Test
    void theRatedSetsItTriesAreTheCheapestByFlowOfAllItLists() {
        Random r = new Random(31);
        int checked = 0;
        int triedFewerThanListed = 0;
        for (int t = 0; t < 160; t++) {
            Enumerated e = Enumerated.of(FacilityPlanBuilder.build(TestProblems.smallTight(r, r.nextBoolean())));
            if (e == null) {
                continue;
            }
            SitingModel m = e.model();
            long optimum = e.optimum();
            SearchHints.SetRating rating = new LagrangianRelaxation(m)
                    .run(optimum + 10, 3000, () -> false)
                    .setRating();
            boolean[] current = new boolean[m.siteCount()]; // no site open: a set that is never listed
            double limit = optimum * 1.2;
            try (Transportation transport = new Transportation(m)) {
                List<boolean[]> listed =
                        new LagrangianSets(m, rating.constant(), rating.value()).lowest(limit, OpenSetSearch.RATED_MAX);
                List<Double> all = new ArrayList<>();
                for (boolean[] open : listed) {
                    double cost = transport.cost(open);
                    if (cost < limit) {
                        all.add(cost);
                    }
                }
                all.sort(null);
                List<Double> cheapest = all.subList(0, Math.min(OpenSetSearch.RATED_TRIED, all.size()));
                List<OpenSetSearch.Candidate> tried = new OpenSetSearch(m, transport)
                        .rated(rating, current, limit, OpenSetSearch.RATED_TRIED, () -> false);
                assertThat(tried.stream().map(OpenSetSearch.Candidate::cost).toList())
                        .containsExactlyElementsOf(cheapest);
                checked++;
                triedFewerThanListed += tried.size() < listed.size() ? 1 : 0;
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(triedFewerThanListed)
                .as("problems listing more sets than it tries")
                .isGreaterThan(20);
    }

    /** A small problem's model, its best plan per set of used sites, and the optimum's set and cost. */
    private record Enumerated(SitingModel model, Map<Integer, int[]> bestBySet, int optimumSet, long optimum) {

        /** Null where no plan fits the capacities. */
        static Enumerated of(FacilityPlan plan) {
            SitingModel m = SitingModel.of(plan, plan.getServices().get(0), SitingModel.Level.COST);
            Map<Integer, int[]> bestBySet = bestPlanPerSet(m);
            int optimumSet = cheapestSet(m, bestBySet);
            return optimumSet < 0
                    ? null
                    : new Enumerated(m, bestBySet, optimumSet, m.objective(bestBySet.get(optimumSet)));
        }
    }

    /** The set (bit mask) of the cheapest of the plans, -1 where there are none. */
    private static int cheapestSet(SitingModel m, Map<Integer, int[]> bestBySet) {
        int cheapest = -1;
        for (Map.Entry<Integer, int[]> e : bestBySet.entrySet()) {
            if (cheapest < 0 || m.objective(e.getValue()) < m.objective(bestBySet.get(cheapest))) {
                cheapest = e.getKey();
            }
        }
        return cheapest;
    }

    /** Per set of used sites (a bit mask), the cheapest plan that uses exactly those sites and keeps capacities. */
    private static Map<Integer, int[]> bestPlanPerSet(SitingModel m) {
        Map<Integer, int[]> best = new HashMap<>();
        int n = m.customerCount();
        int[] choice = new int[n];
        while (true) {
            int[] siteOf = new int[n];
            int set = 0;
            for (int j = 0; j < n; j++) {
                siteOf[j] = m.allowedSites(j)[choice[j]];
                set |= 1 << siteOf[j];
            }
            if (fits(m, siteOf) && (!best.containsKey(set) || m.objective(siteOf) < m.objective(best.get(set)))) {
                best.put(set, siteOf);
            }
            int j = 0;
            while (j < n && ++choice[j] == m.allowedSites(j).length) {
                choice[j++] = 0;
            }
            if (j == n) {
                return best;
            }
        }
    }

    private static boolean fits(SitingModel m, int[] siteOf) {
        long[] load = new long[m.siteCount()];
        for (int j = 0; j < siteOf.length; j++) {
            load[siteOf[j]] += m.demand(j);
        }
        for (int i = 0; i < m.siteCount(); i++) {
            if (load[i] > m.capacity(i)) {
                return false;
            }
        }
        return true;
    }
}
