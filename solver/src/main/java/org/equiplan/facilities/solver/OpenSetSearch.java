package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.equiplan.facilities.bound.LagrangianSets;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.bound.Transportation;
import org.equiplan.facilities.domain.SearchHints;
import org.equiplan.facilities.exact.SitingWindow;

/**
 * A step among sets of open sites: every set one swap, one opening or one closing away from the plan's is priced by
 * its transportation cost ({@link Transportation}, demand split, a lower bound on any plan with those sites), and the
 * cheapest few below the plan's cost are assigned exactly (their flow rounded, then CP-SAT on their sites). The windows
 * change a plan among neighbouring sites; on tight sets the search also settles on a set whose better neighbour
 * lies elsewhere: Yang p11 after 30 s at 0.52% above the optimum, where closing one site and opening another far
 * from it gives a set whose transportation cost alone is below the optimum and whose exact plan is 0.02% above.
 * And where the better set is several changes away, each set on the way short of capacity or dearer (Yang p17: three
 * swaps), the sets the Lagrangian relaxation rates best ({@link LagrangianSets}) are priced once per search.
 */
final class OpenSetSearch {

    /**
     * Sites up to which a service's sets are searched: a step prices about (open sites) x (closed sites) flows, each
     * over every customer's sites (about 1.5 ms on 80 x 400).
     */
    static final int MAX_SITES = 200;

    /** Neighbouring sets tried exactly per step, cheapest first. */
    static final int TRIED = 3;

    /** Rated sets tried exactly in the first step, cheapest first. */
    static final int RATED_TRIED = 2;

    /**
     * No rated set is listed where more than {@link #RATED_MAX} are rated within this fraction of the bound: there the
     * rating does not tell sets apart (the narrowest slack of the listing before, which widened it while it held at
     * most {@link #RATED_MAX} sets).
     */
    static final double RATED_SLACK = 0.0025;

    /**
     * Sets the relaxation rates best, listed at most: priced lowest rating first while the step's time lasts. On the
     * generated tight-60x300-r3-s1 (728 sets within {@link #RATED_SLACK} of the bound) the best plan known has the
     * 1,305th rating (0.29% above the bound) and the cheapest flow of those.
     */
    static final int RATED_MAX = 4000;

    /** A set of open sites and its transportation cost. */
    record Candidate(boolean[] open, double cost) {}

    private final SitingModel model;
    private final Transportation transport;
    /** Sets priced, for the phase's log. */
    private long priced;
    /** Whether the sets the relaxation rates best have been priced (once per search: the rating does not change). */
    private boolean ratedDone;

    OpenSetSearch(SitingModel model, Transportation transport) {
        this.model = model;
        this.transport = transport;
    }

    long priced() {
        return priced;
    }

    /** Frees the flow's native memory. */
    void close() {
        transport.close();
    }

    /**
     * The sets one change from {@code open} within the model's open counts (always-open sites stay open) whose
     * transportation cost is below {@code limit}, cheapest first, at most {@code count}; fewer once {@code stop} says so.
     */
    List<Candidate> neighbours(boolean[] open, double limit, int count, BooleanSupplier stop) {
        int m = model.siteCount();
        int openCount = 0;
        for (boolean o : open) {
            openCount += o ? 1 : 0;
        }
        boolean mayClose = openCount - 1 >= model.minOpen();
        boolean mayOpen = model.maxOpen() == SitingModel.NO_LIMIT || openCount + 1 <= model.maxOpen();
        List<Candidate> found = new ArrayList<>();
        boolean[] next = open.clone();
        // close == -1: only open; open == -1: only close; both: a swap, which keeps the count.
        for (int close = -1; close < m && !stop.getAsBoolean(); close++) {
            if (close >= 0 && (!open[close] || model.alwaysOpen(close))) {
                continue;
            }
            for (int add = -1; add < m; add++) {
                if ((add >= 0 && open[add])
                        || (close < 0 && add < 0)
                        || (close < 0 && !mayOpen)
                        || (add < 0 && !mayClose)) {
                    continue;
                }
                if (close >= 0) {
                    next[close] = false;
                }
                if (add >= 0) {
                    next[add] = true;
                }
                double cost = transport.cost(next);
                priced++;
                if (cost < limit) {
                    found.add(new Candidate(next.clone(), cost));
                }
                if (close >= 0) {
                    next[close] = true;
                }
                if (add >= 0) {
                    next[add] = false;
                }
            }
        }
        found.sort(Comparator.comparingDouble(Candidate::cost));
        return found.size() > count ? found.subList(0, count) : found;
    }

    /**
     * The sets the relaxation rates best ({@link LagrangianSets}) whose transportation cost is below {@code limit},
     * cheapest first, at most {@code count}: the {@link #RATED_MAX} rated lowest (a rating above {@code limit} rules a
     * set out), none where more than that are rated within {@link #RATED_SLACK} of the bound; priced lowest rating
     * first until {@code stop}; {@code current} (the plan's own set) left out. (Pricing may not stop once the ratings
     * pass the flows found: the rating bounds plans that send each customer to one site, and the flow, which splits
     * customers, can be below it.)
     */
    List<Candidate> rated(
            SearchHints.SetRating rating, boolean[] current, double limit, int count, BooleanSupplier stop) {
        LagrangianSets rated = new LagrangianSets(model, rating.constant(), rating.value());
        double dense = Math.min(limit, rating.lowest() + RATED_SLACK * Math.abs(rating.lowest()));
        if (rated.lowest(dense, RATED_MAX + 1).size() > RATED_MAX) {
            return List.of();
        }
        List<boolean[]> sets = rated.lowest(limit, RATED_MAX);
        boolean[] withAlwaysOpen = current.clone();
        for (int i = 0; i < withAlwaysOpen.length; i++) {
            withAlwaysOpen[i] |= model.alwaysOpen(i);
        }
        List<Candidate> found = new ArrayList<>();
        for (boolean[] open : sets) {
            if (stop.getAsBoolean()) {
                break;
            }
            if (Arrays.equals(open, withAlwaysOpen)) {
                continue;
            }
            double cost = transport.cost(open);
            priced++;
            if (cost < limit) {
                found.add(new Candidate(open, cost));
            }
        }
        found.sort(Comparator.comparingDouble(Candidate::cost));
        return found.size() > count ? found.subList(0, count) : found;
    }

    /**
     * One step from {@code siteOf}: the cheapest plan among the {@link #TRIED} cheapest neighbouring sets below its
     * cost (priced for at most {@code seconds}), each rounded from its flow and then assigned by CP-SAT on its own
     * sites ({@code seconds} for all of them); {@code siteOf} itself where none is cheaper. The first step of a search
     * given the relaxation's {@code rating} (null: none) also prices the sets it rates best, for up to twice as long,
     * and assigns the {@link #RATED_TRIED} cheapest of those for {@code seconds} each: far from the plan, a set's best
     * plan may take CP-SAT longer to find (on tight-60x300-r3-s1, from the flow's rounding of the best set known, 0.67
     * s reached 38,459, 3 s 38,401). The neighbours keep their own places, a third of {@code seconds} each
     * (benchmark/results/issue9-rated-listing-2026-12-02, issue9-rounding-within-2026-12-02).
     */
    int[] step(int[] siteOf, double seconds, int seed, SearchHints.SetRating rating, BooleanSupplier stop) {
        boolean[] open = new boolean[model.siteCount()];
        for (int i : siteOf) {
            open[i] = true;
        }
        long current = model.objective(siteOf);
        int[] best = siteOf;
        long bestCost = current;
        long pricingEnd = System.nanoTime() + Math.round(seconds * 1e9);
        BooleanSupplier pricingStop = () -> stop.getAsBoolean() || System.nanoTime() > pricingEnd;
        List<Candidate> candidates = new ArrayList<>(neighbours(open, current, TRIED, pricingStop));
        int neighbourCount = candidates.size();
        if (rating != null && !ratedDone) {
            ratedDone = true;
            long ratedEnd = System.nanoTime() + Math.round(2 * seconds * 1e9);
            candidates.addAll(rated(
                    rating, open, current, RATED_TRIED, () -> stop.getAsBoolean() || System.nanoTime() > ratedEnd));
        }
        for (int c = 0; c < candidates.size(); c++) {
            Candidate candidate = candidates.get(c);
            double each = c < neighbourCount ? seconds / TRIED : seconds;
            if (stop.getAsBoolean()) {
                break;
            }
            transport.cost(candidate.open()); // the flow of this set, for the rounding
            int[] rounded = transport.plan(candidate.open());
            if (rounded == null) {
                continue;
            }
            int[] sites = IntStream.concat(
                            IntStream.of(rounded),
                            IntStream.range(0, model.siteCount()).filter(model::alwaysOpen))
                    .distinct()
                    .sorted()
                    .toArray();
            SitingWindow.Side side = new SitingWindow.Side(
                    model.minOpen(),
                    model.maxOpen() == SitingModel.NO_LIMIT ? sites.length : model.maxOpen(),
                    new long[sites.length],
                    Long.MAX_VALUE);
            int[] planned = SitingWindow.solve(
                            model, rounded, sites, side, each, seed, SitingWindow.Engine.CP_SAT, stop)
                    .siteOf();
            long cost = model.objective(planned);
            if (cost < bestCost) {
                best = planned;
                bestCost = cost;
            }
        }
        return best;
    }
}
