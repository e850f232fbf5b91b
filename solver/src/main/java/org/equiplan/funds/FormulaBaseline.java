package org.equiplan.funds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.Group;
import org.equiplan.funds.domain.RegionAllocation;

/**
 * Today's formula: T_i = max(E_i - R_i, 0) x d_i x k with one coefficient k chosen so that the budget is
 * spent, where d_i is the difficulty coefficient max(0, 1 + theta z_i), z_i how many population-weighted
 * standard deviations region i's coverage before transfers lies below the mean (theta = 0: the plain
 * formula); each transfer clipped to its floors and caps, and what clipping frees (or takes) spread
 * over the others by solving for k again. A group over its cap is scaled down to it, above its
 * floors, and the rest re-solved without it. Rounded to units by largest remainder.
 */
public final class FormulaBaseline {

    private FormulaBaseline() {}

    /** The formula for every year of the plan (each year on its own), in the plan's cell order. */
    public static long[] unitsByYear(FundsPlan plan) {
        if (!plan.multiYear()) {
            return units(plan);
        }
        long[] out = new long[plan.getAllocations().size()];
        int at = 0;
        for (int y = 0; y < plan.getYears().size(); y++) {
            long[] year = units(plan.year(y));
            System.arraycopy(year, 0, out, at, year.length);
            at += year.length;
        }
        return out;
    }

    /** Units per region (list order), placing the same total as the optimiser where the formula can. */
    public static long[] units(FundsPlan plan) {
        List<RegionAllocation> regions = plan.getAllocations();
        int n = regions.size();
        double[] amount = new double[n];
        Set<Integer> free = new HashSet<>();
        for (int i = 0; i < n; i++) {
            free.add(i);
        }
        double target = plan.getRules().placeableUnits();
        double[] weight = weights(regions, plan.getRules().difficulty());
        Set<Group> frozen = new HashSet<>();
        while (true) {
            double k = coefficient(regions, weight, free, target);
            for (int i : free) {
                amount[i] = clipped(regions.get(i), weight[i], k);
            }
            Group over = overCap(regions, free, amount, frozen);
            if (over == null) {
                break;
            }
            // Scale the group down to its cap, keeping its floors, then solve the others without it.
            double floors = 0;
            double sum = 0;
            List<Integer> members = new ArrayList<>();
            for (int i : free) {
                if (regions.get(i).getGroup() == over) {
                    members.add(i);
                    floors += regions.get(i).getRuleLower();
                    sum += amount[i];
                }
            }
            double factor = sum > floors ? (over.capUnits() - floors) / (sum - floors) : 0;
            for (int i : members) {
                double lower = regions.get(i).getRuleLower();
                amount[i] = lower + (amount[i] - lower) * factor;
                free.remove(i);
            }
            target -= over.capUnits();
            frozen.add(over);
        }
        return round(regions, amount, weight, plan.getRules().placeableUnits());
    }

    /**
     * Per region, the gap times the difficulty coefficient: what k multiplies. Public so that tests can
     * check it against a hand-worked example.
     */
    public static double[] weights(List<RegionAllocation> regions, double difficulty) {
        int n = regions.size();
        double[] weight = new double[n];
        double[] difficultyOf = difficulty(regions, difficulty);
        for (int i = 0; i < n; i++) {
            RegionAllocation r = regions.get(i);
            weight[i] = Math.max(r.getExpenditure() - r.getRevenue(), 0) * difficultyOf[i];
        }
        return weight;
    }

    /** max(0, 1 + theta z_i), z_i = (population-weighted mean coverage - coverage_i) / weighted standard deviation. */
    public static double[] difficulty(List<RegionAllocation> regions, double theta) {
        int n = regions.size();
        double[] out = new double[n];
        java.util.Arrays.fill(out, 1);
        if (theta == 0 || n < 2) {
            return out;
        }
        double people = 0;
        double mean = 0;
        for (RegionAllocation r : regions) {
            people += r.getPopulation();
            mean += r.getPopulation() * r.getRevenue() / r.getExpenditure();
        }
        mean /= people;
        double variance = 0;
        for (RegionAllocation r : regions) {
            double d = r.getRevenue() / r.getExpenditure() - mean;
            variance += r.getPopulation() * d * d;
        }
        double sd = Math.sqrt(variance / people);
        if (!(sd > 0)) {
            return out;
        }
        for (int i = 0; i < n; i++) {
            RegionAllocation r = regions.get(i);
            double z = (mean - r.getRevenue() / r.getExpenditure()) / sd;
            out[i] = Math.max(0, 1 + theta * z);
        }
        return out;
    }

    /** Units for one region at coefficient k (real-valued, clipped to the rules' floor and cap). */
    private static double clipped(RegionAllocation r, double weight, double k) {
        double units = weight * k / r.getUnit();
        return Math.max(r.getRuleLower(), Math.min(r.getRuleUpper(), units));
    }

    private static double coefficient(
            List<RegionAllocation> regions, double[] weight, Set<Integer> free, double target) {
        double lo = 0;
        double hi = 1;
        while (sum(regions, weight, free, hi) < target && hi < 1e30) {
            hi *= 2;
        }
        for (int step = 0; step < 200; step++) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (sum(regions, weight, free, mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    private static double sum(List<RegionAllocation> regions, double[] weight, Set<Integer> free, double k) {
        double s = 0;
        for (int i : free) {
            s += clipped(regions.get(i), weight[i], k);
        }
        return s;
    }

    private static Group overCap(
            List<RegionAllocation> regions, Set<Integer> free, double[] amount, Set<Group> frozen) {
        Map<Group, Double> sums = new HashMap<>();
        for (int i : free) {
            Group g = regions.get(i).getGroup();
            if (g != null && g.hasCap() && !frozen.contains(g)) {
                sums.merge(g, amount[i], Double::sum);
            }
        }
        return sums.entrySet().stream()
                .filter(e -> e.getValue() > e.getKey().capUnits() + 1e-9)
                .max(Comparator.comparingDouble(e -> e.getValue() - e.getKey().capUnits()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    /** Whole units: floors first, then the leftover units to the largest remainders that have room. */
    private static long[] round(List<RegionAllocation> regions, double[] amount, double[] weight, long total) {
        int n = regions.size();
        long[] units = new long[n];
        Map<Group, Long> groupUsed = new HashMap<>();
        long placed = 0;
        for (int i = 0; i < n; i++) {
            units[i] = Math.max(
                    regions.get(i).getRuleLower(),
                    Math.min(regions.get(i).getRuleUpper(), (long) Math.floor(amount[i] + 1e-9)));
            placed += units[i];
            Group g = regions.get(i).getGroup();
            if (g != null) {
                groupUsed.merge(g, units[i], Long::sum);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -(amount[i] - Math.floor(amount[i] + 1e-9))));
        boolean progress = true;
        while (placed < total && progress) {
            progress = false;
            for (int i : order) {
                if (placed >= total) {
                    break;
                }
                RegionAllocation r = regions.get(i);
                Group g = r.getGroup();
                boolean groupRoom = g == null || !g.hasCap() || groupUsed.getOrDefault(g, 0L) < g.capUnits();
                if (units[i] < r.getRuleUpper() && groupRoom && weight[i] > 0) {
                    units[i]++;
                    placed++;
                    progress = true;
                    if (g != null) {
                        groupUsed.merge(g, 1L, Long::sum);
                    }
                }
            }
        }
        return units;
    }
}
