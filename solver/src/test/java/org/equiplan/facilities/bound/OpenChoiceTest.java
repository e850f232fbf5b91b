package org.equiplan.facilities.bound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.domain.FacilityPlan;
import org.junit.jupiter.api.Test;

/** The site values as the relaxation's choice of sites weighs them ({@link OpenChoice#priced}). */
class OpenChoiceTest {

    /** Four sites of capacity 10, 20, 30 and 40 and a total demand of 45; {@code exactly}: an exact open count. */
    private static SitingModel model(Integer exactly) {
        TestProblems.Builder b = TestProblems.builder().service("s", null, 1.0).region("r", true);
        for (int j = 0; j < 5; j++) {
            b.demand("d" + j, "r", j, 0, "s", 9);
        }
        double[] capacity = {10, 20, 30, 40};
        for (int i = 0; i < capacity.length; i++) {
            b.site("x" + i, "s", i, 1, capacity[i], 100, SiteState.CANDIDATE);
        }
        if (exactly != null) {
            b.open("s", null, null, exactly);
        }
        FacilityPlan plan = FacilityPlanBuilder.build(b.problem());
        return SitingModel.of(plan, plan.getServices().get(0), SitingModel.Level.COST);
    }

    @Test
    void theCapacityCutPricesEachSiteAgainstTheLastSiteItNeeds() {
        // Values per unit of capacity 0.5, 0.4, 0.3 and 0.5: the cut's LP takes the 30 (0.3), then needs 15 of the
        // 20 (0.4), its critical site, so the cut's price is 0.4 and a site's priced value is v - 0.4 s.
        double[] priced = new OpenChoice(model(null)).priced(new double[] {5, 8, 9, 20});
        assertThat(priced).containsExactly(new double[] {1, 0, -3, 4}, within(1e-9));
    }

    @Test
    void sitesThatPayForThemselvesCoverPartOfTheNeedFirst() {
        // The site of value -1 opens anyway and covers 10 of the 45: the cut then needs 35, taken from the 30 (0.3)
        // and 5 of the 20 (0.4) again.
        double[] priced = new OpenChoice(model(null)).priced(new double[] {-1, 8, 9, 20});
        assertThat(priced).containsExactly(new double[] {-5, 0, -3, 4}, within(1e-9));
    }

    @Test
    void withAnOpenCountTheValuesStandAsTheyAre() {
        double[] values = {5, 8, 9, 20};
        assertThat(new OpenChoice(model(2)).priced(values)).containsExactly(values);
    }
}
