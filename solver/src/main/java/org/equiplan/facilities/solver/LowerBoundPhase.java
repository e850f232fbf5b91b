package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.equiplan.facilities.bound.FacilityBound;
import org.equiplan.facilities.bound.LagrangianRelaxation;
import org.equiplan.facilities.bound.ReducedCostFixing;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;
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
    private final SecondSearch second;

    /** {@code second}: the search that takes the tree's core once the tree ends; null where none follows. */
    LowerBoundPhase(BooleanSupplier stop, BoundRefiner refiner, SecondSearch second) {
        this.stop = stop;
        this.refiner = refiner;
        this.second = second;
    }

    @Override
    public void changeWorkingSolution(ScoreDirector<FacilityPlan> scoreDirector) {
        FacilityPlan plan = scoreDirector.getWorkingSolution();
        long start = System.nanoTime();
        FacilityBound.Computed computed = FacilityBound.compute(plan, stop);
        plan.getHints().setBound(computed.bound());
        plan.getHints().setSiteValue(computed.siteValues());
        plan.getHints().setRadiusFloor(computed.radiusFloors());
        plan.getHints().setSetRatings(computed.setRatings());
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
        double[][] floors = openFloors(plan, computed);
        plan.getHints().setOpenFloor(floors);
        plan.getHints().setClosedForGood(closedForGood(scoreDirector.getWorkingSolution(), computed, floors));
        // Capacities leave a gap that a tree narrows: beside the search, which starts now. A second search then
        // starts from the relaxation's own open sites.
        FacilityPlan secondRoot = second == null ? null : secondRoot(scoreDirector, computed);
        refiner.start(computed, plan.getHints(), secondRoot == null ? () -> {} : () -> second.start(secondRoot));
    }

    /**
     * The plan the second search starts from: each service on the open sites of its relaxation at the best multipliers
     * ({@link FacilityBound.Computed#relaxedSetPlan}), where that plan meets the hard rules; else the plan at hand. The
     * first search goes on from the cheapest plan the Lagrangian heuristic found on the way, which on tight sets opens
     * other sites: on 60x300-s1 16 sites, 10 of the best known plan's 14, against the relaxation's 14 sites with 11 of
     * them, whose transportation cost (demand split) is 0.06% above the best set's. Started from the same plan, both
     * searches settled on sets 0.5 to 0.9% dearer than the best known there.
     */
    static FacilityPlan secondRoot(ScoreDirector<FacilityPlan> scoreDirector, FacilityBound.Computed computed) {
        FacilityPlan plan = scoreDirector.getWorkingSolution();
        List<Assignment> assignments = new ArrayList<>();
        List<Site> targets = new ArrayList<>();
        for (Service service : plan.getServices()) {
            int[] siteOf = computed.relaxedSetPlan(service.getIndex());
            if (siteOf == null) {
                continue;
            }
            assignments.addAll(computed.costModels()[service.getIndex()].assignmentsIn(plan));
            targets.addAll(List.of(plan.getSiteTable().get(service, siteOf)));
        }
        if (!assignments.isEmpty()) {
            FacilityPlan copy = Restart.copyWith(scoreDirector, assignments, targets.toArray(Site[]::new));
            if (copy.getScore().isFeasible()) {
                return copy;
            }
        }
        return ((InnerScoreDirector<FacilityPlan, ?>) scoreDirector).cloneWorkingSolution();
    }

    /**
     * Per service: a lower bound on its cost in every plan that opens each site ({@link ReducedCostFixing}), for
     * p-median services (no capacities, travel standard, longest trip or regional equity, an exact count), where
     * the linear part the relaxation bounds is the whole objective. With a travel standard (maximal covering) a
     * site dear in cost may be the one that covers: measured, fixing on cost alone left San Francisco's p = 1
     * covering 19% short.
     */
    private static double[][] openFloors(FacilityPlan plan, FacilityBound.Computed computed) {
        double[][] floors = new double[computed.cost().length][];
        for (Service service : plan.getServices()) {
            int s = service.getIndex();
            SitingModel model = computed.costModels()[s];
            if (model == null
                    || service.getMaxDistance() != null // a travel standard comes first: the cost is not all
                    || !OpenCounts.exactCount(service)
                    || !Substitution.appliesToSum(
                            service, plan.getSiteTable().of(service), model.assignmentsIn(plan))) {
                continue;
            }
            floors[s] = ReducedCostFixing.openFloors(model, computed.cost()[s]);
        }
        return floors;
    }

    /** Per service: the sites that no plan cheaper than the one at hand opens. */
    private static boolean[][] closedForGood(FacilityPlan plan, FacilityBound.Computed computed, double[][] floors) {
        boolean[][] closed = new boolean[floors.length][];
        int fixed = 0;
        for (Service service : plan.getServices()) {
            int s = service.getIndex();
            if (floors[s] == null) {
                continue;
            }
            long cost = computed.costModels()[s].costIn(plan);
            if (cost == Long.MAX_VALUE) {
                continue;
            }
            closed[s] = new boolean[floors[s].length];
            for (int i = 0; i < floors[s].length; i++) {
                closed[s][i] = ReducedCostFixing.exceeds(floors[s][i], cost);
                fixed += closed[s][i] ? 1 : 0;
            }
        }
        if (fixed > 0) {
            LOG.info("Reduced-cost fixing leaves {} sites closed for good", fixed);
        }
        return closed;
    }

    /** Applies the service's plan; keeps it only if the whole score improves. */
    private static void tryPlan(ScoreDirector<FacilityPlan> scoreDirector, SitingModel model, int[] siteOf) {
        FacilityPlan plan = scoreDirector.getWorkingSolution();
        Site[] targets = plan.getSiteTable().get(model.service(), siteOf);
        if (Restart.tryTargets(scoreDirector, model.assignmentsIn(plan), targets)) {
            LOG.info(
                    "Search restarts from the Lagrangian plan of service {}: {}",
                    model.service(),
                    ((InnerScoreDirector<FacilityPlan, ?>) scoreDirector).calculateScore());
        }
    }
}
