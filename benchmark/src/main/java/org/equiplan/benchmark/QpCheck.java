package org.equiplan.benchmark;

import java.util.ArrayList;
import java.util.List;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RankOrder;
import org.equiplan.funds.domain.RegionAllocation;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The continuous relaxation of a single-year transfer problem as a general convex QP solved by ojAlgo: an
 * independent check of Equiplan's structured bound (water-filling, and the rank rule's implied bounds) and the
 * measurement behind choosing the structured method. Variables are coverage increments x_i = T_i / E_i, the
 * objective sum (E_i / sum E) (r_i + x_i)^2, so that the model is well scaled; the rank rule enters pairwise,
 * x_j - x_i >= r_i - r_j - tolerance - U / E_i - U / E_j for region i below j before transfers.
 */
final class QpCheck {

    /** ojAlgo's optimum in the plan's units (sum (R + T)^2 / E), its state, and the seconds it took. */
    record Result(double objective, String state, double seconds, int constraints) {}

    private QpCheck() {}

    static Result solve(FundsPlan plan, long totalUnits, boolean rank) {
        long t0 = System.nanoTime();
        List<RegionAllocation> cells = plan.getAllocations();
        int n = cells.size();
        double totalE = 0;
        for (RegionAllocation r : cells) {
            totalE += r.getExpenditure();
        }
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        List<Variable> x = new ArrayList<>();
        Expression objective = model.addExpression("objective").weight(1);
        double constant = 0;
        Expression budget =
                model.addExpression("budget").level(totalUnits * plan.getRules().unit() / totalE);
        for (int i = 0; i < n; i++) {
            RegionAllocation r = cells.get(i);
            double e = r.getExpenditure();
            double share = e / totalE;
            double before = r.getRevenue() / e;
            // Ranges as the plan states them: the rank rule's implied bounds are left to the pairwise constraints.
            Variable v = model.addVariable("x" + i)
                    .lower(r.getRuleLower() * r.getUnit() / e)
                    .upper(r.getRuleUpper() * r.getUnit() / e);
            x.add(v);
            objective.set(v, v, share);
            objective.set(v, 2 * share * before);
            constant += share * before * before;
            budget.set(v, share);
        }
        int constraints = 1;
        RankOrder order = n == 0 ? null : cells.get(0).getRankOrder();
        if (rank && order != null && !order.perCapita()) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (order.before(i) < order.before(j)) {
                        Expression pair = model.addExpression("rank" + i + "_" + j)
                                .lower(order.before(i)
                                        - order.before(j)
                                        - order.tolerance()
                                        - order.unitSlack(i)
                                        - order.unitSlack(j));
                        pair.set(x.get(j), 1);
                        pair.set(x.get(i), -1);
                        constraints++;
                    }
                }
            }
        }
        Optimisation.Result result = model.minimise();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(
                (result.getValue() + constant) * totalE, result.getState().toString(), seconds, constraints);
    }
}
