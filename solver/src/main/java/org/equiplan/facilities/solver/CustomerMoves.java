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
    /** Sites a repair chain may pass through. */
    static final int PUSH_SITES = 200;

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
     * site with room (a chain) or into a's old site (a cycle); see {@link ExchangeSearch}.
     */
    ReassignMove exchange(Assignment a) {
        int length = new ExchangeSearch(draft, a).draftBest();
        if (length == 0) {
            return null;
        }
        return countsKept(a.getSite()) ? draft.toMove(length == 1 ? "shift" : "exchange") : null;
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
        if (second == first || !draft.isOpen(second) || !Repartition.improve(draft, first, second)) {
            return null;
        }
        return draft.empties(first) || draft.empties(second) ? null : draft.toMove("repartition");
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
        record Hop(Site site, long need, Hop previous, Assignment moved, Site to) {}
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
