package org.equiplan.facilities.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.FacilityProblem.TravelStandardPenalty;
import org.equiplan.facilities.FacilityValidator;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.problem.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Chongyang examples in data/examples are exactly what the importer makes from the places file. */
class ChongyangTest {

    private static String places;

    @BeforeAll
    static void read() throws Exception {
        places = Files.readString(Path.of("../data/cn/cn_county_421223_chongyang_places.csv"));
    }

    private static com.fasterxml.jackson.databind.JsonNode example(String name) throws Exception {
        return Json.readTree(Files.readString(Path.of("../data/examples/" + name + ".json")));
    }

    @Test
    void theSitingExampleIsTheImportersOutput() throws Exception {
        FacilityProblem p = Chongyang.fromPlaces(places, 2019);
        assertThat(Json.readTree(Json.write(p))).isEqualTo(example("chongyang-facilities"));
        assertThat(FacilityValidator.validate(p)).isEmpty();
        assertThat(p.demands()).hasSize(202);
        assertThat(p.regions()).hasSize(12);
    }

    @Test
    void theCoverageExampleKeepsTheClinicsAndCountsUncoveredResidents() throws Exception {
        FacilityProblem p = Chongyang.clinicCoverage(places, 2019, 6, 4);
        assertThat(Json.readTree(Json.write(p))).isEqualTo(example("chongyang-clinic-coverage"));
        assertThat(FacilityValidator.validate(p)).isEmpty();
        assertThat(p.services()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("clinic");
            assertThat(s.maxDistance()).isEqualTo(4.0);
        });
        long required =
                p.sites().stream().filter(s -> s.state() == SiteState.REQUIRED).count();
        assertThat(required).isEqualTo(12);
        assertThat(p.sites()).hasSize(48).allMatch(s -> s.service().equals("clinic"));
        assertThat(p.limits().open().get("clinic").exactly()).isEqualTo(18);
        assertThat(p.objective().travelStandardPenalty()).isEqualTo(TravelStandardPenalty.UNCOVERED_DEMAND);
        // The same residents as the siting example's clinic demand.
        double residents =
                p.demands().stream().mapToDouble(d -> d.demand().get("clinic")).sum();
        double original = Chongyang.fromPlaces(places, 2019).demands().stream()
                .mapToDouble(d -> d.demand().getOrDefault("clinic", 0.0))
                .sum();
        assertThat(residents).isEqualTo(original).isPositive();
    }

    @Test
    void impossibleUpgradeCountsAndRadiiAreNamed() {
        assertThatThrownBy(() -> Chongyang.clinicCoverage(places, 2019, 37, 4))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageContaining("36 candidate clinics");
        assertThatThrownBy(() -> Chongyang.clinicCoverage(places, 2019, 3, 0))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageContaining("positive");
    }
}
