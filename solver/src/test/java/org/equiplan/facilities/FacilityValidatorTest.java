package org.equiplan.facilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.solve.Models;
import org.junit.jupiter.api.Test;

/** Bad input is answered with every error, each naming its field. */
class FacilityValidatorTest {

    private static TestProblems.Builder valid() {
        return TestProblems.builder()
                .service("school", 5.0, 1.0)
                .region("r1", true)
                .demand("v1", "r1", 0, 0, "school", 30)
                .demand("v2", "r1", 4, 0, "school", 50)
                .site("A", "school", 0, 0, 100.0, 10, SiteState.CANDIDATE)
                .site("B", "school", 10, 0, 100.0, 20, SiteState.REQUIRED);
    }

    private static List<String> errors(FacilityProblem p) {
        return FacilityValidator.validate(p).stream().map(FieldError::toString).toList();
    }

    @Test
    void aValidProblemHasNoErrors() {
        assertThat(FacilityValidator.validate(valid().problem())).isEmpty();
    }

    @Test
    void candidatesKeepOnlyEachVillagesNearestSites() {
        TestProblems.Builder b = TestProblems.builder()
                .service("school", null, 1.0)
                .region("r1", true)
                .demand("v1", "r1", 0, 0, "school", 30)
                .demand("v2", "r1", 4, 0, "school", 50)
                .site("A", "school", 0, 0, 40.0, 10, SiteState.CANDIDATE)
                .site("B", "school", 10, 0, 100.0, 20, SiteState.CANDIDATE)
                .site("C", "school", 20, 0, 100.0, 20, SiteState.CANDIDATE);
        // v2's nearest site is A (40 < 50): with one candidate it fits nowhere.
        assertThat(errors(b.candidates(1).problem()))
                .containsExactly("demands[1].demand.school: 50 exceeds the "
                        + "capacity of every site that can serve it (a village goes to one site); distances.candidates keeps "
                        + "only the 1 nearest");
        assertThat(errors(b.candidates(0).problem()))
                .containsExactly("distances.candidates: must be >= 1 (the nearest sites each demand point may use)");
        // Two: v1 may use A and B, v2 A and B; C serves no one. The figures are kept for the two only.
        var plan = b.candidates(2).plan();
        var v2 = plan.getAssignments().get(1);
        assertThat(v2.getAllowedSites()).extracting(s -> s.getId()).containsExactly("A", "B");
        assertThat(v2.canUse(TestProblems.site(plan, "C"))).isFalse();
        assertThat(v2.costAt(TestProblems.site(plan, "B")))
                .isEqualTo(50 * 6 * plan.getLimits().costScale());
        assertThat(v2.distanceTo(TestProblems.site(plan, "A"))).isEqualTo(4.0);
    }

    @Test
    void unknownAndDuplicateIdsAreNamed() {
        TestProblems.Builder b = valid().demand("v1", "nowhere", 1, 1, "scool", 5)
                .site("A", "clinic", 1, 1, 10.0, 0, SiteState.CANDIDATE);
        assertThat(errors(b.problem()))
                .contains(
                        "demands[2].id: duplicate demand id 'v1'",
                        "demands[2].region: unknown region 'nowhere'",
                        "demands[2].demand.scool: unknown service 'scool'",
                        "sites[2].id: duplicate site id 'A'",
                        "sites[2].service: unknown service 'clinic'");
    }

    @Test
    void objectiveTermsAreChecked() {
        TestProblems.Builder noStandard = TestProblems.builder()
                .service("school", null, 1.0)
                .region("r1", true)
                .demand("v1", "r1", 0, 0, "school", 30)
                .site("A", "school", 0, 0, 100.0, 10, SiteState.CANDIDATE)
                .longestTrip(-1)
                .travelStandardPenalty(FacilityProblem.TravelStandardPenalty.UNCOVERED_DEMAND);
        assertThat(errors(noStandard.problem()))
                .containsExactly(
                        "objective.longestTripWeight: must be >= 0",
                        "objective.travelStandardPenalty: no service has a travel standard (services[].maxDistance)");
        assertThat(errors(valid().longestTrip(1e6)
                        .travelStandardPenalty(FacilityProblem.TravelStandardPenalty.UNCOVERED_DEMAND)
                        .problem()))
                .isEmpty();
    }

    @Test
    void negativeAndNonFiniteNumbersAreRejected() {
        TestProblems.Builder b = valid().demand("v3", "r1", Double.NaN, 0, "school", -4)
                .site("C", "school", 0, 0, -1.0, Double.POSITIVE_INFINITY, SiteState.CANDIDATE);
        assertThat(errors(b.problem()))
                .contains(
                        "demands[2].x: must be a finite number",
                        "demands[2].demand.school: must be >= 0",
                        "sites[2].capacity: must be >= 0",
                        "sites[2].openingCost: must be a finite number");
    }

    @Test
    void aDemandThatNoSiteCanServeIsNamed() {
        FacilityProblem p = valid().costs(
                        List.of(java.util.Arrays.asList(1.0, null), java.util.Arrays.asList(2.0, null)))
                .problem();
        assertThat(errors(p))
                .containsExactly("demands[1].demand.school: no site of service 'school' can serve this demand point");
    }

    @Test
    void totalCapacityBelowTotalDemand() {
        FacilityProblem p = valid().demand("v3", "r1", 2, 0, "school", 90)
                .demand("v4", "r1", 3, 0, "school", 40)
                .problem();
        assertThat(errors(p))
                .containsExactly(
                        "services[0]: the sites of service 'school' have a total capacity of 200, below its total demand of 210");
    }

    @Test
    void aVillageLargerThanEverySiteCannotBeSingleSourced() {
        FacilityProblem p = valid().demand("v3", "r1", 2, 0, "school", 101)
                .site("C", "school", 0, 0, 100.0, 0, SiteState.CANDIDATE)
                .problem();
        assertThat(errors(p))
                .containsExactly("demands[2].demand.school: 101 exceeds the capacity of every site that can"
                        + " serve it (a village goes to one site)");
    }

    @Test
    void impossibleOpenCounts() {
        assertThat(errors(valid().open("school", null, null, 3).problem()))
                .containsExactly(
                        "limits.open.school.exactly: 3 open sites asked, but service 'school' has only 2 sites");
        assertThat(errors(valid().open("school", null, 0, null).problem()))
                .contains("limits.open.school.max: 0 is below the 1 sites of service 'school' that must stay open");
        assertThat(errors(valid().open("school", 2, 1, null).problem()))
                .containsExactly("limits.open.school.min: is above max (1)");
        assertThat(errors(valid().open("clinic", 1, null, null).problem()))
                .containsExactly("limits.open.clinic: unknown service 'clinic'");
    }

    @Test
    void aBudgetBelowTheRequiredOpenings() {
        assertThat(errors(valid().budget(15).problem()))
                .containsExactly("limits.budget: 15 is below the 20 that the required sites cost to open");
    }

    @Test
    void buildingAnInvalidProblemThrowsWithEveryError() {
        FacilityProblem p =
                valid().budget(-1).demand("v1", "r1", 0, 0, "school", 1).problem();
        assertThatThrownBy(() -> FacilityPlanBuilder.build(p))
                .isInstanceOf(InvalidProblemException.class)
                .satisfies(e -> assertThat(((InvalidProblemException) e).errors())
                        .extracting(FieldError::field)
                        .containsExactlyInAnyOrder("demands[2].id", "limits.budget"));
    }

    @Test
    void jsonTypeErrorsCarryTheirPath() {
        String json = """
                {"kind": "facilities", "services": [{"id": "school"}], "regions": [{"id": "r"}],
                 "demands": [{"id": "v", "region": "r", "lat": 1, "lon": 1, "demand": {"school": "many"}}],
                 "sites": []}""";
        assertThatThrownBy(() -> Models.load(json))
                .isInstanceOf(InvalidProblemException.class)
                .satisfies(e -> assertThat(((InvalidProblemException) e).errors())
                        .containsExactly(new FieldError("demands[0].demand.school", "cannot read 'many' as a number")));
    }

    @Test
    void unknownFieldsAndEnumValuesAreNamed() {
        String typo = """
                {"kind": "facilities", "services": [{"id": "school", "maxDistanse": 5}]}""";
        assertThatThrownBy(() -> Models.load(typo))
                .satisfies(e -> assertThat(((InvalidProblemException) e).errors())
                        .containsExactly(new FieldError("services[0].maxDistanse", "unknown field 'maxDistanse'")));
        String state = """
                {"kind": "facilities", "sites": [{"id": "A", "state": "shut"}]}""";
        assertThatThrownBy(() -> Models.load(state))
                .satisfies(e -> assertThat(((InvalidProblemException) e).errors())
                        .extracting(FieldError::field, FieldError::message)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(
                                "sites[0].state", "'shut' is not one of candidate, existing, required, closed")));
    }

    @Test
    void unknownKindAndMalformedJson() {
        assertThatThrownBy(() -> Models.load("{\"kind\": \"roads\"}"))
                .satisfies(e -> assertThat(
                                ((InvalidProblemException) e).errors().get(0).field())
                        .isEqualTo("kind"));
        assertThatThrownBy(() -> Models.load("{\"kind\": \"facilities\", "))
                .satisfies(e -> assertThat(
                                ((InvalidProblemException) e).errors().get(0).message())
                        .startsWith("malformed JSON"));
    }
}
