package org.equiplan.facilities.bound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.domain.FacilityPlan;
import org.junit.jupiter.api.Test;

/**
 * The branch and bound over open sites on small single-source problems with tight capacities, against
 * the optimum found by enumerating every assignment: its bound never passes the optimum, never falls below
 * the root's, and the plans it reports (at the end and as it finds them) are feasible and cost what it says.
 */
class BranchAndBoundTest {

    private static SitingModel random(Random r) {
        FacilityPlan plan = FacilityPlanBuilder.build(TestProblems.smallTight(r, false));
        return SitingModel.of(plan, plan.getServices().get(0), SitingModel.Level.COST);
    }

    @Test
    void treeBoundLiesBetweenTheRootAndTheOptimumAndItsPlanIsFeasible() {
        Random r = new Random(9);
        int checked = 0;
        int gapsLeftByRoot = 0;
        int raisedByTree = 0;
        int plansTold = 0;
        for (int instance = 0; instance < 200 && checked < 40; instance++) {
            SitingModel model = random(r);
            long optimum = Enumerated.cost(model, Enumerated.optimum(model));
            if (optimum == Long.MAX_VALUE) {
                continue; // no assignment fits the capacities
            }
            checked++;
            LagrangianRelaxation relaxation = new LagrangianRelaxation(model);
            LagrangianRelaxation.Result root = relaxation.run(Long.MAX_VALUE, 1000, () -> false);
            double start = root.bound();
            List<Long> told = new ArrayList<>();
            // Every other tree starts without the root's plan: the root's heuristic often finds the optimum of these
            // small problems, and then the tree has no better plan to tell.
            boolean withRootPlan = instance % 2 == 0;
            long startUpperBound = withRootPlan ? root.upperBound() : Long.MAX_VALUE;
            BranchAndBound.Outcome tree = BranchAndBound.run(
                    model,
                    relaxation,
                    root,
                    start,
                    startUpperBound,
                    withRootPlan ? root.bestPlan() : null,
                    10_000,
                    () -> false,
                    (plan, cost) -> {
                        // Each plan told is feasible, costs what is said, and beats every one before.
                        assertThat(Enumerated.cost(model, plan)).isEqualTo(cost);
                        assertThat(cost).isLessThan(told.isEmpty() ? startUpperBound : told.get(told.size() - 1));
                        told.add(cost);
                    });
            if (!told.isEmpty()) {
                plansTold++;
                assertThat(told.get(told.size() - 1)).isEqualTo(tree.upperBound());
            }

            assertThat(tree.bound()).as("instance %d", instance).isLessThanOrEqualTo(optimum + 1e-6);
            assertThat(tree.bound()).as("instance %d", instance).isGreaterThanOrEqualTo(start - 1e-6);
            assertThat(tree.upperBound()).as("instance %d", instance).isGreaterThanOrEqualTo(optimum);
            if (tree.plan() != null) {
                assertThat(Enumerated.cost(model, tree.plan()))
                        .as("instance %d", instance)
                        .isEqualTo(tree.upperBound());
            }
            if (tree.proven()) {
                assertThat(tree.upperBound()).as("instance %d", instance).isEqualTo(optimum);
            }
            if (Math.ceil(start - 1e-6) < optimum) {
                gapsLeftByRoot++;
                raisedByTree += tree.bound() > start + 1e-6 ? 1 : 0;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(30);
        // The point of the tree: it narrows gaps that the root leaves. It cannot always close them: with every
        // site fixed the assignment is still relaxed (branching on assignments is left to an exact solver).
        assertThat(gapsLeftByRoot).isGreaterThan(0);
        assertThat(raisedByTree).isGreaterThan(0);
        assertThat(plansTold).isGreaterThan(0);
    }
}
