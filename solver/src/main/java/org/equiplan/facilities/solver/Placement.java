package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.List;
import org.equiplan.facilities.bound.Knapsack;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.Site;

/**
 * Where the demands go when sites open or close, within the capacities: the demands of a closing site
 * by regret to open sites with room (ejecting one demand of a full site where that is the only way in),
 * and the demands a newly opened site serves better, the most valuable set that fits (an exact knapsack).
 */
final class Placement {

    private final Draft draft;
    private final MoveIndex index;
    private final Knapsack knapsack = new Knapsack();

    Placement(Draft draft, MoveIndex index) {
        this.draft = draft;
        this.index = index;
    }

    /**
     * The demands still at {@code site} go elsewhere, largest regret (second-best minus best open site
     * with room) first, each to its best open site with room; a demand that fits nowhere makes room by
     * ejecting one demand of a full site to a third site. False when even that fails.
     */
    boolean relocate(Site site) {
        List<Assignment> leaving = new ArrayList<>();
        for (Assignment a : site.getAssignments()) {
            if (draft.siteOf(a) == site) {
                leaving.add(a);
            }
        }
        if (site.hasUnlimitedCapacity()
                && leaving.stream().allMatch(a -> a.getSite().hasUnlimitedCapacity())) {
            // Uncapacitated: each to its best open site, the exact interchange.
            for (Assignment a : leaving) {
                Site target = bestOpenWithRoom(a, site);
                if (target == null) {
                    return false;
                }
                draft.assign(a, target);
            }
            return true;
        }
        double[] regret = new double[leaving.size()];
        for (int k = 0; k < leaving.size(); k++) {
            regret[k] = regret(leaving.get(k), site);
        }
        Integer[] order = new Integer[leaving.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(regret[y], regret[x]));
        for (int k : order) {
            Assignment a = leaving.get(k);
            Site target = bestOpenWithRoom(a, site);
            if (target == null && !ejectFor(a, site)) {
                return false;
            }
            if (target != null) {
                draft.assign(a, target);
            }
        }
        return true;
    }

    /** Second-best minus best value over the open sites with room (infinite when at most one). */
    private double regret(Assignment a, Site leaving) {
        double first = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        boolean ordered = index.valueOrdered(a.getService());
        for (Site s : a.getAllowedSites()) {
            if (s == leaving || !draft.isOpen(s) || !draft.fits(s, a.getAmount())) {
                continue;
            }
            double v = AssignmentValue.of(a, s);
            if (v < first) {
                second = first;
                first = v;
            } else if (v < second) {
                second = v;
            }
            if (ordered && second < Double.POSITIVE_INFINITY) {
                break;
            }
        }
        return second - first;
    }

    private Site bestOpenWithRoom(Assignment a, Site excluded) {
        Site best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        boolean ordered = index.valueOrdered(a.getService());
        for (Site s : a.getAllowedSites()) {
            if (s == excluded || !draft.isOpen(s) || !draft.fits(s, a.getAmount())) {
                continue;
            }
            if (ordered) {
                return s;
            }
            double v = AssignmentValue.of(a, s);
            if (v < bestValue) {
                bestValue = v;
                best = s;
            }
        }
        return best;
    }

    /**
     * Makes room for {@code a} at one of its nearest open sites by moving one demand there to a third
     * open site with room; takes the cheapest such pair of moves.
     */
    private boolean ejectFor(Assignment a, Site leaving) {
        double best = Double.POSITIVE_INFINITY;
        Site bestSite = null;
        Assignment bestEjected = null;
        Site bestExit = null;
        List<Site> allowed = a.getAllowedSites();
        int limit = Math.min(CustomerMoves.NEAR, allowed.size());
        for (int k = 0; k < limit; k++) {
            Site s = allowed.get(k);
            if (s == leaving || !draft.isOpen(s)) {
                continue;
            }
            long need = draft.load(s) + a.getAmount() - s.getCapacity();
            for (Assignment b : s.getAssignments()) {
                if (draft.siteOf(b) != s || b.getAmount() < need) {
                    continue;
                }
                Site exit = bestOpenWithRoomBesides(b, s, leaving);
                if (exit == null) {
                    continue;
                }
                double cost = AssignmentValue.of(a, s) + AssignmentValue.gain(b, exit, s);
                if (cost < best) {
                    best = cost;
                    bestSite = s;
                    bestEjected = b;
                    bestExit = exit;
                }
            }
        }
        if (bestSite == null) {
            return false;
        }
        draft.assign(bestEjected, bestExit);
        draft.assign(a, bestSite);
        return true;
    }

    private Site bestOpenWithRoomBesides(Assignment b, Site from, Site leaving) {
        Site best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        for (Site s : b.getAllowedSites()) {
            if (s == from || s == leaving || !draft.isOpen(s) || !draft.fits(s, b.getAmount())) {
                continue;
            }
            double v = AssignmentValue.of(b, s);
            if (v < bestValue) {
                bestValue = v;
                best = s;
            }
        }
        return best;
    }

    /**
     * A newly opened site takes the demands it serves better than their current site: all of them when
     * its capacity allows, otherwise the most valuable set that fits (an exact knapsack). Demands of a
     * closing site are placed by {@link #relocate}, not here.
     */
    void attract(Site site) {
        List<Assignment> gainers = new ArrayList<>();
        List<Double> gains = new ArrayList<>();
        for (Assignment a : index.usersOf(site)) {
            Site current = draft.siteOf(a);
            if (current == site || draft.isClosing(current) || draft.moves(a)) {
                continue;
            }
            double gain = AssignmentValue.gain(a, current, site);
            if (gain > 0) {
                gainers.add(a);
                gains.add(gain);
            }
        }
        int n = gainers.size();
        if (n == 0) {
            return;
        }
        long[] weight = new long[n];
        double[] profit = new double[n];
        boolean[] take = new boolean[n];
        for (int k = 0; k < n; k++) {
            weight[k] = gainers.get(k).getAmount();
            profit[k] = gains.get(k);
        }
        long room = draft.room(site);
        if (room == Long.MAX_VALUE) {
            java.util.Arrays.fill(take, true);
        } else if (room > 0) {
            knapsack.solve(n, weight, profit, room, take);
        }
        for (int k = 0; k < n; k++) {
            if (take[k]) {
                draft.assign(gainers.get(k), site);
            }
        }
    }
}
