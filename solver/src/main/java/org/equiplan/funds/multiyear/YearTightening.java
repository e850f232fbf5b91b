package org.equiplan.funds.multiyear;

import java.util.List;
import org.equiplan.funds.domain.RankOrder;
import org.equiplan.funds.domain.YearCoupling;

/**
 * The bounds that year-on-year limits imply, together with the rank rule's. A floor next year needs
 * enough this year to grow into it ({@code most(u) >= floor}); a cap next year needs little enough this
 * year to fall into it ({@code least(u) <= cap}); and the other way round. Each year's rank rule is applied
 * again to the narrowed bounds, until nothing moves. Implied bounds only: every plan that keeps the rules
 * keeps them, so the search may start inside them and the relaxation may use them.
 */
public final class YearTightening {

    /** Rounds of forward, backward and rank passes at most; each round only narrows, so few are needed. */
    static final int ROUNDS = 20;

    private YearTightening() {}

    /**
     * Narrows {@code lower[y][i]} and {@code upper[y][i]} in place. {@code orders} holds each year's rank
     * rule (null entries or list: none). Returns the region of the first clash (floor above cap), or -1.
     */
    public static int tighten(long[][] lower, long[][] upper, YearCoupling coupling, List<RankOrder> orders) {
        int years = lower.length;
        int n = years == 0 ? 0 : lower[0].length;
        for (int round = 0; round < ROUNDS; round++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                for (int y = 1; y < years; y++) {
                    long floor = coupling.least(lower[y - 1][i]);
                    if (floor > lower[y][i]) {
                        lower[y][i] = floor;
                        changed = true;
                    }
                    long cap = coupling.most(upper[y - 1][i]);
                    if (cap < upper[y][i]) {
                        upper[y][i] = cap;
                        changed = true;
                    }
                }
                for (int y = years - 1; y > 0; y--) {
                    long need = fewestReaching(coupling, lower[y][i], upper[y - 1][i]);
                    if (need > lower[y - 1][i]) {
                        lower[y - 1][i] = need;
                        changed = true;
                    }
                    long most = mostFallingTo(coupling, upper[y][i], lower[y - 1][i]);
                    if (most < upper[y - 1][i]) {
                        upper[y - 1][i] = most;
                        changed = true;
                    }
                }
            }
            for (int y = 0; y < years; y++) {
                RankOrder order = orders == null ? null : orders.get(y);
                if (order != null) {
                    long[] lo = lower[y].clone();
                    long[] hi = upper[y].clone();
                    order.tighten(lower[y], upper[y]);
                    changed |= !java.util.Arrays.equals(lo, lower[y]) || !java.util.Arrays.equals(hi, upper[y]);
                }
            }
            for (int y = 0; y < years; y++) {
                for (int i = 0; i < n; i++) {
                    if (lower[y][i] > upper[y][i]) {
                        return i;
                    }
                }
            }
            if (!changed) {
                return -1;
            }
        }
        return -1;
    }

    /** The fewest units u (up to {@code limit}) with most(u) >= target: what this year needs to grow into it. */
    public static long fewestReaching(YearCoupling coupling, long target, long limit) {
        if (coupling.most(0) >= target) {
            return 0;
        }
        if (coupling.most(limit) < target) {
            return limit + 1; // out of reach: a clash the caller reports
        }
        long lo = 0;
        long hi = limit;
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (coupling.most(mid) >= target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** The most units u (at least {@code floor}) with least(u) <= target: what this year may have to fall to it. */
    public static long mostFallingTo(YearCoupling coupling, long target, long floor) {
        if (coupling.least(floor) > target) {
            return floor - 1; // out of reach: a clash the caller reports
        }
        long lo = floor;
        long hi = Math.max(floor, 1);
        while (coupling.least(hi) <= target && hi < Long.MAX_VALUE / 4) {
            hi *= 2;
        }
        if (coupling.least(hi) <= target) {
            return hi;
        }
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (coupling.least(mid) <= target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
