package org.equiplan.facilities.solver;

import static org.equiplan.facilities.exact.SitingWindow.Engine.CP_SAT;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.bound.Transportation;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Limits;
import org.equiplan.facilities.domain.SearchHints;
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
 * and which customers each serves, in one move. {@link WindowSchedule} chooses the windows: large ones whose size
 * follows what one solve can prove and, once they stall, small ones around every site whose surroundings changed.
 *
 * <p>A plan the bound's tree found ({@link BoundRefiner}) that is cheaper than the plan at hand is the next step.
 *
 * <p>Once the bound's thread has ended, its core solves a second large window, apart from the first, beside each
 * step's own from the same plan; the step takes both where they touch no common site ({@link WindowPair}).
 *
 * <p>Used on services whose whole objective is the linear cost a window can plan (no regional equity, longest trip
 * or travel standard), with capacities: there single moves stall where every site is nearly full. The score still
 * judges every move, with every rule of the format. Where CP-SAT cannot load, the phase runs the ordinary moves
 * ({@link FacilityMoveFactory}) instead.
 */
public class WindowMoveFactory implements MoveIteratorFactory<FacilityPlan, ReassignMove> {

    private static final Logger LOG = LoggerFactory.getLogger(WindowMoveFactory.class);

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
    /** Counts and times of this phase's windows, logged at its end. */
    private WindowTally tally = new WindowTally();

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
        tally = new WindowTally();
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
                boolean assignment = model.customerCount() <= WindowSchedule.ASSIGNMENT_MAX_CUSTOMERS;
                // The sets next to the plan's are priced by a flow over every site: only where the sites are few.
                boolean sets = assignment
                        && model.siteCount() <= OpenSetSearch.MAX_SITES
                        && Transportation.appliesTo(model)
                        && (plan.getLimits() == null || !plan.getLimits().hasBudget());
                windows.add(new Window(
                        model,
                        new WindowSchedule(model, assignment, sets),
                        sets ? new OpenSetSearch(model, new Transportation(model)) : null));
            }
        }
    }

    /** The relaxation's rating of the service's sets of open sites, null before the bound phase or without one. */
    private static SearchHints.SetRating setRating(FacilityPlan plan, SitingModel model) {
        SearchHints.SetRating[] ratings = plan.getHints().setRatings();
        int service = plan.getServices().indexOf(model.service());
        return ratings == null || service < 0 || service >= ratings.length ? null : ratings[service];
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
                "Window search: {}",
                tally.summary(
                        windows.stream()
                                .mapToLong(w -> w.sets == null ? 0 : w.sets.priced())
                                .sum(),
                        windows.stream()
                                .map(w -> Integer.toString(w.schedule.size()))
                                .toList()));
        for (Window window : windows) {
            if (window.sets != null) {
                window.sets.close(); // the flow's native memory
            }
        }
        windows.clear();
        indexed = null;
    }

    /**
     * Whether a second core is free for a second window: the machine has one, the bound is not being raised on it and
     * no second search ({@link SecondSearch}) runs on it. The service runs one solve fewer than there are cores, so a
     * solve uses at most two threads either way.
     */
    static boolean spareCore(FacilityPlan plan) {
        return Runtime.getRuntime().availableProcessors() > 1
                && !plan.getHints().refining()
                && !plan.getHints().secondSearch();
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
                long stepStart = System.nanoTime();
                ReassignMove move = window.solve(plan, random);
                tally.step(System.nanoTime() - stepStart);
                return move;
            }
        };
    }

    /** One service's model and the schedule of its windows. */
    private final class Window {
        final SitingModel model;
        final WindowSchedule schedule;
        /** The search among open sets, null where it does not apply. */
        final OpenSetSearch sets;

        Window(SitingModel model, WindowSchedule schedule, OpenSetSearch sets) {
            this.model = model;
            this.schedule = schedule;
            this.sets = sets;
        }

        ReassignMove solve(FacilityPlan plan, Random random) {
            int customers = model.customerCount();
            int[] siteOf = new int[customers];
            for (int j = 0; j < customers; j++) {
                siteOf[j] = model.assignment(j).getSite().getServiceIndex();
            }
            // A cheaper plan at hand needs no solve: taken even at the deadline.
            SearchHints.PlanOffer offer =
                    plan.getHints().takeOffer(model.service().getIndex());
            if (offer != null && offer.cost() < model.objective(siteOf)) {
                tally.offerTaken();
                return move(plan, siteOf, offer.siteOf(), "bound plan");
            }
            if (System.currentTimeMillis() >= deadline) {
                return noChange(random); // the solver's own time limit ends the phase at once
            }
            double seconds = Math.min(windowMillis, deadline - System.currentTimeMillis()) / 1000.0;
            WindowSchedule.Pick pick = schedule.next(siteOf, elite(plan), random);
            int[] sites = pick.sites();
            SitingWindow.Side side = side(plan, model, sites);
            int seed = random.nextInt(1 << 20);
            Future<SitingWindow.Result> second = null;
            WindowSchedule.Pick apartPick = null;
            if (pick.kind() == WindowSchedule.Kind.LARGE && spareCore(plan)) {
                int[] apart = schedule.pick(random, sites);
                if (apart != null) {
                    apartPick = WindowSchedule.Pick.large(apart);
                    SitingWindow.Side apartSide = side(plan, model, apart);
                    int apartSeed = random.nextInt(1 << 20);
                    second = beside().submit(() -> SitingWindow.solve(
                            model, siteOf, apart, apartSide, seconds, apartSeed, CP_SAT, plan.getHints()::ending));
                }
            }
            if (pick.sets()) {
                long setStart = System.nanoTime();
                int[] next = sets.step(siteOf, seconds, seed, setRating(plan, model), plan.getHints()::ending);
                boolean better = model.objective(next) < model.objective(siteOf);
                learn(
                        pick,
                        new SitingWindow.Result(
                                better ? SitingWindow.Status.IMPROVED : SitingWindow.Status.NO_BETTER,
                                next,
                                0,
                                0,
                                0,
                                false));
                tally.took(pick.kind(), System.nanoTime() - setStart);
                tally.saved(model.objective(siteOf) - model.objective(next));
                ReassignMove move = move(plan, siteOf, next, "open sets");
                return move == null ? noChange(random) : move;
            }
            long solveStart = System.nanoTime();
            SitingWindow.Result result = learn(
                    pick,
                    SitingWindow.solve(model, siteOf, sites, side, seconds, seed, CP_SAT, plan.getHints()::ending));
            tally.took(pick.kind(), System.nanoTime() - solveStart);
            int[] next = result.siteOf();
            if (second != null) {
                WindowPair.Joined joined = WindowPair.together(
                        model, limited(plan), siteOf, result, learn(apartPick, join(second, siteOf)));
                next = joined.siteOf();
                tally.paired(joined.both());
            }
            tally.saved(model.objective(siteOf) - model.objective(next));
            ReassignMove move = move(plan, siteOf, next, "window");
            return move == null ? noChange(random) : move;
        }

        /**
         * The site per customer in the best plan of all searches ({@link SearchHints#elite}), or null where there is
         * none yet or it leaves a customer of this service unassigned.
         */
        int[] elite(FacilityPlan plan) {
            FacilityPlan elite = plan.getHints().elite();
            if (elite == null) {
                return null;
            }
            List<Assignment> assignments = model.assignmentsIn(elite);
            int[] siteOf = new int[assignments.size()];
            for (int j = 0; j < siteOf.length; j++) {
                Site site = assignments.get(j).getSite();
                if (site == null) {
                    return null;
                }
                siteOf[j] = site.getServiceIndex();
            }
            return siteOf;
        }

        /** The customers whose site differs from {@code siteOf} in {@code next}, sent there; null if none. */
        ReassignMove move(FacilityPlan plan, int[] siteOf, int[] next, String kind) {
            List<Assignment> moved = new ArrayList<>();
            List<Site> targets = new ArrayList<>();
            for (int j = 0; j < siteOf.length; j++) {
                if (next[j] != siteOf[j]) {
                    moved.add(model.assignment(j));
                    targets.add(plan.getSiteTable().get(model.service(), next[j]));
                }
            }
            return moved.isEmpty() ? null : new ReassignMove(kind, moved, targets);
        }

        /** Counts a solve and tells the schedule its outcome. */
        SitingWindow.Result learn(WindowSchedule.Pick pick, SitingWindow.Result result) {
            boolean better = result.status() == SitingWindow.Status.IMPROVED;
            tally.solved(pick.kind(), better);
            schedule.outcome(pick, result.status());
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
            return new SitingWindow.Result(SitingWindow.Status.STOPPED, siteOf, 0, 0, 0, false);
        }

        /** Nothing better in this window: an undoable no-op, which the solver skips. */
        ReassignMove noChange(Random random) {
            Assignment a = model.assignment(random.nextInt(model.customerCount()));
            return new ReassignMove("window", List.of(a), java.util.Collections.singletonList(a.getSite()));
        }
    }

    /** A window's limits given the rest of the plan: open counts of this service and the capital budget. */
    static SitingWindow.Side side(FacilityPlan plan, SitingModel model, int[] sites) {
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
