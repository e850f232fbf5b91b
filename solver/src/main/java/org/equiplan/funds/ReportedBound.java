package org.equiplan.funds;

import java.util.ArrayList;
import java.util.List;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.Group;
import org.equiplan.funds.earmark.EarmarkSolver;
import org.equiplan.funds.solver.MultiYearBound;
import org.equiplan.funds.solver.RankedPlanBound;
import org.equiplan.funds.solver.RankedRelaxation;
import org.equiplan.problem.Decimals;

/** The bound a transfer answer reports: the largest of the valid bounds for its totals, and how it was obtained. */
record ReportedBound(double value, FundsAnswer.BoundDetail detail) {

    static final String CONTINUOUS =
            "continuous relaxation of the same rules, solved exactly by water-filling (with rank"
                    + " preservation also with the order kept between neighbours; the larger value stands)";
    static final String CATEGORY_PRICES = "continuous relaxation with one price per category budget (Lagrangian dual),"
            + " each region's split into categories solved exactly";
    static final String LIMITS_DUAL = "Lagrangian dual of the continuous relaxation over the year-on-year limits, each"
            + " year's problem solved by water-filling";
    static final String WHOLE_RULE = "Lagrangian dual of the continuous relaxation over the year-on-year limits, each"
            + " year's problem solved exactly under every pair of the rank rule";
    static final String WHOLE_RULE_EARMARKED = "Lagrangian dual of the continuous relaxation over the year-on-year"
            + " limits and the categories' budgets, each year's problem solved exactly under every pair of the rank"
            + " rule with each region's best split into categories";

    /**
     * The largest valid bound for the plan's totals (all are continuous relaxations, so each is below every plan in
     * whole units). Raised beside the search with the whole rank rule (RankedPlanBound), when it ran for these
     * totals: without group caps its yearly problems contain the other bounds' (the same limits' prices, the whole
     * rule instead of neighbours, the categories' split exactly), so those add nothing and are not computed (on an
     * earmarked plan of 2,800 counties over three years they took 4 to 5 s after the time limit).
     */
    static ReportedBound of(FundsPlan plan, long placedUnits, long[] placedPerYear) {
        double whole = plan.multiYear() ? RankedPlanBound.known(plan, placedPerYear) : Double.NEGATIVE_INFINITY;
        boolean capped = plan.getGroups().stream().anyMatch(Group::hasCap);
        List<String> notes = new ArrayList<>();
        double bound = whole;
        String method = plan.earmarked() ? WHOLE_RULE_EARMARKED : WHOLE_RULE;
        if (whole != Double.NEGATIVE_INFINITY) {
            notes.add("raised beside the search until the time limit; every value of the dual is a bound, this is the"
                    + " best one reached");
        }
        if (whole == Double.NEGATIVE_INFINITY || capped) {
            if (whole != Double.NEGATIVE_INFINITY) {
                notes.add("group caps are left out of the yearly problems under the whole rank rule (a relaxation);"
                        + " the larger of that bound and the one with the caps stands");
            }
            double ordinary = plan.multiYear()
                    ? MultiYearBound.of(plan, placedPerYear)
                    : RankedRelaxation.bound(plan, placedUnits);
            if (ordinary > bound) {
                bound = ordinary;
                method = plan.multiYear() ? LIMITS_DUAL : plan.earmarked() ? CATEGORY_PRICES : CONTINUOUS;
            }
            if (plan.earmarked()) {
                // Both are valid: the shares' objective is at least (R + T)^2 / E of their sum (Cauchy-Schwarz).
                double totals = plan.multiYear()
                        ? MultiYearBound.of(plan.totalsOnly(), placedPerYear)
                        : EarmarkSolver.relaxation(plan).bound();
                if (totals > bound) {
                    bound = totals;
                    method = plan.multiYear()
                            ? LIMITS_DUAL + ", on each region's total (the shares cost at least that)"
                            : CATEGORY_PRICES;
                }
            }
        }
        if (RankedPlanBound.appliesTo(plan)) { // years coupled by limits, and the rank rule
            // Measured (benchmark/results/issue14-integer-paths-2026-11-30): on 2,800 counties over three years with
            // rank preservation the gap was 1.2e-4 at a unit of 1e6 and 1.4e-5 at 1e5.
            notes.add("the relaxation is continuous: it does not see that transfers move in whole units of "
                    + Decimals.plain(plan.getRules().unit()) + ", which matters where a year-on-year limit and the rank"
                    + " rule hold a region at once; at a coarse unit part of the gap is the cost of whole units, not of"
                    + " the plan");
        }
        return new ReportedBound(bound, new FundsAnswer.BoundDetail(method, List.copyOf(notes)));
    }
}
