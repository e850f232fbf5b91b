package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.Site;

/**
 * A move being put together against the working plan: which demands go where, and what that does to
 * the sites' loads and open state, so that each step of a compound move sees the effect of the
 * earlier ones. The plan itself is not touched; {@link #toMove} turns the draft into one
 * {@link ReassignMove}.
 */
final class Draft {

    private final Map<Assignment, Integer> position = new HashMap<>();
    private final List<Assignment> moved = new ArrayList<>();
    private final List<Site> targets = new ArrayList<>();
    private final Map<Site, Long> load = new HashMap<>();
    private final Map<Site, Integer> users = new HashMap<>();
    final Set<Site> closing = new HashSet<>(2);
    final Set<Site> opening = new HashSet<>(2);

    void clear() {
        position.clear();
        moved.clear();
        targets.clear();
        load.clear();
        users.clear();
        closing.clear();
        opening.clear();
    }

    boolean isEmpty() {
        return moved.isEmpty();
    }

    /** Where the demand is after the draft so far. */
    Site siteOf(Assignment a) {
        Integer at = position.get(a);
        return at == null ? a.getSite() : targets.get(at);
    }

    boolean moves(Assignment a) {
        return position.containsKey(a);
    }

    long load(Site s) {
        Long l = load.get(s);
        if (l == null) {
            l = s.load();
            load.put(s, l);
        }
        return l;
    }

    private int users(Site s) {
        Integer u = users.get(s);
        if (u == null) {
            u = s.getAssignments().size();
            users.put(s, u);
        }
        return u;
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
        if (opening.contains(s)) {
            return true;
        }
        return !closing.contains(s) && (s.isAlwaysOpen() || users(s) > 0);
    }

    /** Sites the draft empties that were serving someone (they close as a result). */
    boolean empties(Site s) {
        return !s.isAlwaysOpen() && !s.getAssignments().isEmpty() && users(s) == 0;
    }

    void assign(Assignment a, Site target) {
        Site from = siteOf(a);
        if (from == target) {
            return;
        }
        load.put(from, load(from) - a.getAmount());
        users.put(from, users(from) - 1);
        load.put(target, load(target) + a.getAmount());
        users.put(target, users(target) + 1);
        Integer at = position.get(a);
        if (at == null) {
            position.put(a, moved.size());
            moved.add(a);
            targets.add(target);
        } else {
            targets.set(at, target);
        }
    }

    /** The sites whose load the draft changes. */
    Set<Site> touched() {
        return load.keySet();
    }

    /** The demands at the site after the draft. */
    List<Assignment> at(Site s) {
        List<Assignment> out = new ArrayList<>();
        for (Assignment a : s.getAssignments()) {
            if (!position.containsKey(a)) {
                out.add(a);
            }
        }
        for (int k = 0; k < moved.size(); k++) {
            if (targets.get(k) == s) {
                out.add(moved.get(k));
            }
        }
        return out;
    }

    ReassignMove toMove(String kind) {
        return moved.isEmpty() ? null : new ReassignMove(kind, List.copyOf(moved), List.copyOf(targets));
    }
}
