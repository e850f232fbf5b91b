package org.equiplan.funds.solver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.Group;
import org.equiplan.funds.domain.RegionAllocation;

/**
 * The exact optimum of the transfer problem, computed directly.
 *
 * <p>Minimising sum (R_i + T_i)^2 / E_i over whole units within per-region floors and caps, disjoint
 * group caps and a fixed total is separable convex minimisation over a polymatroid, for which the
 * greedy rule "give the next unit to the region where it costs least" is exact (Federgruen and
 * Groenevelt, 1986). Unit by unit would take 10^7 steps for a national budget, so the greedy's end
 * state is found by bisection on the marginal cost (the "water level"); the few units at the level
 * itself go by a heap, and a final exchange check certifies that no single-unit shift improves.
 *
 * <p>{@link #continuousBound} solves the same problem with real-valued transfers: a valid lower
 * bound for any plan that places the same total.
 *
 * <p>Over 400 lines because the bisection, the unit heap, the certificate and the continuous relaxation (with
 * the prices a multi-year bound puts on each region) share the same per-region limits and marginal costs; each
 * is a section below. One job: fill a budget into one year's ranges.
 */
public final class WaterFilling {

    private static final int BISECTIONS = 200;

    private final List<RegionAllocation> regions;
    private final int n;
    private final long[] lower;
    private final long[] room;
    /** Group index per region, -1 for none or uncapped. */
    private final int[] group;
    /** Per capped group: units it can take above its regions' floors. */
    private final long[] groupRoom;

    private final List<List<Integer>> members = new ArrayList<>();
    /** A price per currency unit of transfer added to each region's term (the Lagrangian of a coupling rule). */
    private double[] price;

    private WaterFilling(FundsPlan plan) {
        this(plan, null, null);
    }

    /** With other floors and caps than the regions' own (null: theirs). */
    private WaterFilling(FundsPlan plan, long[] lowerOverride, long[] upperOverride) {
        regions = plan.getAllocations();
        n = regions.size();
        lower = new long[n];
        room = new long[n];
        group = new int[n];
        Map<Group, Integer> index = new HashMap<>();
        List<Long> caps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RegionAllocation r = regions.get(i);
            lower[i] = lowerOverride == null ? r.getLower() : lowerOverride[i];
            room[i] = (upperOverride == null ? r.getUpper() : upperOverride[i]) - lower[i];
            Group g = r.getGroup();
            if (g != null && g.hasCap()) {
                group[i] = index.computeIfAbsent(g, x -> {
                    caps.add(x.capUnits());
                    members.add(new ArrayList<>());
                    return caps.size() - 1;
                });
                members.get(group[i]).add(i);
            } else {
                group[i] = -1;
            }
        }
        price = new double[n];
        groupRoom = new long[caps.size()];
        for (int g = 0; g < groupRoom.length; g++) {
            long floors = 0;
            for (int i : members.get(g)) {
                floors += lower[i];
            }
            groupRoom[g] = caps.get(g) - floors;
        }
    }

    /** How many units the rules let us place at most: the budget, or less where caps bind. */
    public static long placeable(List<RegionAllocation> regions, long budgetUnits) {
        Map<Group, Long> perGroup = new HashMap<>();
        long free = 0;
        for (RegionAllocation r : regions) {
            if (r.getGroup() != null && r.getGroup().hasCap()) {
                perGroup.merge(r.getGroup(), r.getUpper(), Long::sum);
            } else {
                free += r.getUpper();
            }
        }
        for (Map.Entry<Group, Long> e : perGroup.entrySet()) {
            free += Math.min(e.getValue(), e.getKey().capUnits());
        }
        return Math.min(budgetUnits, free);
    }

    /** The optimal units per region (list order) for the plan's placeable total. */
    public static long[] optimum(FundsPlan plan) {
        return optimum(plan, null, null);
    }

    /**
     * The optimum within other floors and caps (a repair's narrower ones), placing the plan's placeable total
     * or as much of it as they allow.
     */
    public static long[] optimum(FundsPlan plan, long[] lowerOverride, long[] upperOverride) {
        WaterFilling w = new WaterFilling(plan, lowerOverride, upperOverride);
        long floors = 0;
        for (long l : w.lower) {
            floors += l;
        }
        long toPlace = Math.max(0, plan.getRules().placeableUnits() - floors);
        long[] extra = w.fill(allIndexes(w.n), toPlace, true);
        w.certify(extra);
        long[] units = new long[w.n];
        for (int i = 0; i < w.n; i++) {
            units[i] = w.lower[i] + extra[i];
        }
        return units;
    }

    /** Sum of (R + T)^2 / E at the real-valued optimum placing {@code totalUnits}: a lower bound. */
    public static double continuousBound(FundsPlan plan, long totalUnits) {
        return new WaterFilling(plan).continuous(totalUnits);
    }

    /**
     * The real-valued minimiser of sum (R + T)^2 / E + price x T over the year's floors, caps and group caps
     * placing {@code totalUnits}: the inner problem of a Lagrangian bound whose prices stand for rules that
     * couple this plan to others (years). Transfers in currency, list order.
     */
    public static double[] continuousTransfers(FundsPlan plan, double[] price, long totalUnits) {
        WaterFilling w = new WaterFilling(plan);
        w.price = price.clone();
        return w.continuousSolution(totalUnits);
    }

    private static List<Integer> allIndexes(int n) {
        List<Integer> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }

    private double marginal(int i, long extra) {
        return regions.get(i).marginalCost(lower[i] + extra);
    }

    /** Units (above the floor) whose marginal cost is at most {@code level}. */
    private long count(int i, double level) {
        if (room[i] == 0) {
            return 0;
        }
        RegionAllocation r = regions.get(i);
        double u = r.getUnit();
        // marginal(k) = u (2R + (2k + 1) u) / E <= level  <=>  k <= (level E / u - 2R - u) / (2u)
        double k = (level * r.getExpenditure() / u - 2 * r.getRevenue() - u) / (2 * u) - lower[i];
        if (k < 0) {
            return 0;
        }
        if (k >= room[i] - 1) {
            return room[i];
        }
        return (long) Math.floor(k) + 1;
    }

    /**
     * Distributes {@code amount} units over {@code indexes} as the greedy would. With
     * {@code groups}, a capped group takes at most its room, filled internally the same way.
     */
    private long[] fill(List<Integer> indexes, long amount, boolean groups) {
        long[] extra = new long[n];
        if (amount <= 0) {
            return extra;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i : indexes) {
            if (room[i] > 0) {
                lo = Math.min(lo, marginal(i, 0));
                hi = Math.max(hi, marginal(i, room[i] - 1));
            }
        }
        if (lo == Double.POSITIVE_INFINITY) {
            return extra;
        }
        lo = lo - Math.abs(lo) - 1;
        hi = hi + Math.abs(hi) + 1;
        for (int step = 0; step < BISECTIONS; step++) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (total(indexes, mid, groups) <= amount) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // Everything strictly cheaper than the level, with saturated groups filled on their own.
        long placed = 0;
        Map<Integer, Long> perGroup = new HashMap<>();
        for (int i : indexes) {
            extra[i] = count(i, lo);
            if (groups && group[i] >= 0) {
                perGroup.merge(group[i], extra[i], Long::sum);
            }
        }
        for (Map.Entry<Integer, Long> e : perGroup.entrySet()) {
            int g = e.getKey();
            if (e.getValue() > groupRoom[g]) {
                long[] inside = fill(members.get(g), groupRoom[g], false);
                for (int i : members.get(g)) {
                    extra[i] = inside[i];
                }
            }
        }
        long[] groupUsed = new long[groupRoom.length];
        for (int i : indexes) {
            placed += extra[i];
            if (groups && group[i] >= 0) {
                groupUsed[group[i]] += extra[i];
            }
        }
        // The units at the level itself (ties and rounding), one by one, cheapest first.
        PriorityQueue<Integer> next =
                new PriorityQueue<>((a, b) -> Double.compare(marginal(a, extra[a]), marginal(b, extra[b])));
        for (int i : indexes) {
            if (extra[i] < room[i]) {
                next.add(i);
            }
        }
        while (placed < amount && !next.isEmpty()) {
            int i = next.poll();
            if (groups && group[i] >= 0 && groupUsed[group[i]] >= groupRoom[group[i]]) {
                continue;
            }
            extra[i]++;
            placed++;
            if (groups && group[i] >= 0) {
                groupUsed[group[i]]++;
            }
            if (extra[i] < room[i]) {
                next.add(i);
            }
        }
        return extra;
    }

    private long total(List<Integer> indexes, double level, boolean groups) {
        long total = 0;
        Map<Integer, Long> perGroup = groups ? new HashMap<>() : null;
        for (int i : indexes) {
            long c = count(i, level);
            if (groups && group[i] >= 0) {
                perGroup.merge(group[i], c, Long::sum);
            } else {
                total += c;
            }
        }
        if (groups) {
            for (Map.Entry<Integer, Long> e : perGroup.entrySet()) {
                total += Math.min(e.getValue(), groupRoom[e.getKey()]);
            }
        }
        return total;
    }

    /**
     * Shifts single units while that lowers the objective; for an exact greedy result this does
     * nothing, and when it stops no single-unit shift improves (optimality over a polymatroid).
     * Each pass is O(n): the best receiver of a unit is the cheapest region with room in a group
     * with room (or ungrouped), or the cheapest with room in the giver's own group.
     */
    private void certify(long[] extra) {
        long[] groupUsed = new long[groupRoom.length];
        for (int i = 0; i < n; i++) {
            if (group[i] >= 0) {
                groupUsed[group[i]] += extra[i];
            }
        }
        for (int pass = 0; pass < 10 * n + 10; pass++) {
            Cheapest open = new Cheapest();
            Cheapest[] inGroup = new Cheapest[groupRoom.length];
            for (int g = 0; g < inGroup.length; g++) {
                inGroup[g] = new Cheapest();
            }
            for (int j = 0; j < n; j++) {
                if (extra[j] >= room[j]) {
                    continue;
                }
                double add = marginal(j, extra[j]);
                if (group[j] < 0 || groupUsed[group[j]] < groupRoom[group[j]]) {
                    open.offer(j, add);
                }
                if (group[j] >= 0) {
                    inGroup[group[j]].offer(j, add);
                }
            }
            int bestFrom = -1;
            int bestTo = -1;
            double bestGain = 0;
            for (int from = 0; from < n; from++) {
                if (extra[from] == 0) {
                    continue;
                }
                double saving = marginal(from, extra[from] - 1);
                for (Cheapest pool :
                        group[from] >= 0 ? new Cheapest[] {open, inGroup[group[from]]} : new Cheapest[] {open}) {
                    int to = pool.excluding(from);
                    if (to >= 0) {
                        double gain = saving - marginal(to, extra[to]);
                        if (gain > bestGain + 1e-12 * Math.abs(saving)) {
                            bestGain = gain;
                            bestFrom = from;
                            bestTo = to;
                        }
                    }
                }
            }
            if (bestFrom < 0) {
                return;
            }
            extra[bestFrom]--;
            extra[bestTo]++;
            if (group[bestFrom] >= 0) {
                groupUsed[group[bestFrom]]--;
            }
            if (group[bestTo] >= 0) {
                groupUsed[group[bestTo]]++;
            }
        }
    }

    /** The two cheapest candidates seen, so that a region can be excluded from its own shift. */
    private static final class Cheapest {
        int first = -1;
        int second = -1;
        double firstCost = Double.POSITIVE_INFINITY;
        double secondCost = Double.POSITIVE_INFINITY;

        void offer(int index, double cost) {
            if (cost < firstCost) {
                second = first;
                secondCost = firstCost;
                first = index;
                firstCost = cost;
            } else if (cost < secondCost) {
                second = index;
                secondCost = cost;
            }
        }

        int excluding(int index) {
            return first == index ? second : first;
        }
    }

    // --- continuous relaxation ---

    private double transferAt(int i, double level) {
        RegionAllocation r = regions.get(i);
        double t = (level - price[i]) * r.getExpenditure() / 2 - r.getRevenue();
        double lo = lower[i] * r.getUnit();
        double hi = (lower[i] + room[i]) * r.getUnit();
        return Math.max(lo, Math.min(hi, t));
    }

    private double groupLevel(int g, double level) {
        double cap = 0;
        for (int i : members.get(g)) {
            cap += (lower[i]) * regions.get(i).getUnit();
        }
        cap += groupRoom[g] * regions.get(members.get(g).get(0)).getUnit();
        double sum = 0;
        for (int i : members.get(g)) {
            sum += transferAt(i, level);
        }
        if (sum <= cap) {
            return level;
        }
        double lo = -1 - Math.abs(level) - maxPrice();
        double hi = level;
        for (int step = 0; step < BISECTIONS; step++) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) {
                break;
            }
            double s = 0;
            for (int i : members.get(g)) {
                s += transferAt(i, mid);
            }
            if (s <= cap) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private double[] transfers(double level) {
        double[] t = new double[n];
        double[] levels = new double[groupRoom.length];
        for (int g = 0; g < levels.length; g++) {
            levels[g] = groupLevel(g, level);
        }
        for (int i = 0; i < n; i++) {
            t[i] = transferAt(i, group[i] >= 0 ? levels[group[i]] : level);
        }
        return t;
    }

    private double maxPrice() {
        double most = 0;
        for (double p : price) {
            most = Math.max(most, Math.abs(p));
        }
        return most;
    }

    private double continuous(long totalUnits) {
        double[] t = continuousSolution(totalUnits);
        double objective = 0;
        for (int i = 0; i < n; i++) {
            objective += regions.get(i).objectiveTermAt(t[i]);
        }
        return objective;
    }

    private double[] continuousSolution(long totalUnits) {
        double target = totalUnits * (n == 0 ? 0 : regions.get(0).getUnit());
        double lo = -maxPrice();
        double hi = 1;
        while (sum(transfers(hi)) < target && hi < 1e30) {
            hi *= 2;
        }
        for (int step = 0; step < BISECTIONS; step++) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (sum(transfers(mid)) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return transfers(hi);
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
