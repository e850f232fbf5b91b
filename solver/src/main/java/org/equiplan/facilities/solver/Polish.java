package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.List;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.Site;

/**
 * The short descent that ends every site move. Without it an interchange is judged on a greedy
 * re-assignment, and late acceptance turns down open sets that are better once their demands settle.
 */
final class Polish {

    /** Descent passes, and at most this many touched sites re-divided pairwise. */
    static final int PASSES = 3;

    static final int SITES = 6;
    /** The least change in value that counts as better. */
    static final double IMPROVEMENT = 1e-9;

    private final Draft draft;

    Polish(Draft draft) {
        this.draft = draft;
    }

    /**
     * After a site opens or closes, the demands at the sites whose load the move changed (not those it only
     * looked at: on 80 x 400 that was nearly every open site, and most of the local search's time) are
     * re-placed by a short descent:
     * the best shift to an open site with room, else the best swap with a demand of a nearby site, while
     * either improves. Without it an interchange is judged on a greedy re-assignment and late acceptance
     * turns down open sets that are better once their demands settle.
     */
    void run() {
        List<Site> changed = List.copyOf(draft.changed());
        if (changed.stream().allMatch(Site::hasUnlimitedCapacity)) {
            return; // without capacities every demand already went to its best open site
        }
        // The sites the move opened first, then those it changed, in order: the pairs re-divided exactly
        // (see CustomerMoves.repartition) are the first few of them.
        List<Site> touched = new ArrayList<>();
        for (Site s : changed) {
            if (draft.isOpening(s) && !s.hasUnlimitedCapacity()) {
                touched.add(s);
            }
        }
        for (Site s : changed) {
            if (!draft.isOpening(s) && draft.isOpen(s) && !s.hasUnlimitedCapacity()) {
                touched.add(s);
            }
        }
        for (int x = 0; x < touched.size() && x < SITES; x++) {
            for (int y = x + 1; y < touched.size() && y < SITES; y++) {
                Repartition.improve(draft, touched.get(x), touched.get(y));
            }
        }
        // The re-divisions moved demands only between sites already changed: the same sites hold the focus.
        List<Assignment> focus = new ArrayList<>();
        for (Site s : changed) {
            if (draft.isOpen(s)) {
                focus.addAll(draft.at(s));
            }
        }
        for (int pass = 0; pass < PASSES; pass++) {
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
        if (draft.empties(from) && !draft.isClosing(from)) {
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
}
