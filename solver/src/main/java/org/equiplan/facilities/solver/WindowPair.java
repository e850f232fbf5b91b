package org.equiplan.facilities.solver;

import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.exact.SitingWindow;

/**
 * Two windows solved from the same plan, one on the step's thread and one on the core the bound has left free, made
 * into one step: both changes where they touch no common site, otherwise the one that saves more.
 */
final class WindowPair {

    private WindowPair() {}

    /** The plan a step moves to (a site per customer) and whether it holds the changes of both windows. */
    record Joined(int[] siteOf, boolean both) {}

    /**
     * Both changes where they touch no common site (each site then keeps the load, and opens or closes, as its own
     * window planned it, so the savings add up) and {@code limited} is false (an open-count limit or a budget could
     * be passed by the two together); otherwise the change that saves more. {@code siteOf} is the plan both started
     * from.
     */
    static Joined together(
            SitingModel model, boolean limited, int[] siteOf, SitingWindow.Result a, SitingWindow.Result b) {
        boolean aBetter = a.status() == SitingWindow.Status.IMPROVED;
        boolean bBetter = b.status() == SitingWindow.Status.IMPROVED;
        if (!aBetter || !bBetter) {
            return new Joined(bBetter ? b.siteOf() : a.siteOf(), false);
        }
        boolean apart = !limited;
        boolean[] touched = new boolean[model.siteCount()];
        for (int j = 0; j < siteOf.length; j++) {
            if (a.siteOf()[j] != siteOf[j]) {
                touched[siteOf[j]] = true;
                touched[a.siteOf()[j]] = true;
            }
        }
        for (int j = 0; j < siteOf.length && apart; j++) {
            apart = b.siteOf()[j] == siteOf[j] || (!touched[siteOf[j]] && !touched[b.siteOf()[j]]);
        }
        if (!apart) {
            return new Joined(a.before() - a.after() >= b.before() - b.after() ? a.siteOf() : b.siteOf(), false);
        }
        int[] both = a.siteOf().clone();
        for (int j = 0; j < siteOf.length; j++) {
            if (b.siteOf()[j] != siteOf[j]) {
                both[j] = b.siteOf()[j];
            }
        }
        return new Joined(both, true);
    }
}
