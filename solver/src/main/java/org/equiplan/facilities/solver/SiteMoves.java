package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.equiplan.facilities.bound.Knapsack;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;

/**
 * Moves that change which sites are open, each followed by a re-assignment of the demands affected
 * that respects every capacity:
 * <ul>
 * <li>open: a closed site opens and takes the demands it serves better, the most valuable set that fits
 *     (an exact 0-1 knapsack over its capacity);</li>
 * <li>close: an open site closes; its demands go, largest regret first, to the best open site with room,
 *     ejecting one demand of a full site to a third site when that is the only way in;</li>
 * <li>interchange: close one site and open another in one step (Teitz-Bart), which keeps an exact open
 *     count; with such a count now and then two pairs at once.</li>
 * </ul>
 * Which sites: where the lower bound has run, a small tournament prefers closed sites that the
 * Lagrangian relaxation wants open (low value) and open sites it does not (high value); otherwise at
 * random near a random demand. When a service's longest trip is weighed, interchanges often open a site
 * near the farthest demand point, the only place that can shorten it.
 */
final class SiteMoves {

    /** Share of interchanges that swap two pairs at once, for exact open counts (see FacilityMoveFactory). */
    static final int DOUBLE_INTERCHANGE_PERCENT = 10;
    /** Share of interchanges on capacitated services without an exact count that trade more than one site. */
    static final int MULTI_INTERCHANGE_PERCENT = 40;
    /** Descent passes after a site move, and the least change in value that counts as better. */
    static final int POLISH_PASSES = 3;
    /** At most this many touched sites are re-divided pairwise after a site move. */
    static final int POLISH_SITES = 6;
    static final double IMPROVEMENT = 1e-9;
    /** Candidates drawn per tournament when Lagrangian values are known. */
    static final int TOURNAMENT = 3;

    private final Random random;
    private final Draft draft;
    private final OpenCounts counts;
    private final MoveIndex index;
    private final Knapsack knapsack = new Knapsack();

    SiteMoves(Random random, Draft draft, OpenCounts counts, MoveIndex index) {
        this.random = random;
        this.draft = draft;
        this.counts = counts;
        this.index = index;
    }

    ReassignMove open(Assignment anchor) {
        Site site = closedSiteNear(anchor);
        if (site == null || !counts.canOpen(site)) {
            return null;
        }
        draft.opening.add(site);
        attract(site);
        polish();
        return draft.toMove("open");
    }

    ReassignMove close(Service service) {
        Site site = openSite(service);
        if (site == null || !counts.canClose(site)) {
            return null;
        }
        draft.closing.add(site);
        if (!relocate(site)) {
            return null;
        }
        polish();
        return draft.toMove("close");
    }

    ReassignMove interchange(Service service) {
        // Sites out and in: one each, or (an exact count: now and then; otherwise often) two for one,
        // one for two or two for two. Tight capacities often need a big site traded for two small ones.
        int out = 1;
        int in = 1;
        if (OpenCounts.exactCount(service)) {
            if (random.nextInt(100) < DOUBLE_INTERCHANGE_PERCENT) {
                out = 2;
                in = 2;
            }
        } else if (OpenCounts.capacitated(index.sitesOf(service)) && random.nextInt(100) < MULTI_INTERCHANGE_PERCENT) {
            out = 1 + random.nextInt(2);
            in = out == 1 ? 2 : 1 + random.nextInt(2);
        }
        int open = counts.of(service) - out + in;
        if (service.getMaxOpen() != Service.NO_LIMIT && open > service.getMaxOpen() || open < service.getMinOpen()
                || open < 1) {
            return null;
        }
        Assignment anchor = null;
        for (int k = 0; k < out; k++) {
            Site site = openSite(service);
            if (site == null || site.getAssignments().isEmpty()) {
                return null;
            }
            draft.closing.add(site);
            if (anchor == null) {
                anchor = service.getLongestTripCost() > 0 && random.nextBoolean()
                        ? index.farthest(service) : site.getAssignments().get(random.nextInt(site.getAssignments().size()));
            }
        }
        for (int k = 0; k < in; k++) {
            Site site = closedSiteNear(anchor);
            if (site == null) {
                return null;
            }
            draft.opening.add(site);
        }
        for (Site site : List.copyOf(draft.closing)) {
            if (!relocate(site)) {
                return null;
            }
        }
        for (Site site : List.copyOf(draft.opening)) {
            attract(site);
        }
        polish();
        return draft.toMove("interchange");
    }

    /**
     * After a site opens or closes, the demands at the sites it touched are re-placed by a short descent:
     * the best shift to an open site with room, else the best swap with a demand of a nearby site, while
     * either improves. Without it an interchange is judged on a greedy re-assignment and late acceptance
     * turns down open sets that are better once their demands settle.
     */
    private void polish() {
        if (draft.touched().stream().allMatch(Site::hasUnlimitedCapacity)) {
            return; // without capacities every demand already went to its best open site
        }
        List<Site> touched = new ArrayList<>();
        for (Site s : List.copyOf(draft.touched())) {
            if (draft.isOpen(s) && !s.hasUnlimitedCapacity()) {
                touched.add(s);
            }
        }
        // Pairs of touched sites, re-divided exactly (see CustomerMoves.repartition).
        for (int x = 0; x < touched.size() && x < POLISH_SITES; x++) {
            for (int y = x + 1; y < touched.size() && y < POLISH_SITES; y++) {
                CustomerMoves.repartition(draft, touched.get(x), touched.get(y));
            }
        }
        List<Assignment> focus = new ArrayList<>();
        for (Site s : List.copyOf(draft.touched())) {
            if (draft.isOpen(s)) {
                focus.addAll(draft.at(s));
            }
        }
        for (int pass = 0; pass < POLISH_PASSES; pass++) {
            boolean improved = false;
            for (Assignment a : focus) {
                improved |= bestShift(a) || bestSwap(a);
            }
            if (!improved) {
                return;
            }
        }
    }

    private boolean bestShift(Assignment a) {
        Site from = draft.siteOf(a);
        double current = AssignmentValue.of(a, from);
        Site best = null;
        double bestValue = current - IMPROVEMENT;
        List<Site> allowed = a.getAllowedSites();
        int limit = Math.min(CustomerMoves.NEAR, allowed.size());
        for (int k = 0; k < limit; k++) {
            Site s = allowed.get(k);
            if (s != from && draft.isOpen(s) && draft.fits(s, a.getAmount())) {
                double v = AssignmentValue.of(a, s);
                if (v < bestValue) {
                    bestValue = v;
                    best = s;
                }
            }
        }
        if (best == null) {
            return false;
        }
        draft.assign(a, best);
        if (draft.empties(from) && !draft.closing.contains(from)) {
            draft.assign(a, from); // it would close a site the move did not mean to close
            return false;
        }
        return true;
    }

    private boolean bestSwap(Assignment a) {
        Site from = draft.siteOf(a);
        double stay = AssignmentValue.of(a, from);
        Assignment partner = null;
        double bestDelta = -IMPROVEMENT;
        List<Site> allowed = a.getAllowedSites();
        int limit = Math.min(CustomerMoves.NEAR, allowed.size());
        for (int k = 0; k < limit; k++) {
            Site other = allowed.get(k);
            if (other == from || !draft.isOpen(other)) {
                continue;
            }
            double away = AssignmentValue.of(a, other) - stay;
            for (Assignment b : draft.at(other)) {
                if (!b.canUse(from)) {
                    continue;
                }
                long diff = b.getAmount() - a.getAmount();
                if (diff > draft.room(from) || -diff > draft.room(other)) {
                    continue;
                }
                double delta = away + AssignmentValue.of(b, from) - AssignmentValue.of(b, other);
                if (delta < bestDelta) {
                    bestDelta = delta;
                    partner = b;
                }
            }
        }
        if (partner == null) {
            return false;
        }
        Site other = draft.siteOf(partner);
        draft.assign(a, other);
        draft.assign(partner, from);
        return true;
    }

    /**
     * The demands still at {@code site} go elsewhere, largest regret (second-best minus best open site
     * with room) first, each to its best open site with room; a demand that fits nowhere makes room by
     * ejecting one demand of a full site to a third site. False when even that fails.
     */
    private boolean relocate(Site site) {
        List<Assignment> leaving = new ArrayList<>();
        for (Assignment a : site.getAssignments()) {
            if (draft.siteOf(a) == site) {
                leaving.add(a);
            }
        }
        if (site.hasUnlimitedCapacity() && leaving.stream().allMatch(a -> a.getSite().hasUnlimitedCapacity())) {
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
    private void attract(Site site) {
        List<Assignment> gainers = new ArrayList<>();
        List<Double> gains = new ArrayList<>();
        for (Assignment a : index.usersOf(site)) {
            Site current = draft.siteOf(a);
            if (current == site || draft.closing.contains(current) || draft.moves(a)) {
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

    /** An open site of the service that may close; with Lagrangian values, the least wanted of a few. */
    private Site openSite(Service service) {
        List<Site> open = new ArrayList<>();
        for (Site s : index.sitesOf(service)) {
            if (draft.isOpen(s) && !s.isAlwaysOpen() && !draft.closing.contains(s) && !draft.opening.contains(s)) {
                open.add(s);
            }
        }
        if (open.isEmpty()) {
            return null;
        }
        double[] values = index.siteValues(service);
        Site pick = open.get(random.nextInt(open.size()));
        if (values != null) {
            for (int t = 1; t < TOURNAMENT; t++) {
                Site other = open.get(random.nextInt(open.size()));
                if (values[other.getServiceIndex()] > values[pick.getServiceIndex()]) {
                    pick = other;
                }
            }
        }
        return pick;
    }

    /**
     * A closed site among the demand's nearest, now and then any closed site of its service; with
     * Lagrangian values, the most wanted of a few such draws.
     */
    private Site closedSiteNear(Assignment a) {
        double[] values = index.siteValues(a.getService());
        Site pick = drawClosedSite(a);
        if (values != null && pick != null) {
            for (int t = 1; t < TOURNAMENT; t++) {
                Site other = drawClosedSite(a);
                if (other != null && values[other.getServiceIndex()] < values[pick.getServiceIndex()]) {
                    pick = other;
                }
            }
        }
        return pick;
    }

    private Site drawClosedSite(Assignment a) {
        List<Site> allowed = a.getAllowedSites();
        if (random.nextInt(5) > 0) {
            int limit = Math.min(2 * CustomerMoves.NEAR, allowed.size());
            int start = random.nextInt(limit);
            for (int i = 0; i < limit; i++) {
                Site s = allowed.get((start + i) % limit);
                if (!draft.isOpen(s)) {
                    return s;
                }
            }
        }
        List<Site> closed = new ArrayList<>();
        for (Site s : index.sitesOf(a.getService())) {
            if (!draft.isOpen(s)) {
                closed.add(s);
            }
        }
        return closed.isEmpty() ? null : closed.get(random.nextInt(closed.size()));
    }
}
