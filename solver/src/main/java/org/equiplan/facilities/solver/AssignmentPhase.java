package org.equiplan.facilities.solver;

import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.exact.CpSat;
import org.equiplan.facilities.exact.SitingWindow;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every customer re-assigned among the open sites (the assignment window's model, which may also close some of them),
 * once, before the second search's local search: that search starts on the relaxation's open sites with the
 * Lagrangian heuristic's greedy assignment, and its moves shift the open set away before the assignment is right.
 *
 * <p>Both engines solve it from that plan, SCIP for a third of the time and then CP-SAT for the rest (unless SCIP
 * proved its plan), and the cheaper plan is tried: each is far better than the other on some of the tight sets. On
 * 30x200-s1 CP-SAT left the relaxation's 14 sites 4% dear after 5 s (30,707 to 30,633) where SCIP's linear relaxation
 * reached 29,400 in 2.5 s; on 60x300-s1 SCIP changed little in 2.5 s (40,462 to 40,369) where CP-SAT reached 38,646 in
 * 5 s. Chained, the second engine did worse from the first one's plan than from the greedy one (CP-SAT from SCIP's
 * plan reached 39,492 on 60x300-s1, SCIP from CP-SAT's 30,618 on 30x200-s1; benchmark/results/issue9-mip-assignment-2026-12-02).
 * The change is kept only if the score, with every rule of the format, says it is better.
 */
final class AssignmentPhase implements CustomPhaseCommand<FacilityPlan> {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentPhase.class);

    /** Share of the phase's time SCIP has; CP-SAT has the rest. */
    static final double MIP_SHARE = 1.0 / 3;

    private final long millis;
    private final int seed;

    /** At most {@code millis} for all services together; {@code seed} for both engines. */
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
        // A solve here may take seconds, which no termination cuts: the end of the solve stops it instead.
        BooleanSupplier stop = plan.getHints()::ending;
        long end = System.currentTimeMillis() + millis;
        for (Service service : plan.getServices()) {
            long left = end - System.currentTimeMillis();
            if (left <= 0 || stop.getAsBoolean()) {
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
            SitingWindow.Side side = WindowMoveFactory.side(plan, model, open);
            SitingWindow.Result mip = SitingWindow.solve(
                    model, siteOf, open, side, left * MIP_SHARE / 1000.0, seed, SitingWindow.Engine.MIP, stop);
            SitingWindow.Result result = mip;
            if (!mip.proven()) {
                SitingWindow.Result cpSat = SitingWindow.solve(
                        model,
                        siteOf,
                        open,
                        side,
                        (end - System.currentTimeMillis()) / 1000.0,
                        seed,
                        SitingWindow.Engine.CP_SAT,
                        stop);
                if (cpSat.status() == SitingWindow.Status.IMPROVED
                        && (mip.status() != SitingWindow.Status.IMPROVED || cpSat.after() < mip.after())) {
                    result = cpSat;
                }
            }
            boolean kept = false;
            if (result.status() == SitingWindow.Status.IMPROVED) {
                kept = Restart.tryTargets(
                        scoreDirector,
                        model.assignmentsIn(plan),
                        plan.getSiteTable().get(service, result.siteOf()));
            }
            LOG.info(
                    "Customers of service {} re-assigned among its {} open sites: {} to {} by {} (SCIP {}{}) in {} ms ({}{})",
                    service,
                    open.length,
                    result.before(),
                    result.after(),
                    result == mip ? "SCIP" : "CP-SAT",
                    mip.after(),
                    mip.proven() ? ", proven" : "",
                    System.currentTimeMillis() - start,
                    result.status(),
                    kept ? "" : ", not kept");
        }
    }
}
