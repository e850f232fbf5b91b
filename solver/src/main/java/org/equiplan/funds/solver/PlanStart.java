package org.equiplan.funds.solver;

import java.util.List;
import java.util.function.Consumer;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RegionAllocation;
import org.equiplan.funds.multiyear.YearTightening;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The start of a multi-year plan: year by year within the limits, the same guided by the Lagrangian relaxation,
 * and passes over the years that mend what a year could not foresee. Local search goes on from it.
 */
public final class PlanStart {

    private PlanStart() {}

    /**
     * The better of two starts for a multi-year plan: year by year (myopic), and the Lagrangian relaxation's
     * transfers rounded year by year within the limits (which knows what later years need).
     */
    public static long[] of(FundsPlan plan) {
        return of(plan, units -> {});
    }

    /**
     * As above, handing {@code early} the myopic start mended by passes over the years before the guided start is
     * built: the relaxation behind the guided one takes seconds at county scale, and the mended start is usually
     * feasible already.
     */
    public static long[] of(FundsPlan plan, Consumer<long[]> early) {
        long[] myopic = yearByYear(plan, null);
        if (plan.getAllocations().isEmpty() || plan.getAllocations().get(0).getCoupling() == null) {
            return myopic;
        }
        long[] mended = acrossYears(plan, myopic);
        early.accept(mended);
        long[] placeable = new long[plan.getYears().size()];
        for (int y = 0; y < placeable.length; y++) {
            placeable[y] = plan.getYears().get(y).rules().placeableUnits();
        }
        long[] guided =
                yearByYear(plan, MultiYearBound.relaxation(plan, placeable).transfers());
        if (FundsSolver.score(plan, guided).compareTo(FundsSolver.score(plan, myopic)) <= 0) {
            return mended;
        }
        // Never a start worse than the one already handed out: the first answer a user saw stays the floor.
        long[] fromGuided = acrossYears(plan, guided);
        return FundsSolver.score(plan, fromGuided).compareTo(FundsSolver.score(plan, mended)) >= 0
                ? fromGuided
                : mended;
    }

    /**
     * Block coordinate passes over the years: each year water-filled again within the limits that both its
     * neighbours set (a year can only be as far from the next as the limits allow), back to front and front to
     * back, while the plan's score improves. Mends what a year-by-year start could not see coming.
     */
    static long[] acrossYears(FundsPlan plan, long[] start) {
        int years = plan.getYears().size();
        List<RegionAllocation> all = plan.getAllocations();
        int n = all.size() / years;
        var coupling = all.get(0).getCoupling();
        long[] units = start.clone();
        HardMediumSoftLongScore best = FundsSolver.score(plan, units);
        for (int round = 0; round < 40; round++) {
            long[] trial = units.clone();
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < years; k++) {
                    int y = pass == 0 ? years - 1 - k : k;
                    long[] lower = new long[n];
                    long[] upper = new long[n];
                    for (int i = 0; i < n; i++) {
                        RegionAllocation cell = all.get(y * n + i);
                        long lo = cell.getLower();
                        long hi = cell.getUpper();
                        if (y > 0) {
                            long before = trial[(y - 1) * n + i];
                            lo = Math.max(lo, coupling.least(before));
                            hi = Math.min(hi, coupling.most(before));
                        }
                        if (y < years - 1) {
                            long after = trial[(y + 1) * n + i];
                            lo = Math.max(lo, YearTightening.fewestReaching(coupling, after, cell.getUpper()));
                            hi = Math.min(hi, YearTightening.mostFallingTo(coupling, after, cell.getLower()));
                        }
                        lower[i] = Math.min(lo, cell.getUpper());
                        upper[i] = Math.max(lower[i], Math.max(cell.getLower(), hi));
                    }
                    FundsPlan view = plan.year(y);
                    withinRank(view, lower, upper);
                    long[] year = FundsSolver.keepRank(view, WaterFilling.optimum(view, lower, upper), lower, upper);
                    System.arraycopy(year, 0, trial, y * n, n);
                }
            }
            HardMediumSoftLongScore score = FundsSolver.score(plan, trial);
            if (score.compareTo(best) <= 0) {
                break;
            }
            best = score;
            units = trial;
        }
        return units;
    }

    /**
     * Year by year within the year-on-year limits around the year before: each year water-filled within its rules
     * and the limits around the year before (the rank rule's bounds tightened again inside them), so that every
     * limit holds by construction; myopic, a year does not look ahead. With {@code target} (the relaxation's
     * transfers in currency), each region is first held to the whole units around its target, and what that
     * leaves of the year's total is placed by water-filling within the limits.
     */
    public static long[] yearByYear(FundsPlan plan, double[][] target) {
        int years = plan.getYears().size();
        List<RegionAllocation> all = plan.getAllocations();
        int n = all.size() / years;
        YearBounds own = YearBounds.of(plan);
        long[][] lower = own.lower();
        long[][] upper = own.upper();
        List<org.equiplan.funds.domain.RankOrder> orders = own.orders();
        var coupling = n == 0 ? null : all.get(0).getCoupling();
        long[] out = new long[all.size()];
        for (int y = 0; y < years; y++) {
            if (coupling != null && y > 0) {
                // The years chosen so far are fixed; what they imply for this year and the ones after.
                org.equiplan.funds.multiyear.YearTightening.tighten(lower, upper, coupling, orders);
            }
            FundsPlan view = plan.year(y);
            withinRank(view, lower[y], upper[y]);
            long[] units;
            if (target == null) {
                units = WaterFilling.optimum(view, lower[y], upper[y]);
            } else {
                long[] near = new long[n];
                long[] far = new long[n];
                for (int i = 0; i < n; i++) {
                    double t = target[y][i] / view.getRules().unit();
                    near[i] = Math.max(lower[y][i], Math.min(upper[y][i], (long) Math.floor(t + 1e-9)));
                    far[i] = Math.max(near[i], Math.min(upper[y][i], (long) Math.ceil(t - 1e-9)));
                }
                long[] first = WaterFilling.optimum(view, near, far);
                units = WaterFilling.optimum(view, first, upper[y]);
            }
            units = FundsSolver.keepRank(view, units, lower[y], upper[y]);
            System.arraycopy(units, 0, out, y * n, n);
            lower[y] = units.clone();
            upper[y] = units.clone();
        }
        return out;
    }

    /**
     * Narrows one year's floors and caps to what its rank rule implies; where a floor ends above a cap (a clash),
     * the floor wins and the score reports the broken rule.
     */
    private static void withinRank(FundsPlan year, long[] lower, long[] upper) {
        List<RegionAllocation> cells = year.getAllocations();
        if (!cells.isEmpty() && cells.get(0).getRankOrder() != null) {
            cells.get(0).getRankOrder().tighten(lower, upper);
        }
        for (int i = 0; i < lower.length; i++) {
            upper[i] = Math.max(lower[i], upper[i]);
        }
    }

    /** Per year and region the rules' own floors and caps (copies, to narrow), and each year's rank rule (or null). */
    record YearBounds(long[][] lower, long[][] upper, List<org.equiplan.funds.domain.RankOrder> orders) {

        static YearBounds of(FundsPlan plan) {
            int years = plan.getYears().size();
            List<RegionAllocation> all = plan.getAllocations();
            int n = all.size() / years;
            long[][] lower = new long[years][n];
            long[][] upper = new long[years][n];
            List<org.equiplan.funds.domain.RankOrder> orders = new java.util.ArrayList<>();
            for (int y = 0; y < years; y++) {
                for (int i = 0; i < n; i++) {
                    lower[y][i] = all.get(y * n + i).getLower();
                    upper[y][i] = all.get(y * n + i).getUpper();
                }
                orders.add(n == 0 ? null : all.get(y * n).getRankOrder());
            }
            return new YearBounds(lower, upper, orders);
        }
    }
}
