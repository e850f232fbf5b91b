package org.equiplan.funds.solver;

import java.util.List;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RankOrder;
import org.equiplan.funds.domain.RegionAllocation;
import org.equiplan.funds.domain.YearCoupling;
import org.equiplan.funds.multiyear.YearTightening;

/**
 * A plan built from the prices of {@link RankedPlanBound}, for the search to start again from once it has stalled.
 * First a continuous plan, year by year: each year's exact problem under the whole rank rule ({@link RankedYear}) at
 * the prices of the limits to the year after (what the year must foresee), within the limits around the year before.
 * Then each year is rounded to whole units, every region to a neighbouring unit inside the band of its level (which
 * keeps the rule), and the passes of {@link PlanStart#acrossYears} mend what the rounding broke between years.
 *
 * <p>Why: the search stalls about 7e-4 above the relaxation's optimum on 2,800 counties over three years (a plateau
 * no single shift, swap or year move leaves), while this plan, from converged prices, lands near 1.3e-4 (measured,
 * benchmark/results/issue14-priced-start-2026-11-30). Rounding alone is not enough: at the relaxation's optimum
 * hundreds of pairs are held by a limit and the rule at once, and whole units break some of them.
 */
final class PricedPlan {

    private PricedPlan() {}

    /**
     * Units per cell (the plan's order), or null where the rules' own bounds clash or a year has no rank rule. An
     * earmarked plan's totals are planned as totals (at the prices of its bound, which counts the categories): tried
     * with each year's categories split at their prices too, the plans were no better (2,800 counties, prices at 12
     * and 20 s: 1.8e-5 and 9e-7 of the objective worse), since rounding and mending move the answer by more.
     */
    static long[] of(FundsPlan earmarkedOrNot, double[][] aheadPrice, long[] placed) {
        FundsPlan plan = earmarkedOrNot.earmarked() ? earmarkedOrNot.totalsOnly() : earmarkedOrNot;
        int years = plan.getYears().size();
        List<RegionAllocation> all = plan.getAllocations();
        int n = all.size() / years;
        YearCoupling coupling = all.get(0).getCoupling();
        PlanStart.YearBounds own = PlanStart.YearBounds.of(plan);
        long[][] lower = own.lower();
        long[][] upper = own.upper();
        List<RankOrder> orders = own.orders();
        if (YearTightening.tighten(lower, upper, coupling, orders) >= 0) {
            return null;
        }
        double up = Double.isNaN(coupling.maxGrowth()) ? Double.NaN : 1 + coupling.maxGrowth();
        double down = Double.isNaN(coupling.maxDecline()) ? Double.NaN : 1 - coupling.maxDecline();
        double unit = plan.year(0).getRules().unit();
        long[] out = new long[all.size()];
        double[] before = null;
        for (int y = 0; y < years; y++) {
            double[] from = new double[n];
            double[] to = new double[n];
            for (int i = 0; i < n; i++) {
                from[i] = lower[y][i];
                to[i] = upper[y][i];
                if (before != null) {
                    double last = before[i] / unit;
                    if (!Double.isNaN(down)) {
                        from[i] = Math.max(from[i], Math.min(to[i], down * last));
                    }
                    if (!Double.isNaN(up)) {
                        to[i] = Math.max(from[i], Math.min(to[i], up * last));
                    }
                }
            }
            RankedYear year = RankedYear.within(plan.year(y), aheadPrice[y], placed[y], from, to);
            if (year == null) {
                return null;
            }
            System.arraycopy(year.rounded(placed[y], lower[y], upper[y]), 0, out, y * n, n);
            before = year.transfers();
        }
        return PlanStart.acrossYears(plan, out);
    }
}
