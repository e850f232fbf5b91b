package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * site with room. Assignments that are already set (a warm start) are kept.
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
            budgetLeft = construct(scoreDirector, plan, service, budgetLeft);
        }
        scoreDirector.triggerVariableListeners();
    }

    private long construct(ScoreDirector<FacilityPlan> scoreDirector, FacilityPlan plan, Service service,
                           long budgetLeft) {
        List<Site> sites = plan.getSiteTable().of(service);
        List<Assignment> todo = new ArrayList<>();
        boolean[] open = new boolean[sites.size()];
        long totalDemand = 0;
        for (Assignment a : plan.getAssignments()) {
            if (a.getService() != service) {
                continue;
            }
            totalDemand += a.getAmount();
            if (a.getSite() == null) {
                todo.add(a);
            } else {
                open[a.getSite().getServiceIndex()] = true;
            }
        }
        if (todo.isEmpty()) {
            return budgetLeft;
        }
        int openCount = 0;
        long capacity = 0;
        for (Site s : sites) {
            if (s.isAlwaysOpen()) {
                open[s.getServiceIndex()] = true;
            }
        }
        // Sites open today stay open to begin with (local search may close them), within the maximum.
        for (Site s : sites) {
            boolean atMax = service.getMaxOpen() != Service.NO_LIMIT && openCount(open) >= service.getMaxOpen();
            if (!open[s.getServiceIndex()] && s.getState() == SiteState.EXISTING && !atMax) {
                open[s.getServiceIndex()] = true;
            }
        }
        openCount = openCount(open);
        for (Site s : sites) {
            if (open[s.getServiceIndex()]) {
                capacity = addCapacity(capacity, s);
            }
        }

        double[] best = new double[todo.size()];
        for (int t = 0; t < todo.size(); t++) {
            best[t] = bestOpenValue(todo.get(t), open);
        }
        while (service.getMaxOpen() == Service.NO_LIMIT || openCount < service.getMaxOpen()) {
            boolean needMore = openCount < service.getMinOpen() || capacity < totalDemand || anyInfinite(best);
            int bestSite = -1;
            double bestGain = Double.NEGATIVE_INFINITY;
            for (Site s : sites) {
                if (open[s.getServiceIndex()] || s.getCapitalCostScaled() > budgetLeft) {
                    continue;
                }
                double gain = -s.getOpeningCostScaled();
                for (int t = 0; t < todo.size(); t++) {
                    Assignment a = todo.get(t);
                    if (a.canUse(s)) {
                        gain += Math.max(0, saving(best[t], value(a, s)));
                    }
                }
                if (gain > bestGain) {
                    bestGain = gain;
                    bestSite = s.getServiceIndex();
                }
            }
            if (bestSite < 0 || !needMore && bestGain <= 0) {
                break;
            }
            Site chosen = sites.get(bestSite);
            open[bestSite] = true;
            openCount++;
            capacity = addCapacity(capacity, chosen);
            budgetLeft -= chosen.getCapitalCostScaled();
            for (int t = 0; t < todo.size(); t++) {
                if (todo.get(t).canUse(chosen)) {
                    best[t] = Math.min(best[t], value(todo.get(t), chosen));
                }
            }
        }

        long[] load = new long[sites.size()];
        for (Assignment a : plan.getAssignments()) {
            if (a.getService() == service && a.getSite() != null) {
                load[a.getSite().getServiceIndex()] += a.getAmount();
            }
        }
        todo.sort(Comparator.comparingLong(Assignment::getAmount).reversed());
        for (Assignment a : todo) {
            Site target = null;
            Site fallback = null;
            for (Site s : a.getAllowedSites()) {
                if (!open[s.getServiceIndex()]) {
                    continue;
                }
                boolean room = s.hasUnlimitedCapacity() || load[s.getServiceIndex()] + a.getAmount() <= s.getCapacity();
                if (room && (target == null || value(a, s) < value(a, target))) {
                    target = s;
                }
                if (fallback == null || value(a, s) < value(a, fallback)) {
                    fallback = s;
                }
            }
            if (target == null) {
                // No open site has room: the least bad open one, or else the nearest (local search repairs).
                target = fallback != null ? fallback : a.getAllowedSites().get(0);
                open[target.getServiceIndex()] = true;
            }
            load[target.getServiceIndex()] += a.getAmount();
            scoreDirector.beforeVariableChanged(a, "site");
            a.setSite(target);
            scoreDirector.afterVariableChanged(a, "site");
        }
        return budgetLeft;
    }

    private static double value(Assignment a, Site s) {
        return AssignmentValue.of(a, s);
    }

    private static double bestOpenValue(Assignment a, boolean[] open) {
        double best = Double.POSITIVE_INFINITY;
        for (Site s : a.getAllowedSites()) {
            if (open[s.getServiceIndex()]) {
                best = Math.min(best, value(a, s));
            }
        }
        return best;
    }

    /** What opening a site saves one village; serving a village that has no open site yet is worth most. */
    private static double saving(double current, double candidate) {
        return current == Double.POSITIVE_INFINITY ? 1e30 : current - candidate;
    }

    private static boolean anyInfinite(double[] values) {
        for (double v : values) {
            if (v == Double.POSITIVE_INFINITY) {
                return true;
            }
        }
        return false;
    }

    private static int openCount(boolean[] open) {
        int n = 0;
        for (boolean o : open) {
            n += o ? 1 : 0;
        }
        return n;
    }

    private static long addCapacity(long capacity, Site s) {
        return s.hasUnlimitedCapacity() || capacity == Long.MAX_VALUE ? Long.MAX_VALUE : capacity + s.getCapacity();
    }
}
