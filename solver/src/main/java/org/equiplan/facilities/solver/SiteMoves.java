package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
    /** Candidates drawn per tournament when Lagrangian values are known. */
    static final int TOURNAMENT = 3;

    private final Random random;
    private final Draft draft;
    private final OpenCounts counts;
    private final MoveIndex index;
    private final Placement placement;
    private final Polish polish;

    SiteMoves(Random random, Draft draft, OpenCounts counts, MoveIndex index) {
        this.random = random;
        this.draft = draft;
        this.counts = counts;
        this.index = index;
        this.placement = new Placement(draft, index);
        this.polish = new Polish(draft);
    }

    ReassignMove open(Assignment anchor) {
        Site site = closedSiteNear(anchor);
        if (site == null || !counts.canOpen(site)) {
            return null;
        }
        draft.open(site);
        placement.attract(site);
        polish.run();
        return draft.toMove("open");
    }

    ReassignMove close(Service service) {
        Site site = openSite(service);
        if (site == null || !counts.canClose(site)) {
            return null;
        }
        draft.close(site);
        if (!placement.relocate(site)) {
            return null;
        }
        polish.run();
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
        if (service.getMaxOpen() != Service.NO_LIMIT && open > service.getMaxOpen()
                || open < service.getMinOpen()
                || open < 1) {
            return null;
        }
        if (out == 1
                && in == 1
                && Substitution.appliesToCenter(service, index.sitesOf(service))
                && random.nextBoolean()) {
            // p-center: open near the demand that sets the longest trip, close the site whose loss hurts least.
            Site opened = closedSiteNear(index.farthest(service, random));
            Site closed = opened == null
                    ? null
                    : Substitution.bestToCloseForCenter(index.assignmentsOf(service), index.sitesOf(service), opened);
            if (closed == null) {
                return null;
            }
            draft.close(closed);
            draft.open(opened);
            return placement.relocate(closed) ? attractAndFinish(opened) : null;
        }
        if (out == 1
                && in == 1
                && random.nextBoolean()
                && Substitution.appliesToSum(service, index.sitesOf(service), index.assignmentsOf(service))) {
            // p-median: a promising site to open, the site to close that costs least with it; now and then a
            // second pair chosen the same way after the first (single interchanges have local optima).
            List<Assignment> demands = index.assignmentsOf(service);
            int pairs = OpenCounts.exactCount(service) && random.nextInt(100) < DOUBLE_INTERCHANGE_PERCENT ? 2 : 1;
            for (int pair = 0; pair < pairs; pair++) {
                Site opened = closedSiteNear(demands.get(random.nextInt(demands.size())));
                if (opened == null) {
                    return null;
                }
                draft.open(opened);
                Site closed = Substitution.bestToCloseForSum(demands, index.sitesOf(service), opened, draft::isOpen);
                if (closed == null) {
                    return null;
                }
                draft.close(closed);
            }
            for (Site site : draft.closing()) {
                if (!placement.relocate(site)) {
                    return null;
                }
            }
            for (Site site : draft.opening()) {
                placement.attract(site);
            }
            return draft.toMove("interchange");
        }
        Assignment anchor = null;
        for (int k = 0; k < out; k++) {
            Site site = openSite(service);
            if (site == null || site.getAssignments().isEmpty()) {
                return null;
            }
            draft.close(site);
            if (anchor == null) {
                anchor = service.getLongestTripCost() > 0 && random.nextBoolean()
                        ? index.farthest(service, random)
                        : site.getAssignments()
                                .get(random.nextInt(site.getAssignments().size()));
            }
        }
        for (int k = 0; k < in; k++) {
            Site site = closedSiteNear(anchor);
            if (site == null) {
                return null;
            }
            draft.open(site);
        }
        for (Site site : draft.closing()) {
            if (!placement.relocate(site)) {
                return null;
            }
        }
        for (Site site : draft.opening()) {
            placement.attract(site);
        }
        polish.run();
        return draft.toMove("interchange");
    }

    private ReassignMove attractAndFinish(Site opened) {
        placement.attract(opened);
        polish.run();
        return draft.toMove("interchange");
    }

    /** An open site of the service that may close; with Lagrangian values, the least wanted of a few. */
    private Site openSite(Service service) {
        List<Site> open = new ArrayList<>();
        for (Site s : index.sitesOf(service)) {
            if (draft.isOpen(s) && !s.isAlwaysOpen() && !draft.isClosing(s) && !draft.isOpening(s)) {
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
                if (!draft.isOpen(s) && !index.closedForGood(s)) {
                    return s;
                }
            }
        }
        List<Site> closed = new ArrayList<>();
        for (Site s : index.sitesOf(a.getService())) {
            if (!draft.isOpen(s) && !index.closedForGood(s)) {
                closed.add(s);
            }
        }
        return closed.isEmpty() ? null : closed.get(random.nextInt(closed.size()));
    }
}
