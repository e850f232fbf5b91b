package org.equiplan.facilities.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.domain.FacilityPlan;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;

/** The second search's first phase: every customer re-assigned among the open sites, exactly. */
class AssignmentPhaseTest {

    /** The cost of the cheapest plan that sends every customer to one of {@code open} within capacities. */
    static long cheapestAmong(SitingModel m, int[] open) {
        int[][] options = new int[m.customerCount()][];
        for (int j = 0; j < options.length; j++) {
            int customer = j;
            options[j] =
                    IntStream.of(open).filter(i -> m.costAt(customer, i) >= 0).toArray();
        }
        int[] plan = WindowSearchTest.cheapestPlan(m, options);
        return plan == null ? Long.MAX_VALUE : m.objective(plan);
    }

    private static int[] openSites(SitingModel m) {
        return IntStream.range(0, m.customerCount())
                .map(j -> m.assignment(j).getSite().getServiceIndex())
                .distinct()
                .sorted()
                .toArray();
    }

    /**
     * Under FULL_ASSERT, on small tight problems: after the construction the phase leaves the cheapest plan among the
     * construction's open sites (enumerated), on at least one problem cheaper than the construction's own.
     */
    @Test
    void leavesTheCheapestAssignmentAmongTheOpenSites() {
        Random r = new Random(17);
        int checked = 0;
        int improved = 0;
        for (int instance = 0; checked < 8 && instance < 200; instance++) {
            FacilityPlan plan = FacilityPlanBuilder.build(TestProblems.smallTight(r, false));
            if (!WindowMoveFactory.appliesTo(plan)) {
                continue;
            }
            FacilityPlan constructed = SolverFactory.<FacilityPlan>create(FacilitySolver.scoringConfig()
                            .withPhases(new CustomPhaseConfig()
                                    .withCustomPhaseCommandClassList(List.of(GreedyOpening.class))))
                    .buildSolver()
                    .solve(plan);
            if (!constructed.getScore().isFeasible()) {
                continue;
            }
            SitingModel before =
                    SitingModel.of(constructed, constructed.getServices().get(0), SitingModel.Level.COST);
            int[] open = openSites(before);
            long cheapest = cheapestAmong(before, open);
            long constructedCost = before.objective(IntStream.range(0, before.customerCount())
                    .map(j -> before.assignment(j).getSite().getServiceIndex())
                    .toArray());

            FacilityPlan assigned = SolverFactory.<FacilityPlan>create(FacilitySolver.scoringConfig()
                            .withEnvironmentMode(EnvironmentMode.FULL_ASSERT)
                            .withPhases(new CustomPhaseConfig()
                                    .withCustomPhaseCommands(new AssignmentPhase(10_000, instance))))
                    .buildSolver()
                    .solve(constructed);

            SitingModel after = SitingModel.of(assigned, assigned.getServices().get(0), SitingModel.Level.COST);
            assertThat(after.costIn(assigned)).as("instance %d", instance).isEqualTo(cheapest);
            assertThat(open).as("instance %d", instance).contains(openSites(after));
            assertThat(assigned.getScore().isFeasible()).isTrue();
            improved += cheapest < constructedCost ? 1 : 0;
            checked++;
        }
        assertThat(checked).isEqualTo(8);
        assertThat(improved).isPositive();
    }
}
