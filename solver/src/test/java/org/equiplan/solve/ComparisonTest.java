package org.equiplan.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.equiplan.facilities.FacilityAnswer;
import org.equiplan.facilities.FacilityModel;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.TestProblems;
import org.equiplan.funds.FundsModel;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.problem.Json;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static JsonNode json(Object answer) {
        return Json.readTree(Json.write(answer));
    }

    /** Villages of 30 and 50 pupils at x = 0 and 4; schools A (x = 0) and B (x = 5) cost 200 each to open. */
    private static JsonNode schools(double capacity) {
        var problem = TestProblems.builder()
                .service("school", null, 1.0)
                .region("r", true)
                .demand("v1", "r", 0, 0, "school", 30)
                .demand("v2", "r", 4, 0, "school", 50)
                .site("A", "school", 0, 0, capacity, 200, SiteState.CANDIDATE)
                .site("B", "school", 5, 0, capacity, 200, SiteState.CANDIDATE)
                .problem();
        return json(new FacilityModel().solve(problem, new SolveOptions(2, null, null, 0), p -> {}));
    }

    @Test
    void facilitiesShowOpenedSitesAndMovedVillages() {
        // Room for 100: A alone (200 + 50 x 4 = 400) beats both (400 + 50 x 1 = 450). Room for 60: both must open.
        Comparison c = Models.compare(List.of("loose", "tight"), List.of(schools(100), schools(60)));
        assertThat(c.items().get(0).score()).isEqualTo("0hard/0medium/-400soft");
        assertThat(c.items().get(1).score()).isEqualTo("0hard/0medium/-450soft");
        Comparison.Diff d = c.diffs().get(0);
        assertThat(d.score()).isEqualTo("worse");
        assertThat(d.opened()).containsExactly("B");
        assertThat(d.closed()).isEmpty();
        assertThat(d.reassigned()).containsExactly(new Comparison.Reassignment("v2", "school", "A", "B"));
        assertThat(d.constraints())
                .contains(
                        new Comparison.ConstraintChange(
                                "Opening cost", "0hard/0medium/-200soft", "0hard/0medium/-400soft", "worse"),
                        new Comparison.ConstraintChange(
                                "Assignment cost", "0hard/0medium/-200soft", "0hard/0medium/-50soft", "better"));
        assertThat(c.items().get(1).figures()).containsEntry("cost.openingCost", 400.0);
    }

    private static JsonNode transfers(double budget) {
        FundsProblem p = new FundsProblem(
                "funds",
                "b" + budget,
                null,
                null,
                budget,
                1.0,
                List.of(
                        new RegionSpec("poor", null, 10.0, 0.0, 100.0, null, null, null, null),
                        new RegionSpec("mid", null, 10.0, 50.0, 100.0, null, null, null, null),
                        new RegionSpec("rich", null, 10.0, 120.0, 100.0, null, null, null, null)),
                null);
        return json(new FundsModel().solve(p, SolveOptions.ofSeconds(2), x -> {}));
    }

    @Test
    void fundsShowEachRegionsChange() {
        // Budget 50: poor alone up to 50 (coverage 0.5 = mid's). Budget 150: both to coverage 1.0 (100 + 50).
        Comparison c = Models.compare(List.of("small", "large"), List.of(transfers(50), transfers(150)));
        List<Comparison.RegionChange> regions = c.diffs().get(0).regions();
        assertThat(regions.get(0).amountFrom()).isEqualTo(50.0);
        assertThat(regions.get(0).amountTo()).isEqualTo(100.0);
        assertThat(regions.get(1).amountChange()).isEqualTo(50.0);
        assertThat(regions.get(1).coverageTo()).isCloseTo(1.0, within(1e-12));
        assertThat(regions.get(2).amountChange()).isZero();
        assertThat(c.items().get(1).figures().get("coverage.gini"))
                .isLessThan(c.items().get(0).figures().get("coverage.gini"));
    }

    @Test
    void kindsMustMatchAndTwoAreNeeded() {
        assertThatThrownBy(() -> Models.compare(List.of("a", "b"), List.of(schools(100), transfers(50))))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageContaining("b: is a 'funds' answer");
        assertThatThrownBy(() -> Models.compare(List.of("a"), List.of(schools(100))))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageContaining("at least two");
    }

    @Test
    void answersReadBackAsTheRecordsThatWroteThem() {
        FacilityModel facilities = new FacilityModel();
        JsonNode written = schools(60);
        FacilityAnswer answer = facilities.readAnswer(written);
        assertThat(Json.readTree(Json.write(answer))).isEqualTo(written);
        assertThat(answer.bound()).isNotNull();
        // A field an older or newer version wrote is ignored, not refused: stored answers stay readable.
        ((com.fasterxml.jackson.databind.node.ObjectNode) written).put("retired", 1);
        assertThat(facilities.readAnswer(written)).isEqualTo(answer);
        FundsModel funds = new FundsModel();
        JsonNode transfer = transfers(50);
        assertThat(Json.readTree(Json.write(funds.readAnswer(transfer)))).isEqualTo(transfer);
    }

    @Test
    void csvHasOneRowPerAssignmentOrRegion() {
        String facilities = Models.csv(schools(60));
        assertThat(facilities.lines())
                .containsExactly("demand,service,site,distance", "v1,school,A,0.0", "v2,school,B,1.0");
        String funds = Models.csv(transfers(50));
        assertThat(funds.lines().findFirst().orElseThrow()).startsWith("region,name,group,amount,coverage");
        assertThat(funds.lines()).hasSize(4);
        assertThat(funds.lines().skip(1).findFirst().orElseThrow()).startsWith("poor,poor,,50,0.5,");
    }
}
