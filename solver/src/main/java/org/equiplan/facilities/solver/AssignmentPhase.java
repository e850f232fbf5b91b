package org.equiplan.facilities.solver;

import java.util.stream.IntStream;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;
import org.equiplan.facilities.exact.CpSat;
import org.equiplan.facilities.exact.SitingWindow;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every customer re-assigned among the open sites by CP-SAT (the assignment window's model, which may also close some
 * of them), once, before the second search's local search: that search starts on the relaxation's open sites with the
 * Lagrangian heuristic's greedy assignment, and its moves shift the open set away before the assignment is right.
 * On 60x300-s1 the relaxation's 14 sites went from 40,462 to 38,646 in 5 s (the whole solves of the same seeds had
 * ended at 38,740-38,855), and the solve ended at 38,475-38,476 (benchmark/results/issue9-relaxed-start-2026-12-01).
 * The change is kept only if the score, with every rule of the format, says it is better.
 */
final class AssignmentPhase implements CustomPhaseCommand<FacilityPlan> {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentPhase.class);

    private final long millis;
    private final int seed;

    /** At most {@code millis} for all services together; {@code seed} for CP-SAT. */
    AssignmentPhase(long millis, long seed) {
        this.millis = millis;
        this.seed = (int) seed;
    }

    @Override
    public void changeWorkingSolution(ScoreDirector<FacilityPlan> scoreDirector) {
        if (!CpSat.available()) {
            return; // the local search carries on from the plan as it is
        }
        FacilityPlan plan = scoreDirector.getWorkingSolution();
        long end = System.currentTimeMillis() + millis;
        for (Service service : plan.getServices()) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            if (!WindowMoveFactory.applies(plan, service)) {
                continue;
            }
            SitingModel model = SitingModel.of(plan, service, SitingModel.Level.COST);
            if (model.customerCount() > WindowSchedule.ASSIGNMENT_MAX_CUSTOMERS) {
                continue;
            }
            int[] siteOf = new int[model.customerCount()];
            for (int j = 0; j < siteOf.length; j++) {
                siteOf[j] = model.assignment(j).getSite().getServiceIndex();
            }
            int[] open = IntStream.of(siteOf).distinct().sorted().toArray();
            long start = System.currentTimeMillis();
            SitingWindow.Result result = SitingWindow.solve(
                    model, siteOf, open, WindowMoveFactory.side(plan, model, open), left / 1000.0, seed);
            boolean kept = false;
            if (result.status() == SitingWindow.Status.IMPROVED) {
                Site[] targets = new Site[siteOf.length];
                for (int j = 0; j < siteOf.length; j++) {
                    targets[j] = plan.getSiteTable().get(service, result.siteOf()[j]);
                }
                kept = Restart.tryTargets(scoreDirector, model.assignmentsIn(plan), targets);
            }
            LOG.info(
                    "Customers of service {} re-assigned among its {} open sites: {} to {} in {} ms ({}{})",
                    service,
                    open.length,
                    result.before(),
                    result.after(),
                    System.currentTimeMillis() - start,
                    result.status(),
                    kept ? "" : ", not kept");
        }
    }
}
