package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.Site;

/**
 * Re-divides the demands of two capacitated sites between them exactly: a 0-1 choice per demand (one
 * site or the other) under both capacities, by dynamic programming over the load of the first site. A
 * very large neighbourhood that single exchanges cannot cover when both sites are full: several demands
 * may move each way at once.
 */
final class Repartition {

    /** Largest table (demands x load steps) solved. */
    static final long MAX_CELLS = 2_000_000;

    private Repartition() {}

    /**
     * Re-divides, within the draft, the demands at two capacitated sites between them at least value;
     * true when that improves on the draft's division.
     */
    static boolean improve(Draft draft, Site first, Site second) {
        if (first.hasUnlimitedCapacity() || second.hasUnlimitedCapacity()) {
            return false;
        }
        List<Assignment> flexible = new ArrayList<>();
        long fixedFirst = 0;
        long fixedSecond = 0;
        for (Assignment a : draft.at(first)) {
            if (a.canUse(second)) {
                flexible.add(a);
            } else {
                fixedFirst += a.getAmount();
            }
        }
        for (Assignment a : draft.at(second)) {
            if (a.canUse(first)) {
                flexible.add(a);
            } else {
                fixedSecond += a.getAmount();
            }
        }
        int n = flexible.size();
        long total = 0;
        long divisor = 0;
        double[] atFirst = new double[n];
        double[] atSecond = new double[n];
        boolean anyPrefersTheOther = false;
        for (int k = 0; k < n; k++) {
            Assignment a = flexible.get(k);
            total += a.getAmount();
            divisor = gcd(divisor, a.getAmount());
            atFirst[k] = AssignmentValue.of(a, first);
            atSecond[k] = AssignmentValue.of(a, second);
            boolean nowAtFirst = draft.siteOf(a) == first;
            anyPrefersTheOther |= nowAtFirst ? atSecond[k] < atFirst[k] : atFirst[k] < atSecond[k];
        }
        if (!anyPrefersTheOther) {
            return false; // every demand is already at the better of the two: no division is cheaper
        }
        long maxFirst = first.getCapacity() - fixedFirst;
        long minFirst = total - (second.getCapacity() - fixedSecond);
        if (n < 2 || maxFirst < 0 || minFirst > maxFirst) {
            return false;
        }
        int width = (int) (Math.min(maxFirst, total) / divisor) + 1;
        if ((long) n * width > MAX_CELLS) {
            return false;
        }
        // cheapest[w]: least extra value (over everyone at the second site) with load w x divisor at the first.
        double[] cheapest = new double[width];
        Arrays.fill(cheapest, Double.POSITIVE_INFINITY);
        cheapest[0] = 0;
        boolean[] took = new boolean[n * width];
        double base = 0;
        double current = 0;
        for (int k = 0; k < n; k++) {
            Assignment a = flexible.get(k);
            base += atSecond[k];
            current += draft.siteOf(a) == first ? atFirst[k] : atSecond[k];
            int w = (int) (a.getAmount() / divisor);
            double extra = atFirst[k] - atSecond[k];
            for (int c = width - 1; c >= w; c--) {
                double with = cheapest[c - w] + extra;
                if (with < cheapest[c]) {
                    cheapest[c] = with;
                    took[k * width + c] = true;
                }
            }
        }
        int bestLoad = -1;
        for (int c = (int) Math.max(0, (minFirst + divisor - 1) / divisor); c < width; c++) {
            if (bestLoad < 0 || cheapest[c] < cheapest[bestLoad]) {
                bestLoad = c;
            }
        }
        if (bestLoad < 0 || base + cheapest[bestLoad] >= current - Polish.IMPROVEMENT) {
            return false;
        }
        int c = bestLoad;
        for (int k = n - 1; k >= 0; k--) {
            Assignment a = flexible.get(k);
            boolean toFirst = took[k * width + c];
            if (toFirst) {
                c -= (int) (a.getAmount() / divisor);
            }
            draft.assign(a, toFirst ? first : second);
        }
        return true;
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
