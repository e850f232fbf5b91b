package org.equiplan.funds.solver;

import java.util.ArrayList;
import java.util.List;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RegionAllocation;
import org.equiplan.funds.domain.YearCoupling;

/**
 * A certified lower bound for a multi-year plan: the Lagrangian dual of its continuous relaxation. The
 * year-on-year limits (T_y <= (1 + g) T_{y-1}, T_y >= (1 - d) T_{y-1}) get one price each; with the
 * prices fixed, the relaxation splits into one single-year problem per year with a linear term per region,
 * which water-filling solves exactly ({@link WaterFilling#continuousTransfers}); with rank preservation also
 * with the order kept between neighbours ({@link RankedRelaxation}), the larger value counting. By weak duality every
 * price vector gives a valid bound; projected gradient ascent on the prices (each step scaled by the
 * curvature of its region's terms) raises it toward the relaxation's optimum, and the best value seen is
 * kept. Without year limits the years are independent and the bound is their sum, exactly.
 *
 * <p>The bound is for each year placing the given totals (the answer's), like the single-year bound.
 */
public final class MultiYearBound {

    /** Gradient steps at most; each is one continuous water-filling per year. */
    static final int ITERATIONS = 400;

    private MultiYearBound() {}

    /** The bound for the plan's years placing {@code placed} units each; computed once per problem and totals. */
    public static double of(FundsPlan plan, long[] placed) {
        return relaxation(plan, placed).bound();
    }

    /** The relaxation for these totals, computed once per problem (the plan and its copies) and totals. */
    public static Relaxation relaxation(FundsPlan plan, long[] placed) {
        List<Long> key = new ArrayList<>();
        key.add(plan.earmarked() ? -2L : -1L); // marks this kind of entry in the plan's cache
        for (long p : placed) {
            key.add(p);
        }
        return (Relaxation) plan.problemCache().computeIfAbsent(key, k -> solve(plan, placed));
    }

    /**
     * The bound and the relaxation's transfers at the last prices (year by year, region order): nearly
     * within the limits, and what a construction can round.
     */
    public record Relaxation(double bound, double[][] transfers) {}

    public static Relaxation solve(FundsPlan plan, long[] placed) {
        int years = plan.getYears().size();
        List<FundsPlan> views = new ArrayList<>();
        for (int y = 0; y < years; y++) {
            views.add(plan.year(y));
        }
        int n = views.get(0).getAllocations().size();
        YearCoupling coupling = views.get(0).getAllocations().isEmpty()
                ? null
                : views.get(0).getAllocations().get(0).getCoupling();
        double[][] price = new double[years][n];
        if (coupling == null) {
            double[][] t = new double[years][];
            return new Relaxation(value(views, price, placed, t, new double[years][]), t);
        }
        double up = Double.isNaN(coupling.maxGrowth()) ? Double.NaN : 1 + coupling.maxGrowth();
        double down = Double.isNaN(coupling.maxDecline()) ? Double.NaN : 1 - coupling.maxDecline();
        double[][] nuUp = new double[years][n];
        double[][] nuDown = new double[years][n];
        double best = Double.NEGATIVE_INFINITY;
        double damping = 1;
        double previous = Double.NEGATIVE_INFINITY;
        double[][] t = new double[years][];
        double[][] warm = new double[years][];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            for (int y = 0; y < years; y++) {
                java.util.Arrays.fill(price[y], 0);
            }
            for (int y = 1; y < years; y++) {
                for (int i = 0; i < n; i++) {
                    if (!Double.isNaN(up)) {
                        price[y][i] += nuUp[y][i];
                        price[y - 1][i] -= up * nuUp[y][i];
                    }
                    if (!Double.isNaN(down)) {
                        price[y][i] -= nuDown[y][i];
                        price[y - 1][i] += down * nuDown[y][i];
                    }
                }
            }
            double value = value(views, price, placed, t, warm);
            best = Math.max(best, value);
            if (value < previous) {
                damping /= 2; // overshot: shorter steps
            }
            previous = value;
            double worst = 0;
            double scale = 0;
            for (int y = 1; y < years; y++) {
                List<RegionAllocation> now = views.get(y).getAllocations();
                List<RegionAllocation> before = views.get(y - 1).getAllocations();
                for (int i = 0; i < n; i++) {
                    scale = Math.max(scale, Math.abs(t[y][i]));
                    if (!Double.isNaN(up)) {
                        double excess = t[y][i] - up * t[y - 1][i];
                        double curvature = (now.get(i).getExpenditure()
                                        + up * up * before.get(i).getExpenditure())
                                / 2;
                        nuUp[y][i] = Math.max(0, nuUp[y][i] + damping * excess / curvature);
                        worst = Math.max(worst, excess);
                    }
                    if (!Double.isNaN(down)) {
                        double shortfall = down * t[y - 1][i] - t[y][i];
                        double curvature = (now.get(i).getExpenditure()
                                        + down * down * before.get(i).getExpenditure())
                                / 2;
                        nuDown[y][i] = Math.max(0, nuDown[y][i] + damping * shortfall / curvature);
                        worst = Math.max(worst, shortfall);
                    }
                }
            }
            if (worst <= 1e-9 * Math.max(1, scale) || damping < 1e-6) {
                break; // the relaxed plan keeps the limits: the bound is the relaxation's optimum
            }
        }
        return new Relaxation(best, t);
    }

    private static double value(FundsPlan view, double[] price, double[] t) {
        double v = 0;
        for (int i = 0; i < t.length; i++) {
            v += view.getAllocations().get(i).objectiveTermAt(t[i]) + price[i] * t[i];
        }
        return v;
    }

    /**
     * The dual function: each year's minimum of its terms plus prices x transfers. An earmarked year is solved
     * with its category budgets (its own Lagrangian over category prices, warm-started from {@code warm}).
     */
    private static double value(
            List<FundsPlan> views, double[][] price, long[] placed, double[][] transfers, double[][] warm) {
        double total = 0;
        for (int y = 0; y < views.size(); y++) {
            FundsPlan view = views.get(y);
            double[] t;
            double v;
            if (view.earmarked()) {
                var cells = view.getAllocations();
                long[] lower = new long[cells.size()];
                long[] upper = new long[cells.size()];
                for (int i = 0; i < lower.length; i++) {
                    lower[i] = cells.get(i).getLower();
                    upper[i] = cells.get(i).getUpper();
                }
                var year = org.equiplan.funds.earmark.CategoryRelaxation.of(view, lower, upper, price[y], warm[y]);
                warm[y] = year.prices();
                v = year.bound();
                t = new double[lower.length];
                for (int i = 0; i < t.length; i++) {
                    for (double x : year.transfers()[i]) {
                        t[i] += x;
                    }
                }
            } else {
                t = WaterFilling.continuousTransfers(view, price[y], placed[y]);
                v = value(view, price[y], t);
            }
            // With the rank rule, the relaxation that keeps the order between neighbours is a second lower bound
            // for the same prices (it drops group caps instead); the larger of the two is kept.
            double[] ranked = RankedRelaxation.transfers(view, price[y], placed[y]);
            if (ranked != null) {
                double r = value(view, price[y], ranked);
                if (r > v) {
                    t = ranked;
                    v = r;
                }
            }
            transfers[y] = t;
            total += v;
        }
        return total;
    }
}
