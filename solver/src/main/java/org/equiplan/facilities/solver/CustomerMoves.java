package org.equiplan.facilities.solver;

import java.util.List;
import java.util.Random;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.Site;

/**
 * Moves of demand points among open sites, each built within the capacities (a full site is never
 * overfilled, so a feasible plan stays feasible):
 * <ul>
 * <li>shift: one demand to the best open site with room among its nearest;</li>
 * <li>swap: two demands of different sites trade places, the best such pair for a random demand;</li>
 * <li>exchange: an ejection chain or cycle, for full sites: demand a moves into site 2, which makes room
 *     by sending demand b to site 3, and so on, until a site has room or the cycle closes at a's site.</li>
 * </ul>
 * Each picks the best candidate it sees by {@link AssignmentValue}; late acceptance decides on the score.
 */
final class CustomerMoves {

    /** How many of a demand's nearest sites the moves consider. */
    static final int NEAR = 8;
    /** Longest ejection chain or cycle (demands moved), and the nodes one search may visit. */
    static final int MAX_EXCHANGE = 5;
    static final int EXCHANGE_NODES = 3000;
    /** Sites a repair chain may pass through. */
    static final int PUSH_SITES = 200;
    /** Largest table of the exact two-site re-division. */
    static final long REPARTITION_CELLS = 2_000_000;

    private final Random random;
    private final Draft draft;
    private final OpenCounts counts;

    CustomerMoves(Random random, Draft draft, OpenCounts counts) {
        this.random = random;
        this.draft = draft;
        this.counts = counts;
    }

    ReassignMove shift(Assignment a) {
        List<Site> allowed = a.getAllowedSites();
        Site from = a.getSite();
        Site best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        int limit = Math.min(NEAR, allowed.size());
        for (int k = 0; k < limit; k++) {
            Site s = allowed.get(k);
            if (s == from || !draft.isOpen(s) || !draft.fits(s, a.getAmount())) {
                continue;
            }
            double v = AssignmentValue.of(a, s);
            if (v < bestValue) {
                bestValue = v;
                best = s;
            }
        }
        if (best == null || random.nextInt(8) == 0) {
            // Now and then any allowed site, opening it if closed (the count permitting).
            Site any = allowed.get(random.nextInt(allowed.size()));
            if (any != from && draft.fits(any, a.getAmount()) && (draft.isOpen(any) || counts.canOpen(any))) {
                best = any;
            }
        }
        if (best == null) {
            return null;
        }
        draft.assign(a, best);
        return countsKept(a.getSite()) ? draft.toMove("shift") : null;
    }

    ReassignMove swap(Assignment a) {
        Site from = a.getSite();
        List<Site> allowed = a.getAllowedSites();
        Assignment partner = null;
        double bestDelta = Double.POSITIVE_INFINITY;
        int limit = Math.min(NEAR, allowed.size());
        for (int k = 0; k < limit; k++) {
            Site other = allowed.get(k);
            if (other == from || other.getAssignments().isEmpty()) {
                continue;
            }
            double away = AssignmentValue.of(a, other) - AssignmentValue.of(a, from);
            for (Assignment b : other.getAssignments()) {
                if (!b.canUse(from) || !swapFits(a, b)) {
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
            return null;
        }
        Site other = partner.getSite();
        draft.assign(a, other);
        draft.assign(partner, from);
        return draft.toMove("swap");
    }

    private boolean swapFits(Assignment a, Assignment b) {
        Site sa = a.getSite();
        Site sb = b.getSite();
        long diff = b.getAmount() - a.getAmount();
        return (sa.hasUnlimitedCapacity() || draft.load(sa) + diff <= sa.getCapacity())
                && (sb.hasUnlimitedCapacity() || draft.load(sb) - diff <= sb.getCapacity());
    }

    /**
     * The best ejection chain or cyclic exchange found from {@code a} (Ahuja et al. 2004): a moves to
     * another site, one of that site's demands moves on to a third, and so on, until a demand moves into a
     * site with room (a chain) or into a's old site (a cycle). Searched depth first over the demands'
     * nearest open sites, each site at most once, keeping only partial sequences that already improve
     * (the gain criterion of Lin and Kernighan: every improving cycle has a starting point from which all
     * its partial sums improve), within a budget of nodes.
     */
    ReassignMove exchange(Assignment a) {
        Exchange search = new Exchange(a);
        search.extend(0, a, a.getSite(), 0);
        if (search.bestLength == 0) {
            return null;
        }
        for (int k = 0; k < search.bestLength; k++) {
            draft.assign(search.bestWho[k], search.bestTo[k]);
        }
        return countsKept(a.getSite()) ? draft.toMove(search.bestLength == 1 ? "shift" : "exchange") : null;
    }

    /** The depth-first search of {@link #exchange}. */
    private final class Exchange {
        private final Assignment start;
        private final Site origin;
        private final Assignment[] who = new Assignment[MAX_EXCHANGE];
        private final Site[] to = new Site[MAX_EXCHANGE];
        private final Assignment[] bestWho = new Assignment[MAX_EXCHANGE];
        private final Site[] bestTo = new Site[MAX_EXCHANGE];
        private int bestLength;
        private double bestDelta = -SiteMoves.IMPROVEMENT;
        private int budget = EXCHANGE_NODES;

        Exchange(Assignment start) {
            this.start = start;
            this.origin = start.getSite();
        }

        /** {@code current} leaves {@code from}; {@code gain} is the value change of the sequence so far. */
        void extend(int depth, Assignment current, Site from, double gain) {
            List<Site> allowed = current.getAllowedSites();
            int limit = Math.min(NEAR, allowed.size());
            double leave = AssignmentValue.of(current, from);
            for (int k = 0; k < limit && budget > 0; k++) {
                Site t = allowed.get(k);
                if (t == from || !draft.isOpen(t) || t != origin && onPath(t, depth)) {
                    continue;
                }
                double g = gain + AssignmentValue.of(current, t) - leave;
                if (g >= bestDelta) {
                    continue; // the gain criterion: the sequence must keep improving
                }
                who[depth] = current;
                to[depth] = t;
                long room = draft.room(t) + (t == origin ? start.getAmount() : 0);
                if (room >= current.getAmount()) {
                    // Ends here: a chain into a site with room, or the cycle closes at the origin.
                    if (depth > 0 || t != origin) {
                        record(depth + 1, g);
                    }
                    continue;
                }
                if (t == origin || depth + 1 >= MAX_EXCHANGE) {
                    continue;
                }
                long need = current.getAmount() - room;
                for (Assignment next : t.getAssignments()) {
                    if (--budget <= 0) {
                        return;
                    }
                    if (next.getAmount() >= need && next != start) {
                        extend(depth + 1, next, t, g);
                    }
                }
            }
        }

        private boolean onPath(Site s, int depth) {
            for (int d = 0; d < depth; d++) {
                if (to[d] == s) {
                    return true;
                }
            }
            return false;
        }

        private void record(int length, double delta) {
            bestDelta = delta;
            bestLength = length;
            System.arraycopy(who, 0, bestWho, 0, length);
            System.arraycopy(to, 0, bestTo, 0, length);
        }
    }

    /**
     * Re-divides the demands of two nearby open sites between them, exactly: a 0-1 choice per demand
     * (stay with one site or the other) under both capacities, by dynamic programming over the load of
     * the first site. A very large neighbourhood that single exchanges cannot cover when both sites are
     * full: it may move several demands each way at once.
     */
    ReassignMove repartition(Assignment anchor) {
        Site first = anchor.getSite();
        List<Site> allowed = anchor.getAllowedSites();
        Site second = allowed.get(random.nextInt(Math.min(NEAR, allowed.size())));
        if (second == first || !draft.isOpen(second) || !repartition(draft, first, second)) {
            return null;
        }
        return draft.empties(first) || draft.empties(second) ? null : draft.toMove("repartition");
    }

    /**
     * Re-divides, within the draft, the demands at two capacitated sites between them at least value;
     * true when that improves on the draft's division.
     */
    static boolean repartition(Draft draft, Site first, Site second) {
        if (first.hasUnlimitedCapacity() || second.hasUnlimitedCapacity()) {
            return false;
        }
        List<Assignment> flexible = new java.util.ArrayList<>();
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
        for (Assignment a : flexible) {
            total += a.getAmount();
            divisor = gcd(divisor, a.getAmount());
        }
        long maxFirst = first.getCapacity() - fixedFirst;
        long minFirst = total - (second.getCapacity() - fixedSecond);
        if (n < 2 || maxFirst < 0 || minFirst > maxFirst) {
            return false;
        }
        int width = (int) (Math.min(maxFirst, total) / divisor) + 1;
        if ((long) n * width > REPARTITION_CELLS) {
            return false;
        }
        // cheapest[w]: least extra value (over everyone at the second site) with load w x divisor at the first.
        double[] cheapest = new double[width];
        java.util.Arrays.fill(cheapest, Double.POSITIVE_INFINITY);
        cheapest[0] = 0;
        boolean[] took = new boolean[n * width];
        double base = 0;
        double current = 0;
        for (int k = 0; k < n; k++) {
            Assignment a = flexible.get(k);
            double atFirst = AssignmentValue.of(a, first);
            double atSecond = AssignmentValue.of(a, second);
            base += atSecond;
            current += draft.siteOf(a) == first ? atFirst : atSecond;
            int w = (int) (a.getAmount() / divisor);
            for (int c = width - 1; c >= w; c--) {
                double with = cheapest[c - w] + atFirst - atSecond;
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
        if (bestLoad < 0 || base + cheapest[bestLoad] >= current - SiteMoves.IMPROVEMENT) {
            return false;
        }
        int c = bestLoad;
        for (int k = n - 1; k >= 0; k--) {
            Assignment a = flexible.get(k);
            boolean atFirst = took[k * width + c];
            if (atFirst) {
                c -= (int) (a.getAmount() / divisor);
            }
            draft.assign(a, atFirst ? first : second);
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

    /**
     * Repairs an overloaded site: moves one of its demands to a site it may use, which, if that site is
     * full in turn, passes one of its own demands on, and so on, breadth first, until a site with room
     * ends the chain (an augmenting path through the sites). The plan gets more expensive but less
     * overloaded, which the score ranks first. For first plans that a dense cluster left infeasible.
     */
    ReassignMove push(Assignment anchor) {
        Site origin = anchor.getSite();
        if (origin.hasUnlimitedCapacity() || draft.load(origin) <= origin.getCapacity()) {
            return null;
        }
        record Hop(Site site, long need, Hop previous, Assignment moved, Site to) {
        }
        java.util.ArrayDeque<Hop> queue = new java.util.ArrayDeque<>();
        java.util.Set<Site> seen = new java.util.HashSet<>();
        queue.add(new Hop(origin, 0, null, null, null));
        seen.add(origin);
        int visited = 0;
        while (!queue.isEmpty() && visited++ < PUSH_SITES) {
            Hop hop = queue.poll();
            for (Assignment b : hop.site().getAssignments()) {
                // From the overloaded site any demand may leave (each unit out helps); further on, only one
                // big enough to make room for what arrives.
                if (hop.previous() != null && (b.getAmount() < hop.need() || b == hop.moved())) {
                    continue;
                }
                List<Site> allowed = b.getAllowedSites();
                for (int k = 0; k < Math.min(NEAR, allowed.size()); k++) {
                    Site t = allowed.get(k);
                    if (seen.contains(t) || !draft.isOpen(t)) {
                        continue;
                    }
                    long need = t.hasUnlimitedCapacity() ? 0 : draft.load(t) + b.getAmount() - t.getCapacity();
                    Hop next = new Hop(t, need, hop, b, t);
                    if (need <= 0) {
                        for (Hop h = next; h.previous() != null; h = h.previous()) {
                            draft.assign(h.moved(), h.to());
                        }
                        return draft.toMove("push");
                    }
                    seen.add(t);
                    queue.add(next);
                }
            }
        }
        return null;
    }

    /** A move that empties its demand's old site must leave the open count within its limits. */
    private boolean countsKept(Site left) {
        return !draft.empties(left) || counts.canClose(left);
    }
}
