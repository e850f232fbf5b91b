package org.equiplan.facilities.bound;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The sets of open sites the Lagrangian relaxation rates best. At fixed multipliers every plan that opens exactly the
 * sites S costs at least {@code constant + sum of v_i over S} (the multipliers' sum plus each open site's fixed cost
 * less its knapsack's profit), so that sum rates sets of sites without assigning anyone. On Yang's tight sets it
 * rates the optimum's sites near the top, where one swap at a time cannot reach them: p17's 30 s plan is three swaps
 * from the optimum's sites and every set on the way is short of capacity or 2-5% dearer; with the multipliers of 2.5 s
 * its sites are among the 32 sets rated within 0.3% of the bound.
 *
 * <p>Listed by a depth-first search over the sites in order of value per unit of capacity, cut where the linear
 * relaxation of the covering knapsack (the rest of the demand at the best remaining ratios) passes the limit; once
 * as many sets as asked for are held, the limit falls to the highest rating among them.
 */
public final class LagrangianSets {

    /** Search nodes at most per listing: the sets held by then are returned. */
    static final long MAX_NODES = 5_000_000;

    private record Rated(boolean[] open, double rating) {}

    private final SitingModel model;
    private final double constant;
    private final double[] value;
    private final Integer[] order;
    private final long maxNodes;

    private double limit;
    private int max;
    private long nodes;
    /** The sets held, highest rating at the head. */
    private PriorityQueue<Rated> found;

    /**
     * @param constant the multipliers' sum
     * @param value per site, its fixed cost less its knapsack's profit at those multipliers
     */
    public LagrangianSets(SitingModel model, double constant, double[] value) {
        this(model, constant, value, MAX_NODES);
    }

    /** The same with at most {@code maxNodes} search nodes per listing (tests: a cap that a small model can reach). */
    LagrangianSets(SitingModel model, double constant, double[] value, long maxNodes) {
        this.maxNodes = maxNodes;
        this.model = model;
        this.constant = constant;
        this.value = value.clone();
        order = new Integer[model.sites];
        for (int i = 0; i < model.sites; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(ratio(a), ratio(b)));
    }

    private double ratio(int site) {
        return value[site] / Math.max(1, model.capacity[site]);
    }

    /** The rating of a set: the relaxation's lower bound on any plan opening exactly it (always-open sites count). */
    public double rating(boolean[] open) {
        double sum = constant;
        for (int i = 0; i < model.sites; i++) {
            sum += open[i] || model.forced[i] ? value[i] : 0;
        }
        return sum;
    }

    /**
     * The {@code max} sets rated lowest among those rated at most {@code limit} with capacity for all the demand and
     * within the model's open counts (its always-open sites open), lowest rating first (ties in any order). Where a
     * search passes its node cap ({@link #MAX_NODES}), the lowest it found by then.
     *
     * <p>Listed in widening bands above the lowest rating (0.1% of it, then twice that, ...) until a band holds as many
     * sets as asked for or reaches {@code limit}: one search to a loose limit is cut only by the sets it holds, and
     * the depth-first order fills those with whatever it meets first until the node cap ends it (tight-80x400-r3.5-s5,
     * 4,000 asked for: to limits 1-6% above the lowest rating it held sets rated up to 45,249 where the 4,000 lowest
     * end at 45,181; to no limit, 46,046 to 69,894; in bands, the 4,000 lowest in 0.15-0.6 s).
     */
    public List<boolean[]> lowest(double limit, int max) {
        if (max <= 0) {
            return List.of();
        }
        Listing first = list(limit, 1);
        if (first.sets().isEmpty()) {
            return List.of();
        }
        double low = first.sets().get(0).rating();
        double step = 0.001 * Math.max(1, Math.abs(low));
        List<Rated> within = List.of(); // every set rated at most `reached`
        double reached = Double.NEGATIVE_INFINITY;
        for (double widen = step; ; widen *= 2) {
            double band = Math.min(limit, low + widen);
            Listing listing = list(band, max);
            if (!listing.complete()) {
                // Past the node cap: the last band's sets, then what this one found above it.
                double below = reached;
                return java.util.stream.Stream.concat(
                                within.stream(), listing.sets().stream().filter(r -> r.rating() > below))
                        .limit(max)
                        .map(Rated::open)
                        .toList();
            }
            if (listing.sets().size() >= max || band >= limit) {
                return listing.sets().stream().map(Rated::open).toList();
            }
            within = listing.sets();
            reached = band;
        }
    }

    /** The sets a search found (lowest rating first) and whether it ended within the node cap. */
    private record Listing(List<Rated> sets, boolean complete) {}

    /** The {@code max} sets rated lowest of those rated at most {@code limit}, by one depth-first search. */
    private Listing list(double limit, int max) {
        this.limit = limit;
        this.max = max;
        nodes = 0;
        found = new PriorityQueue<>(Comparator.comparingDouble(Rated::rating).reversed());
        boolean[] open = new boolean[model.sites];
        double sum = constant;
        long capacity = 0;
        int count = 0;
        for (int i = 0; i < model.sites; i++) {
            if (model.forced[i]) {
                open[i] = true;
                sum += value[i];
                capacity = saturatedAdd(capacity, model.capacity[i]);
                count++;
            }
        }
        boolean complete = search(0, open, sum, capacity, count, true);
        return new Listing(
                found.stream().sorted(Comparator.comparingDouble(Rated::rating)).toList(), complete);
    }

    /**
     * Lists the sets that add sites from {@code depth} on to {@code open}, which is listed too where {@code changed}
     * (a node that left its last site out holds its parent's set). False once past the node cap.
     */
    private boolean search(int depth, boolean[] open, double sum, long capacity, int count, boolean changed) {
        if (++nodes > maxNodes) {
            return false;
        }
        if (count > model.maxOpen()) {
            return true;
        }
        if (changed && sum <= limit && capacity >= model.totalDemand && count >= model.minOpen()) {
            found.add(new Rated(open.clone(), sum));
            if (found.size() > max) {
                found.poll();
            }
            if (found.size() == max) {
                limit = found.peek().rating(); // a set rated above the highest held cannot enter
            }
        }
        // What the remaining sites add at least: every negative value, and the demand still uncovered at the best
        // ratios (fractionally).
        long need = model.totalDemand - capacity;
        double least = 0;
        int next = -1;
        for (int d = depth; d < model.sites; d++) {
            int i = order[d];
            if (model.forced[i]) {
                continue;
            }
            next = next < 0 ? d : next;
            if (value[i] < 0) {
                least += value[i];
                need -= model.capacity[i];
            } else if (need > 0) {
                least += value[i] * Math.min(1.0, need / (double) Math.max(1, model.capacity[i]));
                need -= model.capacity[i];
            } else {
                break;
            }
        }
        if (next < 0 || need > 0 || sum + least > limit) {
            return true;
        }
        int site = order[next];
        open[site] = true;
        boolean going = search(
                next + 1, open, sum + value[site], saturatedAdd(capacity, model.capacity[site]), count + 1, true);
        open[site] = false;
        return going && search(next + 1, open, sum, capacity, count, false);
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
