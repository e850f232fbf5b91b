package org.equiplan.facilities.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.FacilityValidator;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.solver.FacilitySolver;
import org.equiplan.problem.InvalidProblemException;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;

/** The importers on the real OR-Library files in data/orlib, checked against figures read off the files. */
class OrLibraryTest {

    private static final SolutionManager<FacilityPlan, HardMediumSoftLongScore> SCORING =
            SolutionManager.create(SolverFactory.create(FacilitySolver.scoringConfig()));

    private static String read(String name) throws Exception {
        return Files.readString(Path.of("../data/orlib/" + name));
    }

    @Test
    void cap131GivenAssignmentCostsWhatTheFileSays() throws Exception {
        FacilityProblem p = OrLibrary.capacitated(read("cap131.txt"), "cap131", null);
        assertThat(FacilityValidator.validate(p)).isEmpty();
        assertThat(p.sites()).hasSize(50);
        assertThat(p.demands()).hasSize(50);
        // Warehouse 1: "58268 7500." ; customer 1's demand 146, its cost at warehouse 1: 2609.75
        assertThat(p.sites().get(0).capacity()).isEqualTo(58268.0);
        assertThat(p.sites().get(0).openingCost()).isEqualTo(7500.0);
        assertThat(p.demands().get(0).demand()).containsEntry("warehouse", 146.0);
        assertThat(p.assignmentCosts().get(0).get(0)).isEqualTo(2609.75);

        FacilityPlan plan = FacilityPlanBuilder.build(p);
        for (int j = 1; j <= 50; j++) {
            TestProblems.assign(plan, "c" + j + "/warehouse", "w1");
        }
        HardMediumSoftLongScore score = SCORING.update(plan);
        // Everyone to warehouse 1: 7500 fixed plus each customer's first cost, summed over the file
        // with awk: 3,449,476.725. Costs have up to 4 decimals, so they are kept in ten-thousandths.
        assertThat(plan.getLimits().costScale()).isEqualTo(10_000);
        assertThat(score).isEqualTo(HardMediumSoftLongScore.of(0, 0, -3_456_976_7250L));
    }

    @Test
    void pmed1ShortestPaths() throws Exception {
        FacilityProblem p = OrLibrary.pMedian(read("pmed1.txt"), "pmed1");
        assertThat(p.demands()).hasSize(100);
        assertThat(p.limits().open().get("median").exactly()).isEqualTo(5);
        var d = p.distances().matrix();
        // From vertex 1, by a separate Dijkstra over the file: to 2 = 30, to 50 = 119, to 100 = 88.
        assertThat(d.get(0).get(1)).isEqualTo(30.0);
        assertThat(d.get(0).get(49)).isEqualTo(119.0);
        assertThat(d.get(0).get(99)).isEqualTo(88.0);
        assertThat(d.get(0).get(0)).isEqualTo(0.0);
        // Symmetric, and the triangle inequality holds (shortest paths).
        for (int i = 0; i < 100; i += 7) {
            for (int j = 0; j < 100; j += 3) {
                assertThat(d.get(i).get(j)).isEqualTo(d.get(j).get(i));
                for (int k = 0; k < 100; k += 11) {
                    assertThat(d.get(i).get(j))
                            .isLessThanOrEqualTo(d.get(i).get(k) + d.get(k).get(j));
                }
            }
        }
    }

    @Test
    void truncatedAndNonNumericFilesAreNamed() {
        assertThatThrownBy(() -> OrLibrary.pMedian("10 2 3\n1 2 5\n", "x"))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageContaining("edge 2 start: the file ends early");
        assertThatThrownBy(() -> OrLibrary.capacitated("1 1\ncapacity 10\n5 3\n", "capa", null))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageContaining("expected a number, got 'capacity'");
        assertThat(OrLibrary.capacitated("1 1\ncapacity 10\n5 3\n", "capa", 8.0)
                        .sites()
                        .get(0)
                        .capacity())
                .isEqualTo(8.0);
    }

    @Test
    void chongyangExampleIsValidAndReproducible() throws Exception {
        String places = Files.readString(Path.of("../data/cn/cn_county_421223_chongyang_places.csv"));
        FacilityProblem a = Chongyang.fromPlaces(places, 2019);
        FacilityProblem b = Chongyang.fromPlaces(places, 2019);
        assertThat(FacilityValidator.validate(a)).isEmpty();
        assertThat(a).isEqualTo(b);
        // 203 village-level units less the industrial park's virtual community; 12 townships with coordinates.
        assertThat(a.demands()).hasSize(202);
        assertThat(a.regions()).hasSize(12);
        assertThat(a.sites())
                .filteredOn(s -> s.state() == FacilityProblem.SiteState.REQUIRED)
                .hasSize(24);
    }
}
