package org.equiplan.facilities.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.bound.FacilityBound;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.importers.Holmberg;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;

/** The plan the second search starts from: the relaxation's own open sites, the working plan left as it was. */
class SecondRootTest {

    private record Seen(FacilityPlan root, FacilityBound.Computed computed, String[] before, String[] after) {}

    /** Constructs the plan, then, under FULL_ASSERT, computes the bound and the second search's root from it. */
    private static Seen rootOf(FacilityPlan plan) {
        AtomicReference<Seen> seen = new AtomicReference<>();
        CustomPhaseCommand<FacilityPlan> capture = scoreDirector -> {
            FacilityPlan working = scoreDirector.getWorkingSolution();
            String[] before = sites(working);
            FacilityBound.Computed computed = FacilityBound.compute(working, () -> false);
            FacilityPlan root = LowerBoundPhase.secondRoot(scoreDirector, computed);
            seen.set(new Seen(root, computed, before, sites(working)));
        };
        SolverFactory.<FacilityPlan>create(FacilitySolver.scoringConfig()
                        .withEnvironmentMode(EnvironmentMode.FULL_ASSERT)
                        .withPhases(
                                new CustomPhaseConfig().withCustomPhaseCommandClassList(List.of(GreedyOpening.class)),
                                new CustomPhaseConfig().withCustomPhaseCommands(capture)))
                .buildSolver()
                .solve(plan);
        return seen.get();
    }

    private static String[] sites(FacilityPlan plan) {
        return plan.getAssignments().stream()
                .map(Assignment::getSite)
                .map(s -> s == null ? null : s.getId())
                .toArray(String[]::new);
    }

    /**
     * On Holmberg's p1-p4 (capacitated, one site per customer, the relaxation's sets short of the optimum's on some):
     * the root assigns every customer as the relaxation's plan does, opens every site the relaxation opens, keeps the
     * capacities, and the working plan is the one the construction left.
     */
    @Test
    void theRootOpensTheRelaxationsSitesAndLeavesTheWorkingPlanAlone() throws Exception {
        int differing = 0;
        for (int k = 1; k <= 4; k++) {
            FacilityPlan plan = FacilityPlanBuilder.build(Holmberg.read(
                    Files.readString(Path.of("../data/sscflp-holmberg/p" + k), StandardCharsets.ISO_8859_1), "p" + k));
            Seen seen = rootOf(plan);
            SitingModel model = seen.computed().costModels()[0];
            int[] expected = seen.computed().relaxedSetPlan(0);
            assertThat(expected).as("p%d", k).isNotNull();

            assertThat(seen.after()).as("p%d", k).containsExactly(seen.before());
            List<Assignment> rooted = model.assignmentsIn(seen.root());
            int[] siteOf =
                    rooted.stream().mapToInt(a -> a.getSite().getServiceIndex()).toArray();
            assertThat(siteOf).as("p%d", k).containsExactly(expected);
            boolean[] relaxedOpen = seen.computed().cost()[0].open();
            for (int i = 0; i < relaxedOpen.length; i++) {
                int site = i;
                if (relaxedOpen[i]) {
                    assertThat(IntStream.of(siteOf).anyMatch(s -> s == site))
                            .as("p%d site %d", k, i)
                            .isTrue();
                }
            }
            assertThat(seen.root().getScore().isFeasible()).as("p%d", k).isTrue();
            assertThat(FacilitySolver.SCORING.update(seen.root()))
                    .isEqualTo(seen.root().getScore());
            differing += List.of(sites(seen.root())).equals(List.of(seen.before())) ? 0 : 1;
        }
        assertThat(differing).isPositive(); // the root is not the construction's plan over again
    }
}
