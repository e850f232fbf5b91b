package org.equiplan.funds.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RegionAllocation;
import org.equiplan.funds.domain.YearCoupling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A certified lower bound for a multi-year plan under rank preservation that sees the whole rule: the Lagrangian
 * dual over the year-on-year limits, as in {@link MultiYearBound}, with each year's problem solved exactly with every
 * pair of the rank rule ({@link RankedYear}) instead of neighbours only, which over thousands of regions and a
 * tolerance is no restriction (measured: the bound with the rule equalled the bound without it). Group caps are left
 * out of the yearly problems (a relaxation); the report keeps the larger of this and the ordinary bound.
 *
 * <p>Blocks of regions tied by the order move together, so gradient steps scaled by each price's own curvature
 * crawl (1,200 steps reached a third of the way); a projected limited-memory BFGS ({@link ProjectedLbfgs}) goes about
 * ten times as far per evaluation. Every evaluation is a valid bound (weak duality), so it runs
 * beside the search until the solve ends and the best value seen stands.
 */
public final class RankedPlanBound {

    private static final Logger LOG = LoggerFactory.getLogger(RankedPlanBound.class);

    private final List<FundsPlan> views = new ArrayList<>();
    private final long[] placed;
    private final int years;
    private final int n;
    private final double up;
    private final double down;
    /** Per price: 1 / its own curvature, the first direction's scale. */
    private final double[] scale;
    /** The limits' prices come first (at least 0); then, for earmarked plans, each year's categories' (free). */
    private final int limitPrices;
    /** Per year the categories' split (earmarked plans), else null. */
    private final CategorySplit[] splits;

    private final int categories;
    /** Per year the budget's price of the last evaluation, where the next one starts its search. */
    private final double[][] budgetPrices;
    /** The prices of the best dual value so far (null before the first evaluation). */
    private volatile double[] bestPrices;

    private RankedPlanBound(FundsPlan plan, long[] placed) {
        this.placed = placed;
        years = plan.getYears().size();
        for (int y = 0; y < years; y++) {
            views.add(plan.year(y));
        }
        n = views.get(0).getAllocations().size();
        YearCoupling coupling = views.get(0).getAllocations().get(0).getCoupling();
        up = Double.isNaN(coupling.maxGrowth()) ? Double.NaN : 1 + coupling.maxGrowth();
        down = Double.isNaN(coupling.maxDecline()) ? Double.NaN : 1 - coupling.maxDecline();
        limitPrices = (years - 1) * n * 2;
        splits = new CategorySplit[years];
        for (int y = 0; y < years; y++) {
            splits[y] = CategorySplit.of(views.get(y));
        }
        categories = splits[0] == null ? 0 : splits[0].categories();
        scale = new double[limitPrices + years * categories];
        for (int y = 0; y < years; y++) {
            for (int c = 0; c < categories; c++) {
                double need = splits[y].need(c);
                scale[limitPrices + y * categories + c] = need > 0 ? 2 / need : 0;
            }
        }
        budgetPrices = new double[years][];
        for (int y = 0; y < years; y++) {
            budgetPrices[y] = new double[] {Double.NaN};
        }
        for (int y = 1; y < years; y++) {
            for (int i = 0; i < n; i++) {
                double now = views.get(y).getAllocations().get(i).getExpenditure();
                double before = views.get(y - 1).getAllocations().get(i).getExpenditure();
                scale[at(y, i, 0)] = Double.isNaN(up) ? 0 : 2 / (now + up * up * before);
                scale[at(y, i, 1)] = Double.isNaN(down) ? 0 : 2 / (now + down * down * before);
            }
        }
    }

    /** Whether the plan has years tied by limits and a rank rule by which the yearly problems can be solved. */
    public static boolean appliesTo(FundsPlan plan) {
        if (!plan.multiYear() || plan.getAllocations().isEmpty()) {
            return false;
        }
        RegionAllocation first = plan.getAllocations().get(0);
        return first.getCoupling() != null && first.getRankOrder() != null;
    }

    /**
     * The cache key of this bound for these yearly totals (the plan's problem cache, shared by its copies): an
     * earmarked plan's bound, which counts its categories, is not one for the totals alone.
     */
    private static List<Long> key(FundsPlan plan, long[] placed) {
        List<Long> key = new ArrayList<>();
        key.add(plan.earmarked() ? -5L : -3L);
        for (long p : placed) {
            key.add(p);
        }
        return key;
    }

    /** The bound raised so far for these totals, or negative infinity when none was computed. */
    public static double known(FundsPlan plan, long[] placed) {
        Object value = plan.problemCache().get(key(plan, placed));
        return value instanceof Double d ? d : Double.NEGATIVE_INFINITY;
    }

    /**
     * Starts raising the bound for the plan's placeable totals on a thread of its own until {@code deadline} (epoch
     * ms) or {@link Runner#finish}; each better value goes into the plan's problem cache at once.
     */
    public static Runner start(FundsPlan plan, long deadline) {
        long[] placed = new long[plan.getYears().size()];
        for (int y = 0; y < placed.length; y++) {
            placed[y] = plan.getYears().get(y).rules().placeableUnits();
        }
        Runner runner = new Runner();
        runner.plan = plan;
        runner.placed = placed;
        Thread thread = new Thread(
                () -> {
                    try {
                        long began = System.currentTimeMillis();
                        RankedPlanBound bound = new RankedPlanBound(plan, placed);
                        runner.bound = bound;
                        int[] evaluations = {0};
                        double best =
                                bound.maximise(() -> runner.stop || System.currentTimeMillis() > deadline, value -> {
                                    evaluations[0]++;
                                    plan.problemCache()
                                            .merge(
                                                    key(plan, placed),
                                                    value,
                                                    (a, b) -> Math.max((Double) a, (Double) b));
                                });
                        LOG.info(
                                "Bound with the whole rank rule: {} after {} evaluations in {} ms",
                                best,
                                evaluations[0],
                                System.currentTimeMillis() - began);
                    } catch (RuntimeException e) {
                        // The ordinary bound stands; the answer is not affected.
                        LOG.error("the bound with the whole rank rule failed; the ordinary bound stands", e);
                    }
                },
                "equiplan-rank-bound");
        thread.setDaemon(true);
        runner.thread = thread;
        thread.start();
        return runner;
    }

    /**
     * A running computation. {@link #finish} waits for it (it ends by itself at its deadline), so that the report
     * finds its best value: when the search stalls early the bound still has the rest of the time limit, which it
     * uses well (measured at 2,800 counties: 5 s left the gap at 1.7e-3, the whole 30 s at well under 1e-3).
     * {@link #stop} ends it at once (a user's stop).
     */
    public static final class Runner {
        private volatile boolean stop;
        private volatile RankedPlanBound bound;
        private FundsPlan plan;
        private long[] placed;
        private Thread thread;

        /** The prices the last {@link #plan} was built from. */
        private double[] tried;

        /**
         * A plan built from the best prices so far ({@link PricedPlan}), or null when there are none yet, they have
         * not moved since the last call, or building it failed (logged: the search's answer stands).
         */
        long[] plan() {
            RankedPlanBound running = bound;
            double[] latest = running == null ? null : running.bestPrices;
            if (latest == null || latest == tried) {
                return null;
            }
            tried = latest;
            double[][] prices = running.aheadPrices(latest);
            try {
                return PricedPlan.of(plan, prices, placed);
            } catch (RuntimeException e) {
                LOG.error("the plan from the bound's prices failed; the search's answer stands", e);
                return null;
            }
        }

        /** Whether the bound is still being raised (it ends at the deadline, at a stop, or once no step gains). */
        boolean running() {
            return thread.isAlive();
        }

        public void stop() {
            stop = true;
        }

        public void finish() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                stop = true;
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The bound for these yearly totals, computed until {@code stop} says so (for tests and benchmarks). */
    public static double of(FundsPlan plan, long[] placed, BooleanSupplier stop) {
        return new RankedPlanBound(plan, placed).maximise(stop, value -> {});
    }

    private int at(int y, int i, int side) {
        return ((y - 1) * n + i) * 2 + side;
    }

    /**
     * Per year and region, at prices {@code x}, the price of the limits to the year after only: what a year must
     * foresee when the years before it are already fixed ({@link PricedPlan}).
     */
    double[][] aheadPrices(double[] x) {
        return yearPrices(x, false);
    }

    /**
     * Each year's price per region from the limits' prices {@code x}: from the limits to the year after and, with
     * {@code ownYear}, from those to the year before.
     */
    private double[][] yearPrices(double[] x, boolean ownYear) {
        double[][] price = new double[years][n];
        for (int y = 1; y < years; y++) {
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(up)) {
                    price[y][i] += ownYear ? x[at(y, i, 0)] : 0;
                    price[y - 1][i] -= up * x[at(y, i, 0)];
                }
                if (!Double.isNaN(down)) {
                    price[y][i] -= ownYear ? x[at(y, i, 1)] : 0;
                    price[y - 1][i] += down * x[at(y, i, 1)];
                }
            }
        }
        return price;
    }

    /**
     * The dual at prices {@code x} (growth side, decline side per region and year; then the categories' per year);
     * its gradient into {@code grad}.
     */
    private double dual(double[] x, double[] grad) {
        double[][] price = yearPrices(x, true);
        double total = 0;
        double[][] t = new double[years][];
        double[] shares = new double[categories];
        for (int y = 0; y < years; y++) {
            FundsPlan view = views.get(y);
            CategorySplit split = splits[y] == null ? null : splits[y].at(categoryPrices(x, y));
            t[y] = RankedYear.transfers(view, price[y], placed[y], budgetPrices[y], split);
            if (t[y] == null) {
                return Double.NEGATIVE_INFINITY; // the ranges admit no order: no bound from here
            }
            if (split == null) {
                for (int i = 0; i < n; i++) {
                    total += view.getAllocations().get(i).objectiveTermAt(t[y][i]) + price[y][i] * t[y][i];
                }
                continue;
            }
            // The categories' budgets priced: each region's best split, and what each budget is short of.
            int from = limitPrices + y * categories;
            for (int c = 0; c < categories; c++) {
                total += x[from + c] * split.budget(c);
                grad[from + c] = split.budget(c);
            }
            for (int i = 0; i < n; i++) {
                total += split.split(i, t[y][i], shares) + price[y][i] * t[y][i];
                for (int c = 0; c < categories; c++) {
                    grad[from + c] -= shares[c];
                }
            }
        }
        for (int y = 1; y < years; y++) {
            for (int i = 0; i < n; i++) {
                grad[at(y, i, 0)] = Double.isNaN(up) ? 0 : t[y][i] - up * t[y - 1][i];
                grad[at(y, i, 1)] = Double.isNaN(down) ? 0 : down * t[y - 1][i] - t[y][i];
            }
        }
        return total;
    }

    /** Year y's categories' prices within {@code x}. */
    private double[] categoryPrices(double[] x, int y) {
        int from = limitPrices + y * categories;
        return java.util.Arrays.copyOfRange(x, from, from + categories);
    }

    /** Raises the dual until {@code stop}; returns the best value seen (each also to {@code improved}). */
    private double maximise(BooleanSupplier stop, java.util.function.DoubleConsumer improved) {
        return ProjectedLbfgs.maximise(this::dual, scale, limitPrices, stop, (value, x) -> {
            bestPrices = x;
            improved.accept(value);
        });
    }
}
