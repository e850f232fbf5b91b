package org.equiplan.facilities.bound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.exact.CpSat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The transportation cost of a set of open sites against every plan of small tight problems, enumerated: never above
 * a plan that opens those sites; equal to the best of them where every demand is one unit (then the flow is a plan);
 * and its rounded plan, where the rounding finds one, keeps every capacity.
 */
class TransportationTest {

    @BeforeAll
    static void loadOrTools() {
        assertThat(CpSat.available()).as("OR-Tools' native library").isTrue();
    }

    private static SitingModel model(FacilityPlan plan) {
        return SitingModel.of(plan, plan.getServices().get(0), SitingModel.Level.COST);
    }

    /** The open sites of a plan with the always-open ones. */
    private static boolean[] openWithForced(SitingModel m, int[] siteOf) {
        boolean[] open = Enumerated.openIn(m, siteOf);
        for (int i = 0; i < m.sites; i++) {
            open[i] |= m.forced[i];
        }
        return open;
    }

    @Test
    void neverAboveAPlanOpeningTheSameSitesAndItsPlanKeepsEveryCapacity() {
        Random r = new Random(5);
        int plansChecked = 0;
        int models = 0;
        int rounded = 0;
        for (int t = 0; t < 40; t++) {
            SitingModel m = model(FacilityPlanBuilder.build(TestProblems.smallTight(r, r.nextBoolean())));
            int[] best = Enumerated.optimum(m);
            if (best == null) {
                continue;
            }
            try (Transportation transport = new Transportation(m)) {
                // Every feasible plan, through the enumeration's pricing: the bound is checked on each as it passes.
                int[] checked = {0};
                Enumerated.cheapestWithin(m, null, siteOf -> {
                    long cost = Enumerated.cost(m, siteOf);
                    if (cost != Long.MAX_VALUE) {
                        // Unit costs are rounded to thousandths: within half a thousandth per unit of demand.
                        assertThat(transport.cost(openWithForced(m, siteOf)))
                                .isLessThanOrEqualTo(cost + 0.01 * m.totalDemand);
                        checked[0]++;
                    }
                    return cost;
                });
                plansChecked += checked[0];
                boolean[] open = openWithForced(m, best);
                assertThat(transport.cost(open)).isLessThan(Double.MAX_VALUE);
                // The rounding ends in a heuristic, which may fail to pack a tight set: then no plan, never a bad one.
                int[] plan = transport.plan(open);
                if (plan != null) {
                    assertThat(Enumerated.feasible(m, plan)).isTrue();
                    rounded++;
                }
                models++;
            }
        }
        assertThat(plansChecked).isGreaterThan(1000);
        assertThat(rounded).isGreaterThan(models / 2);
    }

    @Test
    void equalsTheBestPlanOnTheSameSitesWhenEveryDemandIsOneUnit() {
        Random r = new Random(11);
        int compared = 0;
        for (int t = 0; t < 60; t++) {
            SitingModel m = model(FacilityPlanBuilder.build(unitDemands(r)));
            try (Transportation transport = new Transportation(m)) {
                for (int mask = 1; mask < 1 << m.sites; mask++) {
                    boolean[] open = new boolean[m.sites];
                    long fixed = 0;
                    for (int i = 0; i < m.sites; i++) {
                        open[i] = (mask >> i & 1) == 1;
                        fixed += open[i] ? m.fixed[i] : 0;
                    }
                    // The best plan on these sites that pays for all of them: its assignment cost plus their fixed
                    // cost.
                    int[] best = Enumerated.cheapestWithin(
                            m,
                            open,
                            siteOf -> Enumerated.feasible(m, siteOf)
                                    ? m.objective(siteOf) - fixedOfUsed(m, siteOf)
                                    : Long.MAX_VALUE);
                    double cost = transport.cost(open);
                    if (best == null) {
                        assertThat(cost).isEqualTo(Double.MAX_VALUE);
                        continue;
                    }
                    assertThat(cost).isEqualTo((double) (fixed + m.objective(best) - fixedOfUsed(m, best)));
                    assertThat(Enumerated.feasible(m, transport.plan(open))).isTrue();
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(200);
    }

    private static long fixedOfUsed(SitingModel m, int[] siteOf) {
        boolean[] used = Enumerated.openIn(m, siteOf);
        long fixed = 0;
        for (int i = 0; i < m.sites; i++) {
            fixed += used[i] ? m.fixed[i] : 0;
        }
        return fixed;
    }

    /** Seven customers of one unit each, four sites of two or three units: tight, and every flow is a plan. */
    private static org.equiplan.facilities.FacilityProblem unitDemands(Random r) {
        TestProblems.Builder b = TestProblems.builder();
        b.service("s", null, 1 + r.nextInt(3));
        b.region("all", true);
        for (int j = 0; j < 7; j++) {
            b.demand("d" + j, "all", r.nextInt(20), r.nextInt(20), "s", 1);
        }
        for (int i = 0; i < 4; i++) {
            b.site(
                    "x" + i,
                    "s",
                    r.nextInt(20),
                    r.nextInt(20),
                    (double) (2 + r.nextInt(2)),
                    10 + r.nextInt(40),
                    org.equiplan.facilities.FacilityProblem.SiteState.CANDIDATE);
        }
        return b.problem();
    }
}
