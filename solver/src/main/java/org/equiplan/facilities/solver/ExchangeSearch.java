package org.equiplan.facilities.solver;

import java.util.List;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.Site;

/**
 * The search behind {@link CustomerMoves#exchange}: depth first over the demands' nearest open sites,
 * each site at most once, keeping only partial sequences that already improve (the gain criterion of
 * Lin and Kernighan: every improving cycle has a starting point from which all its partial sums improve),
 * within a budget of nodes. Finds the best ejection chain (into a site with room) or cycle (back into the
 * start's site) it sees.
 */
final class ExchangeSearch {

    /** Longest chain or cycle (demands moved), and the nodes one search may visit. */
    static final int MAX_LENGTH = 5;

    static final int MAX_NODES = 3000;

    private final Draft draft;
    private final Assignment start;
    private final Site origin;
    private final Assignment[] who = new Assignment[MAX_LENGTH];
    private final Site[] to = new Site[MAX_LENGTH];
    private final Assignment[] bestWho = new Assignment[MAX_LENGTH];
    private final Site[] bestTo = new Site[MAX_LENGTH];
    private int bestLength;
    private double bestDelta = -Polish.IMPROVEMENT;
    private int budget = MAX_NODES;

    ExchangeSearch(Draft draft, Assignment start) {
        this.draft = draft;
        this.start = start;
        this.origin = start.getSite();
    }

    /** Searches, and writes the best sequence found into the draft; returns its length (0: none found). */
    int draftBest() {
        extend(0, start, origin, 0);
        for (int k = 0; k < bestLength; k++) {
            draft.assign(bestWho[k], bestTo[k]);
        }
        return bestLength;
    }

    /** {@code current} leaves {@code from}; {@code gain} is the value change of the sequence so far. */
    private void extend(int depth, Assignment current, Site from, double gain) {
        List<Site> allowed = current.getAllowedSites();
        int limit = Math.min(CustomerMoves.NEAR, allowed.size());
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
            if (t == origin || depth + 1 >= MAX_LENGTH) {
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
