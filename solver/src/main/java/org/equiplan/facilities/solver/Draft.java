package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.Site;

/**
 * A move being put together against the working plan: which demands go where, and what that does to
 * the sites' loads and open state, so that each step of a compound move sees the effect of the
 * earlier ones. The plan itself is not touched; {@link #toMove} turns the draft into one
 * {@link ReassignMove}.
 *
 * <p>One draft serves every move of a phase: its state lives in arrays indexed by the demands' plan
 * index and the sites' {@link MoveIndex#key}, stamped with the number of the current move, so that
 * {@link #clear} costs nothing and a site move's many look-ups hash nothing (they are most of the
 * local search's time on large tight plans).
 */
final class Draft {

    private final MoveIndex index;
    /** The current move's number; array entries stamped with another number are stale. */
    private int epoch = 1;

    private final int[] movedStamp;
    /** Position of a moved demand in {@link #moved}. */
    private final int[] position;

    private final List<Assignment> moved = new ArrayList<>();
    private final List<Site> targets = new ArrayList<>();

    private final int[] siteStamp;
    private final long[] load;
    private final int[] users;
    /** The sites whose load the draft changed, in the order of the first change. */
    private final List<Site> changed = new ArrayList<>();

    private final boolean[] changedFlag;
    /** The demands at a site after the draft, once asked for, kept up to date by {@link #assign}. */
    private final List<List<Assignment>> atCache;

    private final int[] atStamp;
    /** Per site: whether the move opens (OPENING) or closes (CLOSING) it, valid where stamped with the epoch. */
    private final byte[] intent;

    private final int[] intentStamp;
    private final List<Site> opening = new ArrayList<>(2);
    private final List<Site> closing = new ArrayList<>(2);
    private static final byte OPENING = 1;
    private static final byte CLOSING = 2;

    Draft(MoveIndex index) {
        this.index = index;
        int demands = index.plan().getAssignments().size();
        int sites = index.siteCount();
        movedStamp = new int[demands];
        position = new int[demands];
        siteStamp = new int[sites];
        load = new long[sites];
        users = new int[sites];
        changedFlag = new boolean[sites];
        atStamp = new int[sites];
        intent = new byte[sites];
        intentStamp = new int[sites];
        atCache = new ArrayList<>(Collections.nCopies(sites, (List<Assignment>) null));
    }

    void clear() {
        epoch++;
        moved.clear();
        targets.clear();
        changed.clear();
        closing.clear();
        opening.clear();
    }

    /** The move opens this site (closed in the working plan). */
    void open(Site s) {
        if (setIntent(s, OPENING)) {
            opening.add(s);
        }
    }

    /** The move closes this site: each of its demands must go elsewhere. */
    void close(Site s) {
        if (setIntent(s, CLOSING)) {
            closing.add(s);
        }
    }

    private boolean setIntent(Site s, byte what) {
        int k = index.key(s);
        if (intentStamp[k] == epoch && intent[k] == what) {
            return false;
        }
        intentStamp[k] = epoch;
        intent[k] = what;
        return true;
    }

    boolean isOpening(Site s) {
        int k = index.key(s);
        return intentStamp[k] == epoch && intent[k] == OPENING;
    }

    boolean isClosing(Site s) {
        int k = index.key(s);
        return intentStamp[k] == epoch && intent[k] == CLOSING;
    }

    /** The sites the move opens, in the order given. */
    List<Site> opening() {
        return List.copyOf(opening);
    }

    /** The sites the move closes, in the order given. */
    List<Site> closing() {
        return List.copyOf(closing);
    }

    boolean isEmpty() {
        return moved.isEmpty();
    }

    /** Where the demand is after the draft so far. */
    Site siteOf(Assignment a) {
        int i = a.getPlanIndex();
        return movedStamp[i] == epoch ? targets.get(position[i]) : a.getSite();
    }

    boolean moves(Assignment a) {
        return movedStamp[a.getPlanIndex()] == epoch;
    }

    /** The site's slot in the arrays, filled from the working plan on first use in this move. */
    private int slot(Site s) {
        int k = index.key(s);
        if (siteStamp[k] != epoch) {
            siteStamp[k] = epoch;
            load[k] = s.load();
            users[k] = s.getAssignments().size();
            changedFlag[k] = false;
        }
        return k;
    }

    long load(Site s) {
        return load[slot(s)];
    }

    /** Room left at the site after the draft (Long.MAX_VALUE when unlimited). */
    long room(Site s) {
        return s.hasUnlimitedCapacity() ? Long.MAX_VALUE : s.getCapacity() - load(s);
    }

    boolean fits(Site s, long amount) {
        return s.hasUnlimitedCapacity() || load(s) + amount <= s.getCapacity();
    }

    /** Open after the draft: being opened, or serving someone and not being closed, or always open. */
    boolean isOpen(Site s) {
        int k = index.key(s);
        if (intentStamp[k] == epoch) {
            return intent[k] == OPENING;
        }
        return s.isAlwaysOpen() || users[slot(s)] > 0;
    }

    /** Sites the draft empties that were serving someone (they close as a result). */
    boolean empties(Site s) {
        return !s.isAlwaysOpen() && !s.getAssignments().isEmpty() && users[slot(s)] == 0;
    }

    void assign(Assignment a, Site target) {
        Site from = siteOf(a);
        if (from == target) {
            return;
        }
        int f = slot(from);
        int t = slot(target);
        load[f] -= a.getAmount();
        users[f]--;
        load[t] += a.getAmount();
        users[t]++;
        markChanged(from, f);
        markChanged(target, t);
        if (atStamp[f] == epoch) {
            atCache.get(f).remove(a);
        }
        if (atStamp[t] == epoch) {
            atCache.get(t).add(a);
        }
        int i = a.getPlanIndex();
        if (movedStamp[i] != epoch) {
            movedStamp[i] = epoch;
            position[i] = moved.size();
            moved.add(a);
            targets.add(target);
        } else {
            targets.set(position[i], target);
        }
    }

    private void markChanged(Site s, int k) {
        if (!changedFlag[k]) {
            changedFlag[k] = true;
            changed.add(s);
        }
    }

    /** The sites whose load the draft changed, in the order of the first change. Do not modify. */
    List<Site> changed() {
        return Collections.unmodifiableList(changed);
    }

    /** The demands at the site after the draft; a view that later calls to {@link #assign} update. */
    List<Assignment> at(Site s) {
        int k = index.key(s);
        if (atStamp[k] != epoch) {
            List<Assignment> out = atCache.get(k);
            if (out == null) {
                out = new ArrayList<>();
                atCache.set(k, out);
            }
            out.clear();
            for (Assignment a : s.getAssignments()) {
                if (siteOf(a) == s) {
                    out.add(a);
                }
            }
            for (int m = 0; m < moved.size(); m++) {
                if (targets.get(m) == s && moved.get(m).getSite() != s) {
                    out.add(moved.get(m));
                }
            }
            atStamp[k] = epoch;
        }
        return Collections.unmodifiableList(atCache.get(k));
    }

    ReassignMove toMove(String kind) {
        return moved.isEmpty() ? null : new ReassignMove(kind, List.copyOf(moved), List.copyOf(targets));
    }
}
