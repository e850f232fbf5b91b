package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;
import org.optaplanner.core.impl.score.director.InnerScoreDirector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For p-median services (an exact count, no capacities, travel standard, longest trip or regional equity, no
 * capital budget on their sites): the variable neighbourhood search of {@link MedianVns} from the plan at hand;
 * each better open set it finds goes into the working plan (every demand at its cheapest open site) if the whole
 * score says it is better, so that OptaPlanner records it as the best at once. The local search that follows
 * starts from the last of them.
 */
final class MedianSearch implements CustomPhaseCommand<FacilityPlan> {

    private static final Logger LOG = LoggerFactory.getLogger(MedianSearch.class);

    /**
     * How many steps the phase may take: each step runs each service's search until it finds a better set or its
     * slice of the time ends; the last step runs to the end of the phase's time.
     */
    static final int STEPS = 256;
    /** Rounds without a better set after which a service's search ends (a tiny plan has nothing left to find). */
    static final long STALL_ROUNDS = 20_000;
    /**
     * The most assignment options (demands x allowed sites) the search copies into its own arrays (about 24 bytes
     * each); larger services are left to the moves.
     */
    static final long MAX_OPTIONS = 10_000_000;

    private final long seed;
    private final long budgetMillis;
    private final BooleanSupplier stop;

    // One solve's state: the phase is one command called once per step on the same working plan.
    private FacilityPlan plan;
    private final List<ServiceSearch> searches = new ArrayList<>();
    private int step;
    private long deadline;
    private boolean proven;
    /** The first step puts in the descent from the plan at hand, before any shake. */
    private boolean descentPutIn;

    private record ServiceSearch(Service service, List<Assignment> assignments, List<Site> sites, MedianVns vns) {}

    MedianSearch(long seed, long budgetMillis, BooleanSupplier stop) {
        this.seed = seed;
        this.budgetMillis = budgetMillis;
        this.stop = stop;
    }

    /** The phase: {@link #STEPS} calls of this one command, which share its state. */
    CustomPhaseConfig phase() {
        return new CustomPhaseConfig().withCustomPhaseCommandList(Collections.nCopies(STEPS, this));
    }

    /** Whether the service's objective is the sum the search evaluates, with nothing else coupling its sites. */
    static boolean applies(FacilityPlan plan, Service service, List<Assignment> assignments) {
        List<Site> sites = plan.getSiteTable().of(service);
        return OpenCounts.exactCount(service)
                && service.getMaxDistance() == null
                && sites.size() > service.getMaxOpen()
                && Substitution.appliesToSum(service, sites, assignments)
                && !(plan.getLimits() != null
                        && plan.getLimits().hasBudget()
                        && sites.stream().anyMatch(s -> s.getCapitalCostScaled() > 0))
                && assignments.stream().allMatch(a -> a.getSite() != null)
                && assignments.stream()
                                .mapToLong(a -> a.getAllowedSites().size())
                                .sum()
                        <= MAX_OPTIONS;
    }

    @Override
    public void changeWorkingSolution(ScoreDirector<FacilityPlan> scoreDirector) {
        if (scoreDirector.getWorkingSolution() != plan) {
            begin(scoreDirector.getWorkingSolution());
        }
        boolean last = ++step == STEPS;
        long sliceEnd = last
                ? deadline
                : System.currentTimeMillis()
                        + Math.max(20, (deadline - System.currentTimeMillis()) / (STEPS - step + 1));
        if (!descentPutIn) {
            descentPutIn = true;
            searches.forEach(s -> apply(scoreDirector, s));
            return;
        }
        for (ServiceSearch s : List.copyOf(searches)) {
            BooleanSupplier halt = () -> proven
                    || stop.getAsBoolean()
                    || System.currentTimeMillis() > Math.min(sliceEnd, deadline)
                    || s.vns().rounds() > STALL_ROUNDS;
            while (s.vns().improve(halt)) {
                apply(scoreDirector, s);
                if (!last) {
                    break; // a step per better set: OptaPlanner records it as the best now
                }
            }
            if (s.vns().rounds() > STALL_ROUNDS || System.currentTimeMillis() > deadline || proven) {
                searches.remove(s);
                LOG.info(
                        "Median search for service {} ends after {} rounds at {} ({} sites left out)",
                        s.service(),
                        s.vns().rounds(),
                        s.vns().bestCost(),
                        s.vns().bannedCount());
            }
        }
    }

    private void begin(FacilityPlan working) {
        plan = working;
        step = 0;
        proven = false;
        descentPutIn = false;
        searches.clear();
        deadline = System.currentTimeMillis() + budgetMillis;
        for (Service service : plan.getServices()) {
            List<Assignment> assignments = new ArrayList<>();
            for (Assignment a : plan.getAssignments()) {
                if (a.getService() == service) {
                    assignments.add(a);
                }
            }
            if (assignments.isEmpty() || !applies(plan, service, assignments) || stop.getAsBoolean()) {
                continue;
            }
            searches.add(new ServiceSearch(
                    service,
                    assignments,
                    plan.getSiteTable().of(service),
                    vns(plan, service, assignments, null, seed + service.getIndex())));
        }
    }

    /** The search over the service's sites, from {@code open} (the plan's open sites when null). */
    static MedianVns vns(FacilityPlan plan, Service service, List<Assignment> assignments, boolean[] open, long seed) {
        List<Site> sites = plan.getSiteTable().of(service);
        int m = sites.size();
        double[] fixed = new double[m];
        boolean[] forced = new boolean[m];
        boolean[] banned = new boolean[m];
        boolean[] start = open != null ? open : new boolean[m];
        boolean[][] closedForGood = plan.getHints().closedForGood();
        boolean[] closed = closedForGood == null ? null : closedForGood[service.getIndex()];
        for (Site s : sites) {
            int i = s.getServiceIndex();
            fixed[i] = s.getOpeningCostScaled();
            forced[i] = s.isAlwaysOpen();
            start[i] = open != null ? open[i] : s.isOpen();
            banned[i] = closed != null && closed[i] && !start[i];
        }
        int[][] allowed = new int[assignments.size()][];
        double[][] values = new double[assignments.size()][];
        for (int j = 0; j < allowed.length; j++) {
            Assignment a = assignments.get(j);
            allowed[j] = a.allowedIndexes();
            values[j] = new double[allowed[j].length];
            for (int q = 0; q < allowed[j].length; q++) {
                values[j][q] = AssignmentValue.of(a, sites.get(allowed[j][q]));
            }
        }
        double[][] floors = plan.getHints().openFloor();
        double[] floor = floors == null ? null : floors[service.getIndex()];
        return new MedianVns(m, allowed, values, fixed, forced, banned, floor, start, seed);
    }

    /** Every demand of the service to its cheapest site of the best set; kept if the whole score improves. */
    private void apply(ScoreDirector<FacilityPlan> scoreDirector, ServiceSearch s) {
        int[] target = s.vns().bestTargets();
        handEverySiteADemand(s.vns(), target);
        Site[] targets = new Site[target.length];
        for (int j = 0; j < target.length; j++) {
            targets[j] = s.sites().get(target[j]);
        }
        boolean kept = Restart.tryTargets(scoreDirector, s.assignments(), targets);
        var score = (HardMediumSoftLongScore) ((InnerScoreDirector<FacilityPlan, ?>) scoreDirector).calculateScore();
        LOG.debug(
                "Median search for service {}: {} ({}), round {}",
                s.service(),
                s.vns().bestCost(),
                kept ? score : "not kept",
                s.vns().rounds());
        if (FacilitySolver.provenOptimal(score, plan.getHints().bound())) {
            proven = true;
        }
    }

    /**
     * A site of the best set that is nobody's cheapest would close and break the exact count: it takes the demand
     * that loses least by moving there, from a site that keeps another.
     */
    private static void handEverySiteADemand(MedianVns vns, int[] target) {
        boolean[] open = vns.bestOpen();
        int[] users = new int[open.length];
        for (int t : target) {
            users[t]++;
        }
        for (int i = 0; i < open.length; i++) {
            if (!open[i] || users[i] > 0) {
                continue;
            }
            int best = -1;
            double bestLoss = Double.POSITIVE_INFINITY;
            for (int j : vns.usersOf(i)) {
                double loss = vns.valueAt(j, i) - vns.valueAt(j, target[j]);
                if (users[target[j]] > 1 && loss < bestLoss) {
                    bestLoss = loss;
                    best = j;
                }
            }
            if (best >= 0) {
                users[target[best]]--;
                target[best] = i;
                users[i]++;
            }
        }
    }
}
