package org.equiplan.facilities.solver;

import java.util.List;
import org.equiplan.facilities.domain.FacilityPlan;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;

/** The construction alone, for tests that start a phase or a search from its plan. */
final class Construction {

    private Construction() {}

    /** The construction's plan (a copy: {@code plan} stays as it is). */
    static FacilityPlan of(FacilityPlan plan) {
        return SolverFactory.<FacilityPlan>create(FacilitySolver.scoringConfig()
                        .withPhases(
                                new CustomPhaseConfig().withCustomPhaseCommandClassList(List.of(GreedyOpening.class))))
                .buildSolver()
                .solve(plan);
    }
}
