package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.equiplan.facilities.bound.CoverTable;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;
import org.optaplanner.core.impl.score.director.InnerScoreDirector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For services whose longest trip is weighed (p-center), have no capacities and a most-open limit p: the
 * covering search ({@link CoveringSearch}) shortens the longest trip, then every demand goes to its nearest
 * site of the open set found, and the plan is kept only if the whole score improves. Moves alone stall on
 * the plateaus of a min-max objective (up to 22% above the optimum on pmed21-40 at 30 s); asking "can p
 * sites cover everyone within r" does not. The local search that follows then shortens everyone else's trip.
 */
final class CenterSearch implements CustomPhaseCommand<FacilityPlan> {

    private static final Logger LOG = LoggerFactory.getLogger(CenterSearch.class);

    /**
     * How many steps the phase may take: each step runs every service's search to its next shorter radius and puts
     * that plan in, so that OptaPlanner records it as the best at once (a solve stopped early keeps it); the last
     * step runs to the end. Greedy plans of pmed1-40 were at most 21 radii above the optimum.
     */
    static final int STEPS = 64;

    private final long seed;
    private final long budgetMillis;
    private final BooleanSupplier stop;

    // One solve's state: the phase is one command called once per step on the same working plan.
    private FacilityPlan plan;
    private BooleanSupplier halt;
    private final List<ServiceSearch> searches = new ArrayList<>();
    private int step;

    private record ServiceSearch(Service service, CoverTable table, CoveringSearch search, double floor, long start) {}

    CenterSearch(long seed, long budgetMillis, BooleanSupplier stop) {
        this.seed = seed;
        this.budgetMillis = budgetMillis;
        this.stop = stop;
    }

    /** The phase: {@link #STEPS} calls of this one command, which share its state. */
    CustomPhaseConfig phase() {
        return new CustomPhaseConfig().withCustomPhaseCommandList(Collections.nCopies(STEPS, this));
    }

    static boolean applies(FacilityPlan plan, Service service) {
        if (service.getLongestTripCost() <= 0 || service.getMaxOpen() == Service.NO_LIMIT) {
            return false;
        }
        List<Site> sites = plan.getSiteTable().of(service);
        return sites.size() > service.getMaxOpen() && sites.stream().allMatch(Site::hasUnlimitedCapacity);
    }

    @Override
    public void changeWorkingSolution(ScoreDirector<FacilityPlan> scoreDirector) {
        if (scoreDirector.getWorkingSolution() != plan) {
            begin(scoreDirector.getWorkingSolution());
        }
        boolean last = ++step == STEPS;
        for (ServiceSearch s : List.copyOf(searches)) {
            CoveringSearch.Result result = s.search().next();
            for (CoveringSearch.Result more = result;
                    last && more != null;
                    more = s.search().next()) {
                result = more;
            }
            if (result == null) {
                searches.remove(s);
                LOG.info(
                        "Covering search for service {} ends after {} ms (floor {})",
                        s.service(),
                        (System.nanoTime() - s.start()) / 1_000_000,
                        s.floor());
            } else {
                apply(scoreDirector, s, result);
            }
        }
    }

    private void begin(FacilityPlan working) {
        plan = working;
        step = 0;
        searches.clear();
        long deadline = System.currentTimeMillis() + budgetMillis;
        halt = () -> stop.getAsBoolean() || System.currentTimeMillis() > deadline;
        for (Service service : plan.getServices()) {
            if (!applies(plan, service) || halt.getAsBoolean()) {
                continue;
            }
            List<Site> sites = plan.getSiteTable().of(service);
            int p = service.getMaxOpen();
            boolean[] forced = new boolean[sites.size()];
            int forcedCount = 0;
            for (Site s : sites) {
                forced[s.getServiceIndex()] = s.isAlwaysOpen();
                forcedCount += s.isAlwaysOpen() ? 1 : 0;
            }
            if (forcedCount >= p) {
                continue; // nothing left to choose
            }
            long start = System.nanoTime();
            CoverTable table = CoverTable.of(plan, service);
            double[] floors = plan.getHints().radiusFloor();
            // The bound phase has proven it, unless it was cut short before (then ask again, within this phase's time).
            double floor = floors != null && floors[service.getIndex()] > 0
                    ? floors[service.getIndex()]
                    : table.radiusFloor(p, halt);
            CoveringSearch search = new CoveringSearch(table, forced, seed + service.getIndex(), halt)
                    .start(startSet(table, sites, p), floor);
            searches.add(new ServiceSearch(service, table, search, floor, start));
        }
    }

    /** Every demand of the service to its nearest site of the open set found; kept if the whole score improves. */
    private static void apply(
            ScoreDirector<FacilityPlan> scoreDirector, ServiceSearch s, CoveringSearch.Result result) {
        List<Site> sites = scoreDirector.getWorkingSolution().getSiteTable().of(s.service());
        CoverTable table = s.table();
        List<Assignment> assignments = new ArrayList<>(table.demandCount());
        for (int j = 0; j < table.demandCount(); j++) {
            assignments.add(table.assignment(j));
        }
        int[] target = nearest(table, result.openSites(), result.radius());
        Site[] targets = new Site[target.length];
        for (int j = 0; j < target.length; j++) {
            targets[j] = sites.get(target[j]);
        }
        boolean kept = Restart.tryTargets(scoreDirector, assignments, targets);
        LOG.debug(
                "Covering search for service {}: longest trip {} (floor {}) after {} swaps, {} ms; {}",
                s.service(),
                result.radius(),
                s.floor(),
                result.steps(),
                (System.nanoTime() - s.start()) / 1_000_000,
                kept
                        ? "kept, " + ((InnerScoreDirector<FacilityPlan, ?>) scoreDirector).calculateScore()
                        : "the plan at hand scores better");
    }

    /** The forced sites, then the open ones, then, if fewer than p, the nearest site of the farthest points. */
    private static int[] startSet(CoverTable table, List<Site> sites, int p) {
        boolean[] in = new boolean[sites.size()];
        int[] set = new int[p];
        int n = 0;
        for (Site s : sites) {
            if (s.isAlwaysOpen()) {
                in[s.getServiceIndex()] = true;
                set[n++] = s.getServiceIndex();
            }
        }
        for (Site s : sites) {
            if (n < p && !in[s.getServiceIndex()] && s.isOpen()) {
                in[s.getServiceIndex()] = true;
                set[n++] = s.getServiceIndex();
            }
        }
        if (n < p) {
            Integer[] farthestFirst = new Integer[table.demandCount()];
            double[] trip = new double[table.demandCount()];
            for (int j = 0; j < trip.length; j++) {
                farthestFirst[j] = j;
                Site at = table.assignment(j).getSite();
                trip[j] = at == null
                        ? Double.POSITIVE_INFINITY
                        : table.assignment(j).distanceTo(at);
            }
            Arrays.sort(farthestFirst, (x, y) -> Double.compare(trip[y], trip[x]));
            for (int j : farthestFirst) {
                for (int i : table.sitesOf(j)) {
                    if (n < p && !in[i]) {
                        in[i] = true;
                        set[n++] = i;
                        break;
                    }
                }
            }
        }
        return Arrays.copyOf(set, n);
    }

    /**
     * Each demand point to its nearest open site. A site of the set that is nobody's nearest would close, so
     * it takes the point within the radius whose trip grows least, from a site that keeps another.
     */
    static int[] nearest(CoverTable table, int[] openSites, double radius) {
        boolean[] in = new boolean[table.siteCount()];
        for (int i : openSites) {
            in[i] = true;
        }
        int[] target = new int[table.demandCount()];
        int[] users = new int[table.siteCount()];
        double[] trip = new double[table.demandCount()];
        for (int j = 0; j < target.length; j++) {
            int[] s = table.sitesOf(j);
            for (int k = 0; k < s.length; k++) {
                if (in[s[k]]) {
                    target[j] = s[k];
                    trip[j] = table.kthDistance(j, k);
                    users[s[k]]++;
                    break;
                }
            }
        }
        for (int i : openSites) {
            if (users[i] > 0) {
                continue;
            }
            int[] d = table.demandsOf(i);
            int reach = table.demandsWithin(i, radius);
            int best = -1;
            double bestGrowth = Double.POSITIVE_INFINITY;
            for (int q = 0; q < reach; q++) {
                int j = d[q];
                double growth = table.distance(j, i) - trip[j];
                if (users[target[j]] > 1 && growth < bestGrowth) {
                    bestGrowth = growth;
                    best = j;
                }
            }
            if (best >= 0) {
                users[target[best]]--;
                target[best] = i;
                trip[best] = table.distance(best, i);
                users[i]++;
            }
        }
        return target;
    }
}
