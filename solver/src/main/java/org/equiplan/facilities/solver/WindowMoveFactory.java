package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
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
    private int turn;
    private int solves;
    private int improved;
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
        if (fallback != null) {
            return;
        }
        LOG.info(
                "Window search: {} exact solves, {} improved the plan, saving {} (scaled cost); windows of {} sites",
                solves,
                improved,
                saved,
                windows.stream().map(w -> Integer.toString(w.size)).toList());
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
            int[] sites = pick(random);
            double seconds = Math.min(windowMillis, deadline - System.currentTimeMillis()) / 1000.0;
            SitingWindow.Result result =
                    SitingWindow.solve(model, siteOf, sites, side(plan, sites), seconds, random.nextInt(1 << 20));
            solves++;
            switch (result.status()) {
                case NO_BETTER -> size = Math.min(model.siteCount(), size + 1);
                case STOPPED -> size = Math.max(2, size - 1);
                case IMPROVED -> {
                    improved++;
                    saved += result.before() - result.after();
                }
            }
            List<Assignment> moved = new ArrayList<>();
            List<Site> targets = new ArrayList<>();
            for (int j = 0; j < customers; j++) {
                if (result.siteOf()[j] != siteOf[j]) {
                    moved.add(model.assignment(j));
                    targets.add(plan.getSiteTable().get(model.service(), result.siteOf()[j]));
                }
            }
            return moved.isEmpty() ? noChange(random) : new ReassignMove("window", moved, targets);
        }

        /** Nothing better in this window: an undoable no-op, which the solver skips. */
        ReassignMove noChange(Random random) {
            Assignment a = model.assignment(random.nextInt(model.customerCount()));
            return new ReassignMove("window", List.of(a), java.util.Collections.singletonList(a.getSite()));
        }

        /** A random site and its nearest neighbours, a few of them skipped at random so windows vary. */
        int[] pick(Random random) {
            int seed = random.nextInt(model.siteCount());
            int[] out = new int[size];
            out[0] = seed;
            int filled = 1;
            int[] near = neighbours[seed];
            for (int k = 0; k < near.length && filled < size; k++) {
                if (random.nextInt(5) > 0 || near.length - k <= size - filled) {
                    out[filled++] = near[k];
                }
            }
            return Arrays.copyOf(out, filled);
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
