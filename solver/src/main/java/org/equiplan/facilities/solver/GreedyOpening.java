package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;

/**
 * Construction heuristic that respects capacity, budget and open counts. Per service it starts
 * from the sites that are open today, then opens, one at a time, the site that saves the most
 * (assignment cost saved minus its opening cost), as long as that pays or a minimum count or the
 * capacity needed is not met yet. Then it assigns villages, largest first, to the cheapest open
 * site with room; where every open site it may use is full, it opens one that has room, or moves a
 * village already placed on to another site to make room. Assignments already set (a warm start) are kept.
 *
 * <p>Over 300 lines because the opening and the placement share one state (loads, open sites, lazy
 * savings heap) that splitting would have to pass around; the placement lives in the inner {@code Construction}.
 */
public class GreedyOpening implements CustomPhaseCommand<FacilityPlan> {

    @Override
    public void changeWorkingSolution(ScoreDirector<FacilityPlan> scoreDirector) {
        FacilityPlan plan = scoreDirector.getWorkingSolution();
        long budgetLeft = plan.getLimits().hasBudget() ? plan.getLimits().budgetScaled() : Long.MAX_VALUE;
        for (Site site : plan.getSites()) {
            if (site.isAlwaysOpen()) {
                budgetLeft -= site.getCapitalCostScaled();
            }
        }
        for (Service service : plan.getServices()) {
            budgetLeft = new Construction(scoreDirector, plan, service, budgetLeft).run();
        }
        scoreDirector.triggerVariableListeners();
    }

    /** The construction of one service: which sites open, then where each village goes. */
    private static final class Construction {
        private final ScoreDirector<FacilityPlan> scoreDirector;
        private final FacilityPlan plan;
        private final Service service;
        private final List<Site> sites;
        private final boolean[] open;
        private final long[] load;
        private final List<List<Assignment>> placed = new ArrayList<>();
        private final List<Assignment> todo = new ArrayList<>();
        private long budgetLeft;
        private int openCount;
        private long capacity;
        private long totalDemand;

        Construction(ScoreDirector<FacilityPlan> scoreDirector, FacilityPlan plan, Service service, long budgetLeft) {
            this.scoreDirector = scoreDirector;
            this.plan = plan;
            this.service = service;
            this.sites = plan.getSiteTable().of(service);
            this.open = new boolean[sites.size()];
            this.load = new long[sites.size()];
            this.budgetLeft = budgetLeft;
            for (int i = 0; i < sites.size(); i++) {
                placed.add(new ArrayList<>());
            }
        }

        long run() {
            for (Assignment a : plan.getAssignments()) {
                if (a.getService() != service) {
                    continue;
                }
                totalDemand += a.getAmount();
                if (a.getSite() == null) {
                    todo.add(a);
                } else {
                    open[a.getSite().getServiceIndex()] = true;
                    load[a.getSite().getServiceIndex()] += a.getAmount();
                    placed.get(a.getSite().getServiceIndex()).add(a);
                }
            }
            if (todo.isEmpty()) {
                return budgetLeft;
            }
            for (Site s : sites) {
                if (s.isAlwaysOpen()) {
                    open[s.getServiceIndex()] = true;
                }
            }
            // Sites open today stay open to begin with (local search may close them), within the maximum.
            for (Site s : sites) {
                if (!open[s.getServiceIndex()] && s.getState() == SiteState.EXISTING && belowMax(countOpen())) {
                    open[s.getServiceIndex()] = true;
                }
            }
            openCount = countOpen();
            for (Site s : sites) {
                if (open[s.getServiceIndex()]) {
                    capacity = addCapacity(capacity, s);
                }
            }
            openSavingSites();
            assignLargestFirst();
            return budgetLeft;
        }

        /**
         * Lazy greedy: a site's gain only shrinks as others open (what it saves a demand is measured against
         * the best site open so far), so a stale gain is an upper bound and only the top needs recomputing.
         * Ties go to the lower site index, as a full scan would.
         */
        private void openSavingSites() {
            double[] best = new double[todo.size()];
            int unserved = 0;
            List<List<Integer>> users = new ArrayList<>();
            for (int i = 0; i < sites.size(); i++) {
                users.add(new ArrayList<>());
            }
            for (int t = 0; t < todo.size(); t++) {
                best[t] = bestOpenValue(todo.get(t));
                unserved += best[t] == Double.POSITIVE_INFINITY ? 1 : 0;
                for (int k : todo.get(t).allowedIndexes()) {
                    users.get(k).add(t);
                }
            }
            PriorityQueue<double[]> queue = new PriorityQueue<>(
                    (x, y) -> x[0] != y[0] ? Double.compare(y[0], x[0]) : Double.compare(x[1], y[1]));
            for (Site s : sites) {
                if (!open[s.getServiceIndex()]) {
                    queue.add(new double[] {gain(s, users.get(s.getServiceIndex()), best), s.getServiceIndex()});
                }
            }
            while (belowMax(openCount) && !queue.isEmpty()) {
                boolean needMore = openCount < service.getMinOpen() || capacity < totalDemand || unserved > 0;
                double[] top = queue.poll();
                Site candidate = sites.get((int) top[1]);
                if (candidate.getCapitalCostScaled() > budgetLeft) {
                    continue; // the budget only shrinks: it will not fit later either
                }
                double gain = gain(candidate, users.get(candidate.getServiceIndex()), best);
                double[] next = queue.peek();
                if (next != null && (gain < next[0] || gain == next[0] && next[1] < top[1])) {
                    queue.add(new double[] {gain, top[1]});
                    continue;
                }
                if (!needMore && gain <= 0) {
                    break;
                }
                openSite(candidate);
                capacity = addCapacity(capacity, candidate);
                for (int t : users.get(candidate.getServiceIndex())) {
                    double v = value(todo.get(t), candidate);
                    if (v < best[t]) {
                        unserved -= best[t] == Double.POSITIVE_INFINITY ? 1 : 0;
                        best[t] = v;
                    }
                }
            }
        }

        private void assignLargestFirst() {
            todo.sort(Comparator.comparingLong(Assignment::getAmount).reversed());
            for (Assignment a : todo) {
                Site target = null;
                Site fallback = null;
                for (Site s : a.getAllowedSites()) {
                    if (!open[s.getServiceIndex()]) {
                        continue;
                    }
                    if (fits(s, a) && (target == null || value(a, s) < value(a, target))) {
                        target = s;
                    }
                    if (fallback == null || value(a, s) < value(a, fallback)) {
                        fallback = s;
                    }
                }
                if (target == null) {
                    target = openWithRoom(a);
                }
                if (target == null) {
                    target = makeRoom(a, false);
                }
                if (target == null) {
                    target = makeRoom(a, true);
                }
                if (target == null) {
                    // Nowhere with room: the least bad open site, or else the nearest (local search repairs).
                    target = fallback != null ? fallback : a.getAllowedSites().get(0);
                    open[target.getServiceIndex()] = true;
                }
                place(a, target);
            }
        }

        /**
         * Every open site the village may use is full: open the cheapest closed one that has room, within
         * the budget and the count. With only the nearest sites allowed (province scale) this is what keeps
         * the first plan feasible.
         */
        private Site openWithRoom(Assignment a) {
            if (!belowMax(openCount)) {
                return null;
            }
            Site target = null;
            double cheapest = Double.POSITIVE_INFINITY;
            for (Site s : a.getAllowedSites()) {
                double v = value(a, s) + s.getOpeningCostScaled();
                if (!open[s.getServiceIndex()]
                        && s.getCapitalCostScaled() <= budgetLeft
                        && fits(s, a)
                        && v < cheapest) {
                    cheapest = v;
                    target = s;
                }
            }
            if (target != null) {
                openSite(target);
            }
            return target;
        }

        /**
         * Still no room: move one village already placed at one of the open sites this one may use to
         * another site with room (with {@code opening}, a closed one, which opens), if that frees enough;
         * returns the site freed, or null.
         */
        private Site makeRoom(Assignment a, boolean opening) {
            if (opening && !belowMax(openCount)) {
                return null;
            }
            for (Site s : a.getAllowedSites()) {
                if (!open[s.getServiceIndex()] || s.hasUnlimitedCapacity()) {
                    continue;
                }
                long need = load[s.getServiceIndex()] + a.getAmount() - s.getCapacity();
                for (Assignment b : placed.get(s.getServiceIndex())) {
                    if (b.getAmount() < need) {
                        continue;
                    }
                    for (Site t : b.getAllowedSites()) {
                        boolean usable = opening
                                ? !open[t.getServiceIndex()] && t.getCapitalCostScaled() <= budgetLeft
                                : open[t.getServiceIndex()];
                        if (t != s && usable && fits(t, b)) {
                            if (opening) {
                                openSite(t);
                            }
                            // b's own placement may still be queued for the inverse lists: apply it first.
                            scoreDirector.triggerVariableListeners();
                            placed.get(s.getServiceIndex()).remove(b);
                            load[s.getServiceIndex()] -= b.getAmount();
                            place(b, t);
                            return s;
                        }
                    }
                }
            }
            return null;
        }

        private void place(Assignment a, Site target) {
            load[target.getServiceIndex()] += a.getAmount();
            placed.get(target.getServiceIndex()).add(a);
            scoreDirector.beforeVariableChanged(a, "site");
            a.setSite(target);
            scoreDirector.afterVariableChanged(a, "site");
        }

        private void openSite(Site s) {
            open[s.getServiceIndex()] = true;
            openCount++;
            budgetLeft -= s.getCapitalCostScaled();
        }

        private boolean fits(Site s, Assignment a) {
            return s.hasUnlimitedCapacity() || load[s.getServiceIndex()] + a.getAmount() <= s.getCapacity();
        }

        private boolean belowMax(int count) {
            return service.getMaxOpen() == Service.NO_LIMIT || count < service.getMaxOpen();
        }

        private int countOpen() {
            int n = 0;
            for (boolean o : open) {
                n += o ? 1 : 0;
            }
            return n;
        }

        /** What opening the site saves the demands it may serve, minus its opening cost. */
        private double gain(Site s, List<Integer> users, double[] best) {
            double gain = -s.getOpeningCostScaled();
            for (int t : users) {
                gain += Math.max(0, saving(best[t], value(todo.get(t), s)));
            }
            return gain;
        }

        private double bestOpenValue(Assignment a) {
            double best = Double.POSITIVE_INFINITY;
            for (Site s : a.getAllowedSites()) {
                if (open[s.getServiceIndex()]) {
                    best = Math.min(best, value(a, s));
                }
            }
            return best;
        }
    }

    private static double value(Assignment a, Site s) {
        return AssignmentValue.of(a, s);
    }

    /** What opening a site saves one village; serving a village that has no open site yet is worth most. */
    private static double saving(double current, double candidate) {
        return current == Double.POSITIVE_INFINITY ? 1e30 : current - candidate;
    }

    private static long addCapacity(long capacity, Site s) {
        return s.hasUnlimitedCapacity() || capacity == Long.MAX_VALUE ? Long.MAX_VALUE : capacity + s.getCapacity();
    }
}
