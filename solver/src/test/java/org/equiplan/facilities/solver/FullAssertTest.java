package org.equiplan.facilities.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.FacilityProblem.EquityMode;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.FacilityProblem.TravelStandardPenalty;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.solve.SolveOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;

/**
 * Every phase and move of the facility solver under OptaPlanner's FULL_ASSERT mode, which recomputes
 * the score from scratch after each move and its undo and checks the shadow variables and the cloner:
 * a wrong undo, a stale inverse list or a cloner that drops a field fails here. The shapes cover every
 * neighbourhood: exact counts with capacities (interchanges, exchanges, repartitions), free counts with
 * capacities and a budget (open, close, multi-site interchanges, and the exact windows of both), no capacities
 * (p-median moves and the variable neighbourhood search), and the non-linear terms (regional equity, longest trip, uncovered demand).
 */
class FullAssertTest {

    static List<FacilityProblem> shapes() {
        return List.of(
                lineProblem(null, 3, EquityMode.NONE, false),
                lineProblem(null, null, EquityMode.NONE, false),
                lineProblem(null, null, EquityMode.REGIONAL_MEAN, false),
                lineProblem(5.0, null, EquityMode.SQUARED_DISTANCE, true),
                uncapacitated(),
                pMedian());
    }

    /** Ten villages on two rows, six sites with tight capacities. */
    private static FacilityProblem lineProblem(Double standard, Integer exactly, EquityMode equity, boolean uncovered) {
        TestProblems.Builder b = TestProblems.builder()
                .service("school", standard, 1.0)
                .region("north", true)
                .region("south", false);
        for (int j = 0; j < 10; j++) {
            b.demand("v" + j, j < 5 ? "north" : "south", 2 * j, j % 2 * 3, "school", 5 + j % 4 * 3);
        }
        b.site("A", "school", 1, 0, 25.0, 30, SiteState.EXISTING)
                .site("B", "school", 5, 2, 22.0, 25, SiteState.CANDIDATE)
                .site("C", "school", 9, 0, 30.0, 35, SiteState.CANDIDATE)
                .site("D", "school", 12, 3, 20.0, 20, SiteState.CANDIDATE)
                .site("E", "school", 15, 1, 26.0, 28, SiteState.REQUIRED)
                .site("F", "school", 18, 2, 24.0, 26, SiteState.CANDIDATE);
        if (exactly != null) {
            b.open("school", null, null, exactly);
        } else {
            b.budget(80);
        }
        b.equity(equity, equity == EquityMode.NONE ? 0 : 0.5);
        if (uncovered) {
            b.travelStandardPenalty(TravelStandardPenalty.UNCOVERED_DEMAND).longestTrip(3);
        }
        return b.problem();
    }

    private static FacilityProblem uncapacitated() {
        TestProblems.Builder b =
                TestProblems.builder().service("clinic", null, 1.0).region("r", true);
        for (int j = 0; j < 12; j++) {
            b.demand("v" + j, "r", j * 3 % 17, j * 5 % 11, Map.of("clinic", 1.0 + j % 3));
            b.site("s" + j, "clinic", j * 3 % 17, j * 5 % 11, null, 0, SiteState.CANDIDATE);
        }
        return b.open("clinic", null, null, 3).longestTrip(2).problem();
    }

    /** No capacities and nothing but the sum of costs: the variable neighbourhood search ({@link MedianSearch}). */
    private static FacilityProblem pMedian() {
        TestProblems.Builder b =
                TestProblems.builder().service("clinic", null, 1.0).region("r", true);
        for (int j = 0; j < 14; j++) {
            b.demand("v" + j, "r", j * 3 % 17, j * 5 % 11, Map.of("clinic", 1.0 + j % 3));
            b.site(
                    "s" + j,
                    "clinic",
                    j * 7 % 19,
                    j * 5 % 13,
                    null,
                    j % 3 * 4,
                    j == 5 ? SiteState.REQUIRED : SiteState.CANDIDATE);
        }
        return b.open("clinic", null, null, 4).problem();
    }

    private static boolean windows(LocalSearchPhaseConfig phase) {
        return phase.getMoveSelectorConfig() instanceof MoveIteratorFactoryConfig factory
                && factory.getMoveIteratorFactoryClass() == WindowMoveFactory.class;
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void everyMoveKeepsTheScoreAndShadowVariablesCorrect(FacilityProblem problem) {
        FacilityPlan plan = FacilityPlanBuilder.build(problem);
        SolverConfig config = FacilitySolver.config(new SolveOptions(600, null, null, 3), plan)
                .withEnvironmentMode(EnvironmentMode.FULL_ASSERT);
        // A fixed amount of work (score calculations, each move and its undo checked), not a time: at a
        // local optimum of a tiny plan late acceptance may take no step at all, so steps cannot be counted.
        config.getPhaseConfigList().stream()
                .filter(phase -> phase instanceof LocalSearchPhaseConfig)
                .forEach(phase -> phase.setTerminationConfig(
                        windows((LocalSearchPhaseConfig) phase)
                                // Each window move is an exact solve: fewer of them, and never past a few seconds
                                // (only improving windows are scored, so a count alone may not end the phase).
                                ? new TerminationConfig()
                                        .withScoreCalculationCountLimit(40L)
                                        .withSpentLimit(java.time.Duration.ofSeconds(5))
                                : new TerminationConfig().withScoreCalculationCountLimit(4000L)));
        FacilityPlan best =
                SolverFactory.<FacilityPlan>create(config).buildSolver().solve(plan);
        assertThat(best.getScore().isSolutionInitialized()).isTrue();
        assertThat(best.getAssignments()).allMatch(a -> a.getSite() != null);
        // The bound phase ran and left a bound no better than the plan found.
        assertThat(best.getHints().bound()).isNotNull();
        if (best.getScore().isFeasible()) {
            assertThat(best.getHints().bound().softScaled())
                    .isLessThanOrEqualTo(-best.getScore().softScore());
        }
    }
}
