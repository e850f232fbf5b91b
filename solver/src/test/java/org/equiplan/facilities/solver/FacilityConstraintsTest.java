package org.equiplan.facilities.solver;

import static org.equiplan.facilities.TestProblems.assign;

import org.equiplan.facilities.FacilityProblem.EquityMode;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.FacilityProblem.TravelStandardPenalty;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Site;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

/**
 * One test per constraint, on planar plans whose penalties are worked out by hand in the comments.
 * Plans are built through {@link org.equiplan.facilities.FacilityPlanBuilder}, so the precomputed
 * cost arrays are the real ones.
 */
class FacilityConstraintsTest {

    private final ConstraintVerifier<FacilityConstraints, FacilityPlan> verifier = ConstraintVerifier.build(
                    new FacilityConstraints(), FacilityPlan.class, Assignment.class, Site.class)
            .withConstraintStreamImplType(ConstraintStreamImplType.BAVET);

    /** Two villages of 30 and 50 pupils at x = 0 and x = 4; sites A (x = 0) and B (x = 10). */
    private static TestProblems.Builder twoVillages(double capacityA, double costA, double costB, SiteState stateB) {
        return TestProblems.builder()
                .service("school", 5.0, 1.0)
                .region("r1", true)
                .demand("v1", "r1", 0, 0, "school", 30)
                .demand("v2", "r1", 4, 0, "school", 50)
                .site("A", "school", 0, 0, capacityA, costA, SiteState.CANDIDATE)
                .site("B", "school", 10, 0, null, costB, stateB);
    }

    @Test
    void siteCapacityPenalizesTheExcessDemand() {
        FacilityPlan plan = twoVillages(60, 0, 0, SiteState.CANDIDATE).plan();
        assign(plan, "v1/school", "A");
        assign(plan, "v2/school", "A");
        // load 30 + 50 = 80 at A, capacity 60: 20 over
        verifier.verifyThat(FacilityConstraints::siteCapacity)
                .givenSolution(plan)
                .penalizesBy(20);
        assign(plan, "v2/school", "B");
        verifier.verifyThat(FacilityConstraints::siteCapacity)
                .givenSolution(plan)
                .penalizesBy(0);
    }

    @Test
    void capitalBudgetCountsNewSitesOnlyInWholeCostUnits() {
        FacilityPlan plan =
                twoVillages(100, 700, 500, SiteState.CANDIDATE).budget(1000).plan();
        assign(plan, "v1/school", "A");
        assign(plan, "v2/school", "B");
        // 700 + 500 = 1200 against 1000
        verifier.verifyThat(FacilityConstraints::capitalBudget)
                .givenSolution(plan)
                .penalizesBy(200);

        FacilityPlan existing =
                twoVillages(100, 700, 500, SiteState.EXISTING).budget(1000).plan();
        assign(existing, "v1/school", "A");
        assign(existing, "v2/school", "B");
        // B exists already: only A's 700 draws on the budget
        verifier.verifyThat(FacilityConstraints::capitalBudget)
                .givenSolution(existing)
                .penalizesBy(0);
    }

    @Test
    void maximumOpenSitesCountsRequiredSitesToo() {
        FacilityPlan plan = twoVillages(100, 0, 0, SiteState.REQUIRED)
                .open("school", null, 1, null)
                .plan();
        assign(plan, "v1/school", "A");
        assign(plan, "v2/school", "A");
        // A serves both, B is required: 2 open, max 1
        verifier.verifyThat(FacilityConstraints::maximumOpenSites)
                .givenSolution(plan)
                .penalizesBy(1);
    }

    @Test
    void minimumOpenSitesPenalizesTheShortfall() {
        FacilityPlan plan = twoVillages(100, 0, 0, SiteState.CANDIDATE)
                .open("school", 2, null, null)
                .plan();
        assign(plan, "v1/school", "A");
        assign(plan, "v2/school", "A");
        verifier.verifyThat(FacilityConstraints::minimumOpenSites)
                .givenSolution(plan)
                .penalizesBy(1);
        assign(plan, "v2/school", "B");
        verifier.verifyThat(FacilityConstraints::minimumOpenSites)
                .givenSolution(plan)
                .penalizesBy(0);
    }

    @Test
    void travelStandardWeighsTheBreachByDemand() {
        FacilityPlan plan = twoVillages(100, 0, 0, SiteState.CANDIDATE).plan();
        assign(plan, "v1/school", "B");
        assign(plan, "v2/school", "B");
        // v1: 30 pupils x (10 - 5) km = 150; v2: 50 x (6 - 5) = 50; in thousandths: 200,000
        verifier.verifyThat(FacilityConstraints::travelStandard)
                .givenSolution(plan)
                .penalizesBy(200_000);
    }

    @Test
    void travelStandardCanCountTheUncoveredDemandInstead() {
        FacilityPlan plan = twoVillages(100, 0, 0, SiteState.CANDIDATE)
                .travelStandardPenalty(TravelStandardPenalty.UNCOVERED_DEMAND)
                .plan();
        assign(plan, "v1/school", "B");
        assign(plan, "v2/school", "A");
        // v1 (30 pupils) is 10 km from B, beyond the 5 km standard; v2 is 4 km from A, within it.
        verifier.verifyThat(FacilityConstraints::travelStandard)
                .givenSolution(plan)
                .penalizesBy(30);
        assign(plan, "v2/school", "B");
        // v2 is now 6 km away: 1 km beyond, and its 50 pupils count in full.
        verifier.verifyThat(FacilityConstraints::travelStandard)
                .givenSolution(plan)
                .penalizesBy(80);
    }

    @Test
    void longestTripIsWeightTimesTheFarthestDemandPointsDistance() {
        FacilityPlan plan =
                twoVillages(100, 0, 0, SiteState.CANDIDATE).longestTrip(2).plan();
        assign(plan, "v1/school", "A");
        assign(plan, "v2/school", "A");
        // trips 0 and 4 km: the longest is 4, weight 2 -> 8 (costs are whole, so the scale is 1)
        verifier.verifyThat(FacilityConstraints::longestTrip)
                .givenSolution(plan)
                .penalizesBy(8);
        assign(plan, "v2/school", "B");
        // trips 0 and 6 km
        verifier.verifyThat(FacilityConstraints::longestTrip)
                .givenSolution(plan)
                .penalizesBy(12);

        FacilityPlan without = twoVillages(100, 0, 0, SiteState.CANDIDATE).plan();
        assign(without, "v1/school", "A");
        assign(without, "v2/school", "B");
        verifier.verifyThat(FacilityConstraints::longestTrip)
                .givenSolution(without)
                .penalizesBy(0);
    }

    @Test
    void openingCostOfOpenSitesOnly() {
        FacilityPlan plan = twoVillages(100, 700, 500, SiteState.CANDIDATE).plan();
        assign(plan, "v1/school", "A");
        assign(plan, "v2/school", "A");
        verifier.verifyThat(FacilityConstraints::openingCost)
                .givenSolution(plan)
                .penalizesBy(700);
    }

    @Test
    void assignmentCostIsDemandTimesDistance() {
        FacilityPlan plan = twoVillages(100, 0, 0, SiteState.CANDIDATE).plan();
        assign(plan, "v1/school", "A");
        assign(plan, "v2/school", "A");
        // 30 x 0 + 50 x 4 = 200 (cost per distance 1)
        verifier.verifyThat(FacilityConstraints::assignmentCost)
                .givenSolution(plan)
                .penalizesBy(200);
    }

    @Test
    void assignmentCostUsesAnExplicitMatrixWhenGiven() {
        FacilityPlan plan = twoVillages(100, 0, 0, SiteState.CANDIDATE)
                .costs(java.util.List.of(java.util.List.of(11.5, 7.25), java.util.List.of(3.0, 2.0)))
                .plan();
        assign(plan, "v1/school", "A");
        assign(plan, "v2/school", "B");
        // 11.5 + 2.0 = 13.5; 7.25 has two decimals, so costs are kept in hundredths: 1350
        verifier.verifyThat(FacilityConstraints::assignmentCost)
                .givenSolution(plan)
                .penalizesBy(1350);
    }

    @Test
    void distanceEquityIsWeightTimesDemandTimesSquaredDistance() {
        FacilityPlan plan = twoVillages(100, 0, 0, SiteState.CANDIDATE)
                .equity(EquityMode.SQUARED_DISTANCE, 2)
                .plan();
        assign(plan, "v1/school", "B");
        assign(plan, "v2/school", "A");
        // 2 x (30 x 10^2 + 50 x 4^2) = 2 x (3000 + 800) = 7600
        verifier.verifyThat(FacilityConstraints::distanceEquity)
                .givenSolution(plan)
                .penalizesBy(7600);
    }

    @Test
    void regionalEquityIsWeightTimesDemandTimesSquaredRegionalMean() {
        FacilityPlan plan = TestProblems.builder()
                .service("school", null, 1.0)
                .region("r1", true)
                .region("r2", false)
                .demand("v1", "r1", 0, 0, "school", 30)
                .demand("v2", "r1", 4, 0, "school", 10)
                .demand("v3", "r2", 10, 0, "school", 20)
                .site("A", "school", 0, 0, null, 0, SiteState.CANDIDATE)
                .equity(EquityMode.REGIONAL_MEAN, 3)
                .plan();
        assign(plan, "v1/school", "A");
        assign(plan, "v2/school", "A");
        assign(plan, "v3/school", "A");
        // r1: W = 40, mean = (30 x 0 + 10 x 4) / 40 = 1 -> 40 x 1^2 = 40
        // r2: W = 20, mean = 10 -> 20 x 100 = 2000; total 2040 x weight 3 = 6120
        verifier.verifyThat(FacilityConstraints::regionalEquity)
                .givenSolution(plan)
                .penalizesBy(6120);
    }
}
