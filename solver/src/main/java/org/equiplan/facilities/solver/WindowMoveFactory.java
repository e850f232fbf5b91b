package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Limits;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;
import org.equiplan.facilities.exact.CpSat;
import org.equiplan.facilities.exact.SitingWindow;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves that re-plan a window of neighbouring sites exactly ({@link SitingWindow}, CP-SAT): which of them are open
 * and which customers each serves, in one move. The window grows while its solves are proven quickly and shrinks
 * when they run out of time, so its size follows what one solve can prove on the problem at hand.
 *
 * <p>Once the bound's thread has ended, its core solves a second window, apart from the first, beside each step's own
 * from the same plan; the step takes both where they touch no common site ({@link #together}).
 *
 * <p>Used on services whose whole objective is the linear cost a window can plan (no regional equity, longest trip
 * or travel standard), with capacities: there single moves stall where every site is nearly full. The score still
 * judges every move, with every rule of the format. Where CP-SAT cannot load, the phase runs the ordinary moves
 * ({@link FacilityMoveFactory}) instead.
 */
public class WindowMoveFactory implements MoveIteratorFactory<FacilityPlan, ReassignMove> {

    private static final Logger LOG = LoggerFactory.getLogger(WindowMoveFactory.class);

    /**
     * Sites in a first window: on the tight 30 x 200 to 80 x 400 sets CP-SAT proves such a window in a few
     * hundredths of a second, and the windows then grow to 13-18 sites there.
     */
    static final int FIRST_WINDOW = 8;
    /** Customers' cheapest sites that count when telling which sites are neighbours. */
    static final int NEIGHBOUR_DEPTH = 6;
    /** Up to this many sites every other site is listed as a neighbour (the least close last). */
    static final int FULL_NEIGHBOURS = 2000;

    /** Set through the phase's custom properties: the longest one solve may take, in milliseconds. */
    private long windowMillis = 2000;
    /** Set through the phase's custom properties: the wall-clock time (epoch ms) no solve may pass. */
    private long deadline = Long.MAX_VALUE;

    private FacilityMoveFactory fallback;
    private FacilityPlan indexed;
    private final List<Window> windows = new ArrayList<>();
    /** Solves a second window beside each step's own while the bound leaves a core free ({@link #spareCore}). */
    private ExecutorService beside;

    private int turn;
    private int solves;
    private int improved;
    private int paired;
    private long saved;

    public void setWindowMillis(String millis) {
        this.windowMillis = Long.parseLong(millis);
    }

    public void setDeadline(String epochMillis) {
        this.deadline = Long.parseLong(epochMillis);
    }

    /** Whether a service's objective is all linear cost with capacities, the case the windows plan exactly. */
    static boolean applies(FacilityPlan plan, Service service) {
        List<Site> sites = plan.getSiteTable().of(service);
        return service.getLongestTripCost() == 0
                && service.getMaxDistance() == null
                && OpenCounts.capacitated(sites)
                && sites.size() > 1
                && plan.getAssignments().stream()
                        .filter(a -> a.getService() == service)
                        .allMatch(a -> a.getRegionAccess() == null);
    }

    /** Whether any service of the plan gets windows (by its shape: CP-SAT is loaded only when the phase starts). */
    public static boolean appliesTo(FacilityPlan plan) {
        return plan.getServices().stream().anyMatch(s -> applies(plan, s));
    }

    @Override
    public void phaseStarted(ScoreDirector<FacilityPlan> scoreDirector) {
        // Loading CP-SAT here, after the construction, keeps its first load from delaying the first answer.
        if (fallback != null || !CpSat.available()) {
            // No CP-SAT on this machine: the ordinary moves carry on to the end instead.
            fallback = fallback == null ? new FacilityMoveFactory() : fallback;
            fallback.phaseStarted(scoreDirector);
            return;
        }
        FacilityPlan plan = scoreDirector.getWorkingSolution();
        if (indexed == plan) {
            return;
        }
        indexed = plan;
        windows.clear();
        for (Service service : plan.getServices()) {
            if (applies(plan, service)) {
                SitingModel model = SitingModel.of(plan, service, SitingModel.Level.COST);
                windows.add(new Window(model, neighbours(model), Math.min(FIRST_WINDOW, model.siteCount())));
            }
        }
    }

    @Override
    public void phaseEnded(ScoreDirector<FacilityPlan> scoreDirector) {
        if (beside != null) {
            beside.shutdownNow();
            beside = null;
        }
        if (fallback != null) {
            return;
        }
        LOG.info(
                "Window search: {} exact solves ({} steps with two windows applied together), {} improved the plan, "
                        + "saving {} (scaled cost); windows of {} sites",
                solves,
                paired,
                improved,
                saved,
                windows.stream().map(w -> Integer.toString(w.size)).toList());
    }

    /**
     * Whether a second core is free for a second window: the machine has one and the bound is not being raised on
     * it. The service runs one solve fewer than there are cores, so a solve uses at most two threads either way.
     */
    static boolean spareCore(FacilityPlan plan) {
        return Runtime.getRuntime().availableProcessors() > 1
                && !plan.getHints().refining();
    }

    private ExecutorService beside() {
        if (beside == null) {
            beside = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, "equiplan-window");
                t.setDaemon(true);
                return t;
            });
        }
        return beside;
    }

    /**
     * Per site, the other sites in order of how many customers count both among their cheapest
     * {@link #NEIGHBOUR_DEPTH}: sites that compete for the same customers, near each other whatever the distances are.
     */
    static int[][] neighbours(SitingModel model) {
        // Counted sparsely (an n x n table would not fit large n). Up to FULL_NEIGHBOURS sites the sites that share
        // no customer follow in index order, so that a window can still grow to every site of a small problem.
        int n = model.siteCount();
        List<java.util.Map<Integer, Integer>> shared = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            shared.add(new java.util.HashMap<>());
        }
        for (int j = 0; j < model.customerCount(); j++) {
            int[] cheapest = model.cheapestSites(j);
            int depth = Math.min(NEIGHBOUR_DEPTH, cheapest.length);
            for (int a = 0; a < depth; a++) {
                for (int b = a + 1; b < depth; b++) {
                    shared.get(cheapest[a]).merge(cheapest[b], 1, Integer::sum);
                    shared.get(cheapest[b]).merge(cheapest[a], 1, Integer::sum);
                }
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            java.util.Map<Integer, Integer> row = shared.get(i);
            java.util.stream.IntStream sharing = row.keySet().stream()
                    .sorted((a, b) -> row.get(b).equals(row.get(a)) ? Integer.compare(a, b) : row.get(b) - row.get(a))
                    .mapToInt(Integer::intValue);
            int self = i;
            out[i] = n > FULL_NEIGHBOURS
                    ? sharing.toArray()
                    : java.util.stream.IntStream.concat(
                                    sharing,
                                    java.util.stream.IntStream.range(0, n)
                                            .filter(k -> k != self && !row.containsKey(k)))
                            .toArray();
        }
        return out;
    }

    @Override
    public long getSize(ScoreDirector<FacilityPlan> scoreDirector) {
        return scoreDirector.getWorkingSolution().getSites().size();
    }

    @Override
    public Iterator<ReassignMove> createOriginalMoveIterator(ScoreDirector<FacilityPlan> scoreDirector) {
        throw new UnsupportedOperationException("Window moves are only selected at random.");
    }

    @Override
    public Iterator<ReassignMove> createRandomMoveIterator(ScoreDirector<FacilityPlan> scoreDirector, Random random) {
        if (fallback != null) {
            return fallback.createRandomMoveIterator(scoreDirector, random);
        }
        FacilityPlan plan = scoreDirector.getWorkingSolution();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !windows.isEmpty();
            }

            @Override
            public ReassignMove next() {
                Window window = windows.get(turn++ % windows.size());
                return window.solve(plan, random);
            }
        };
    }

    /** The plan a step moves to (a site per customer) and whether it holds the changes of both windows. */
    record Joined(int[] siteOf, boolean both) {}

    /**
     * Two windows solved from the same plan {@code siteOf}: both changes where they touch no common site (each site
     * then keeps the load, and opens or closes, as its own window planned it, so the savings add up) and
     * {@code limited} is false (an open-count limit or a budget could be passed by the two together); otherwise
     * the change that saves more.
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

    /** One service's model, its sites' neighbours and the window size that suits it now. */
    private final class Window {
        final SitingModel model;
        final int[][] neighbours;
        int size;

        Window(SitingModel model, int[][] neighbours, int size) {
            this.model = model;
            this.neighbours = neighbours;
            this.size = size;
        }

        ReassignMove solve(FacilityPlan plan, Random random) {
            int customers = model.customerCount();
            int[] siteOf = new int[customers];
            for (int j = 0; j < customers; j++) {
                siteOf[j] = model.assignment(j).getSite().getServiceIndex();
            }
            if (System.currentTimeMillis() >= deadline) {
                return noChange(random); // the solver's own time limit ends the phase at once
            }
            double seconds = Math.min(windowMillis, deadline - System.currentTimeMillis()) / 1000.0;
            int[] sites = pick(random, null);
            SitingWindow.Side side = side(plan, sites);
            int seed = random.nextInt(1 << 20);
            Future<SitingWindow.Result> second = null;
            if (spareCore(plan)) {
                int[] apart = pick(random, sites);
                if (apart != null) {
                    SitingWindow.Side apartSide = side(plan, apart);
                    int apartSeed = random.nextInt(1 << 20);
                    second = beside().submit(
                                    () -> SitingWindow.solve(model, siteOf, apart, apartSide, seconds, apartSeed));
                }
            }
            SitingWindow.Result result = learn(SitingWindow.solve(model, siteOf, sites, side, seconds, seed));
            int[] next = result.siteOf();
            if (second != null) {
                Joined joined = together(model, limited(plan), siteOf, result, learn(join(second, siteOf)));
                next = joined.siteOf();
                paired += joined.both() ? 1 : 0;
            }
            saved += model.objective(siteOf) - model.objective(next);
            List<Assignment> moved = new ArrayList<>();
            List<Site> targets = new ArrayList<>();
            for (int j = 0; j < customers; j++) {
                if (next[j] != siteOf[j]) {
                    moved.add(model.assignment(j));
                    targets.add(plan.getSiteTable().get(model.service(), next[j]));
                }
            }
            return moved.isEmpty() ? noChange(random) : new ReassignMove("window", moved, targets);
        }

        /** Counts a solve and lets its outcome set the next window's size. */
        SitingWindow.Result learn(SitingWindow.Result result) {
            solves++;
            switch (result.status()) {
                case NO_BETTER -> size = Math.min(model.siteCount(), size + 1);
                case STOPPED -> size = Math.max(2, size - 1);
                case IMPROVED -> improved++;
            }
            return result;
        }

        /** Whether the service has an open-count limit or the plan a capital budget: both windows share them. */
        boolean limited(FacilityPlan plan) {
            return model.minOpen() > 0
                    || model.maxOpen() != SitingModel.NO_LIMIT
                    || (plan.getLimits() != null && plan.getLimits().hasBudget());
        }

        /** The second window's outcome; a solve that failed counts as stopped (and is logged). */
        SitingWindow.Result join(Future<SitingWindow.Result> second, int[] siteOf) {
            try {
                return second.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.error("a window solved beside the search failed; the step keeps its own window", e.getCause());
            }
            return new SitingWindow.Result(SitingWindow.Status.STOPPED, siteOf, 0, 0, 0);
        }

        /** Nothing better in this window: an undoable no-op, which the solver skips. */
        ReassignMove noChange(Random random) {
            Assignment a = model.assignment(random.nextInt(model.customerCount()));
            return new ReassignMove("window", List.of(a), java.util.Collections.singletonList(a.getSite()));
        }

        /**
         * A random site and its nearest neighbours, a few of them skipped at random so windows vary. With
         * {@code apartFrom}, a window of sites not in it (its seed tried a few times; fewer sites if its neighbours
         * run out), or null where it leaves too little.
         */
        int[] pick(Random random, int[] apartFrom) {
            boolean[] taken = new boolean[model.siteCount()];
            int seed = random.nextInt(model.siteCount());
            if (apartFrom != null) {
                for (int i : apartFrom) {
                    taken[i] = true;
                }
                for (int tries = 0; taken[seed] && tries < 8; tries++) {
                    seed = random.nextInt(model.siteCount());
                }
                if (taken[seed]) {
                    return null;
                }
            }
            int[] out = new int[size];
            out[0] = seed;
            int filled = 1;
            int[] near = neighbours[seed];
            for (int k = 0; k < near.length && filled < size; k++) {
                if (!taken[near[k]] && (random.nextInt(5) > 0 || near.length - k <= size - filled)) {
                    out[filled++] = near[k];
                }
            }
            return apartFrom != null && filled < 2 ? null : Arrays.copyOf(out, filled);
        }

        /** The window's limits given the rest of the plan: open counts of this service and the capital budget. */
        SitingWindow.Side side(FacilityPlan plan, int[] sites) {
            boolean[] inWindow = new boolean[model.siteCount()];
            for (int i : sites) {
                inWindow[i] = true;
            }
            int openOutside = 0;
            long spentOutside = 0;
            for (Site s : plan.getSites()) {
                boolean mine = s.getService() == model.service() && inWindow[s.getServiceIndex()];
                if (s.isOpen() && !mine) {
                    spentOutside += s.getCapitalCostScaled();
                    if (s.getService() == model.service()) {
                        openOutside++;
                    }
                }
            }
            long[] capital = new long[sites.length];
            for (int w = 0; w < sites.length; w++) {
                capital[w] = plan.getSiteTable().get(model.service(), sites[w]).getCapitalCostScaled();
            }
            Limits limits = plan.getLimits();
            long left = limits != null && limits.hasBudget() ? limits.budgetScaled() - spentOutside : Long.MAX_VALUE;
            int max = model.maxOpen() == SitingModel.NO_LIMIT ? sites.length : model.maxOpen() - openOutside;
            return new SitingWindow.Side(model.minOpen() - openOutside, max, capital, left);
        }
    }
}
