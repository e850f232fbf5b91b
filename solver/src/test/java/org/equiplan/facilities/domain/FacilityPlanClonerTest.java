package org.equiplan.facilities.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.FacilityProblem.EquityMode;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.solver.FacilitySolver;
import org.equiplan.solve.SolveOptions;
import org.junit.jupiter.api.Test;

/**
 * The hand-written cloner: a clone has its own sites and assignments (changing one leaves the original as it
 * was), the same assignment per village, the same inverse lists in the same order, the same score when scored
 * afresh, and shares the facts and the search hints.
 */
class FacilityPlanClonerTest {

    private static FacilityPlan solvedPlan() {
        TestProblems.Builder b = TestProblems.builder()
                .service("school", 6.0, 1.0)
                .region("north", true)
                .region("south", false);
        for (int j = 0; j < 12; j++) {
            b.demand("v" + j, j < 6 ? "north" : "south", 2 * j, j % 3 * 2, "school", 4 + j % 5 * 3);
        }
        b.site("A", "school", 1, 0, 30.0, 30, SiteState.EXISTING)
                .site("B", "school", 8, 2, 25.0, 25, SiteState.CANDIDATE)
                .site("C", "school", 14, 1, 30.0, 35, SiteState.CANDIDATE)
                .site("D", "school", 20, 3, 28.0, 20, SiteState.CANDIDATE);
        b.equity(EquityMode.REGIONAL_MEAN, 0.5);
        return FacilitySolver.solve(
                FacilityPlanBuilder.build(b.problem()), new SolveOptions(1, null, null, 4), p -> {});
    }

    @Test
    void cloneIsIndependentAndEqualInEverythingTheScoreReads() {
        FacilityPlan original = solvedPlan();
        FacilityPlan clone = new FacilityPlanCloner().cloneSolution(original);

        assertThat(clone.getScore()).isEqualTo(original.getScore());
        assertThat(FacilitySolver.SCORING.update(clone)).isEqualTo(FacilitySolver.SCORING.update(original));
        assertThat(clone.getServices()).isSameAs(original.getServices());
        assertThat(clone.getHints()).isSameAs(original.getHints());
        for (int i = 0; i < original.getAssignments().size(); i++) {
            Assignment a = original.getAssignments().get(i);
            Assignment c = clone.getAssignments().get(i);
            assertThat(c).isNotSameAs(a);
            assertThat(c.getId()).isEqualTo(a.getId());
            assertThat(c.getSite().getId()).isEqualTo(a.getSite().getId());
            assertThat(clone.getSites()).contains(c.getSite()); // the clone's own site, not the original's
        }
        for (int i = 0; i < original.getSites().size(); i++) {
            Site s = original.getSites().get(i);
            Site c = clone.getSites().get(i);
            assertThat(c).isNotSameAs(s);
            assertThat(c.getAssignments())
                    .extracting(Assignment::getId)
                    .containsExactlyElementsOf(
                            s.getAssignments().stream().map(Assignment::getId).toList());
            assertThat(c.getAssignments()).allMatch(x -> clone.getAssignments().contains(x));
        }

        // Moving a village in the clone leaves the original, its inverse lists and its score as they were.
        Assignment moved = clone.getAssignments().get(0);
        Site from = moved.getSite();
        Site to = moved.getAllowedSites().stream()
                .filter(s -> s != from)
                .findFirst()
                .orElseThrow();
        List<String> before = original.getSites().stream()
                .map(s -> s.getId() + s.getAssignments().size())
                .toList();
        var scoreBefore = FacilitySolver.SCORING.update(original);
        from.getAssignments().remove(moved);
        moved.setSite(to);
        to.getAssignments().add(moved);
        assertThat(original.getAssignments().get(0).getSite().getId()).isEqualTo(from.getId());
        assertThat(original.getSites().stream()
                        .map(s -> s.getId() + s.getAssignments().size())
                        .toList())
                .isEqualTo(before);
        assertThat(FacilitySolver.SCORING.update(original)).isEqualTo(scoreBefore);
    }
}
