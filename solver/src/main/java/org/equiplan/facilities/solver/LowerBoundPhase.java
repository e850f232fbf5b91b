package org.equiplan.facilities.solver;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.equiplan.facilities.bound.FacilityBound;
import org.equiplan.facilities.bound.LagrangianRelaxation;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Site;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;
import org.optaplanner.core.impl.score.director.InnerScoreDirector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs after the construction (so the first feasible answer never waits for it): computes the lower
 * bound ({@link FacilityBound}), leaves it and the sites' Lagrangian values in the plan's
 * {@link org.equiplan.facilities.domain.SearchHints} for reports and moves, and restarts the search from
 * the Lagrangian heuristic's plan of each service where that scores better than the construction.
 * Deterministic unless {@code stop} (a share of the time limit, or a stop request) cuts it short.
 */
public final class LowerBoundPhase implements CustomPhaseCommand<FacilityPlan> {

    private static final Logger LOG = LoggerFactory.getLogger(LowerBoundPhase.class);

    private final BooleanSupplier stop;
    private final BoundRefiner refiner;

    LowerBoundPhase(BooleanSupplier stop, BoundRefiner refiner) {
        this.stop = stop;
        this.refiner = refiner;
    }

    @Override
    public void changeWorkingSolution(ScoreDirector<FacilityPlan> scoreDirector) {
        FacilityPlan plan = scoreDirector.getWorkingSolution();
        long start = System.nanoTime();
        FacilityBound.Computed computed = FacilityBound.compute(plan, stop);
        plan.getHints().setBound(computed.bound());
        plan.getHints().setSiteValue(computed.siteValues());
        LOG.info(
                "Lower bound {}soft/{}medium after {} iterations in {} ms",
                -computed.bound().softScaled(),
                -computed.bound().breach(),
                computed.bound().iterations(),
                (System.nanoTime() - start) / 1_000_000);
        for (int s = 0; s < computed.cost().length; s++) {
            LagrangianRelaxation.Result result = computed.cost()[s];
            if (result != null && result.bestPlan() != null) {
                tryPlan(scoreDirector, computed.costModels()[s], result.bestPlan());
            }
        }
        // Capacities leave a gap that probing and a tree narrow: beside the search, which starts now.
        refiner.start(computed, plan.getHints());
    }

    /** Applies the service's plan; keeps it only if the whole score improves. */
    private static void tryPlan(ScoreDirector<FacilityPlan> scoreDirector, SitingModel model, int[] siteOf) {
        FacilityPlan plan = scoreDirector.getWorkingSolution();
        List<Assignment> assignments = model.assignmentsIn(plan);
        var score = (HardMediumSoftLongScore) ((InnerScoreDirector<FacilityPlan, ?>) scoreDirector).calculateScore();
        Site[] before = new Site[siteOf.length];
        for (int j = 0; j < siteOf.length; j++) {
            Assignment a = assignments.get(j);
            before[j] = a.getSite();
            move(scoreDirector, a, plan.getSiteTable().get(model.service(), siteOf[j]));
        }
        scoreDirector.triggerVariableListeners();
        var after = (HardMediumSoftLongScore) ((InnerScoreDirector<FacilityPlan, ?>) scoreDirector).calculateScore();
        if (after.compareTo(score) <= 0) {
            for (int j = 0; j < siteOf.length; j++) {
                move(scoreDirector, assignments.get(j), before[j]);
            }
            scoreDirector.triggerVariableListeners();
            ((InnerScoreDirector<FacilityPlan, ?>) scoreDirector).calculateScore();
        } else {
            LOG.info("Search restarts from the Lagrangian plan of service {}: {} -> {}", model.service(), score, after);
        }
    }

    private static void move(ScoreDirector<FacilityPlan> scoreDirector, Assignment a, Site target) {
        if (a.getSite() != target) {
            scoreDirector.beforeVariableChanged(a, "site");
            a.setSite(target);
            scoreDirector.afterVariableChanged(a, "site");
        }
    }
}
