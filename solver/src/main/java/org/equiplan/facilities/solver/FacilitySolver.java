package org.equiplan.facilities.solver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.LowerBound;
import org.equiplan.facilities.domain.SearchHints;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;
import org.equiplan.solve.Progress;
import org.equiplan.solve.SolveOptions;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.phase.PhaseConfig;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;
import org.optaplanner.core.impl.solver.DefaultSolver;

/** OptaPlanner configuration for facility siting, and a blocking solve with progress callbacks. */
public final class FacilitySolver {

    /**
     * Late acceptance compares with the score this many steps ago. With exact open counts and no capacities
     * (p-median) every step is an interchange and a short memory converges fastest: 5 was best with random
     * interchanges; with the substitution that picks the site to close (Whitaker), 20 reached the published
     * optimum on 34 of pmed1-40 at 10 s against 31 with 5 at 30 s (one run each, same machine), 100 stalled
     * more. With free counts, budgets and standards a longer one escapes plateaus (Chongyang, 15 s: 100 best).
     */
    public static final int LATE_ACCEPTANCE_EXACT_COUNTS = 20;
    /**
     * p-center (the longest trip weighed, exact counts, no capacities): the longest trip sits on plateaus
     * that a short list cannot cross. Measured on pmed1-10 at 10 s (one run each): at the proven optimum
     * 3 of 10 with a list of 5, 6 of 10 with 50 and with 400, the misses closer with 400.
     */
    public static final int LATE_ACCEPTANCE_CENTER = 400;

    public static final int LATE_ACCEPTANCE_DEFAULT = 100;

    private FacilitySolver() {}

    /** Score calculation only, no phases: for explaining and checking plans. */
    public static SolverConfig scoringConfig() {
        return new SolverConfig()
                .withSolutionClass(FacilityPlan.class)
                .withEntityClasses(Assignment.class, Site.class)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                        .withConstraintProviderClass(FacilityConstraints.class)
                        // Bavet explicitly: with Drools on the class path too, OptaPlanner would pick the slower one.
                        .withConstraintStreamImplType(ConstraintStreamImplType.BAVET));
    }

    /** The one scoring and explaining manager of facility plans (reports, analysis, checks). */
    public static final SolutionManager<FacilityPlan, HardMediumSoftLongScore> SCORING =
            SolutionManager.create(SolverFactory.create(scoringConfig()));

    /**
     * Share of the time limit the lower-bound phase may take at most. It converges in well under a second
     * on the classic sets (measured on Holmberg's 30 x 200); the cap matters only for very large problems.
     */
    static final double BOUND_SHARE = 0.25;
    /** Share of the time limit the repair of an infeasible first plan may take at most. */
    static final double REPAIR_SHARE = 0.25;
    /**
     * With capacities, share of the time limit the root relaxation may hold the search back: the refiner thread
     * carries on from its multipliers (on the generated 80 x 400 sets the root alone took over 5 s).
     */
    static final double ROOT_SHARE_CAPACITATED = 0.1;

    /**
     * Share of the time limit the covering search of p-center services may take at most; the local search
     * then shortens the other trips with the longest one fixed.
     */
    static final double CENTER_SHARE = 0.5;

    /**
     * Share of the time limit the variable neighbourhood search of p-median services ({@link MedianSearch}) may
     * take at most; the late acceptance search then goes on from its best plan.
     */
    static final double MEDIAN_SHARE = 0.6;

    /** Share of the time limit that the branch and bound, beside the search, may take at most. */
    static final double REFINE_SHARE = 0.6;
    /**
     * The same where a second search ({@link SecondSearch}) takes the tree's core once it ends: on Holmberg's sets the
     * tree ends (proved, or out of nodes) within 7 s of a 30 s solve; on the tight sets it runs to any limit, and a
     * tree of 6 s instead of 18 s left the search as good (benchmark/results/issue9-second-core-2026-12-01).
     */
    static final double REFINE_SHARE_BEFORE_SECOND_SEARCH = 0.25;

    /**
     * With capacities and a linear objective, share of the time limit the local search has before the exact
     * windows ({@link WindowMoveFactory}) take over: it brings the construction to a good plan fast, the windows
     * then reach what single moves cannot.
     */
    static final double WINDOW_START_SHARE = 0.2;
    /**
     * Share of the second search's time its first exact assignment may take (7.5 s of the 20 s it has in a 30 s solve of
     * the tight sets: 2.5 s for SCIP, 5 s for CP-SAT, where CP-SAT is still improving the assignment at 5 s), and the
     * most it may take: like a window's solve it is not cut short by a stop, which must not wait long.
     */
    static final double SECOND_ASSIGNMENT_SHARE = 0.375;

    static final long SECOND_ASSIGNMENT_MAX_MILLIS = 7500;
    /** The longest one exact window solve may take. */
    static final long WINDOW_MILLIS = 2000;

    public static SolverConfig config(SolveOptions options, FacilityPlan plan) {
        return config(
                options,
                lateAcceptanceSize(plan),
                () -> false,
                () -> false,
                refiner(options, REFINE_SHARE),
                windowDeadline(options, plan, System.currentTimeMillis()),
                null);
    }

    /** When the exact windows must stop (the end of the time limit), or null where they do not apply. */
    private static Long windowDeadline(SolveOptions options, FacilityPlan plan, long start) {
        return WindowMoveFactory.appliesTo(plan) ? start + Math.round(options.seconds() * 1000) : null;
    }

    private static BoundRefiner refiner(SolveOptions options, double share) {
        return new BoundRefiner(Math.max(1, Math.round(options.seconds() * 1000 * share)));
    }

    /**
     * A short late-acceptance list where every service has an exact open count and no site a capacity
     * (p-median: interchanges alone move between plans, and a short list converged fastest on OR-Library),
     * a long one for p-center on the same shape ({@link #LATE_ACCEPTANCE_CENTER}); the default otherwise.
     * Capacitated covering with an exact count (the Chongyang clinic example) did better with the default:
     * 123,262 against 123,940 uncovered residents, mean of 4 seeds at 10 s.
     */
    static int lateAcceptanceSize(FacilityPlan plan) {
        boolean allExact = plan.getServices().stream()
                .allMatch(s -> s.getMaxOpen() != Service.NO_LIMIT && s.getMinOpen() == s.getMaxOpen());
        boolean capacitated = plan.getSites().stream().anyMatch(s -> !s.hasUnlimitedCapacity());
        boolean center = plan.getServices().stream().anyMatch(s -> s.getLongestTripCost() > 0);
        if (allExact && !capacitated) {
            return center ? LATE_ACCEPTANCE_CENTER : LATE_ACCEPTANCE_EXACT_COUNTS;
        }
        return LATE_ACCEPTANCE_DEFAULT;
    }

    /**
     * Construction, then the lower bound (stopped by {@code boundStop}; with capacities {@code refiner} then
     * raises it beside the search, and {@code second}, where not null, searches on its core once it ends), then
     * local search. The time limit holds for the solver as a whole; the construction always completes (see {@link
     * #run}).
     */
    static SolverConfig config(
            SolveOptions options,
            int lateAcceptanceSize,
            BooleanSupplier boundStop,
            BooleanSupplier userStop,
            BoundRefiner refiner,
            Long windowDeadline,
            SecondSearch second) {
        // When the construction leaves sites overloaded (a dense cluster of a large plan), the same moves,
        // which then mostly repair, run first until the plan is feasible: the bound can wait, a feasible
        // answer should not.
        LocalSearchPhaseConfig repair = new LocalSearchPhaseConfig()
                .withMoveSelectorConfig(
                        new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(FacilityMoveFactory.class))
                .withAcceptorConfig(new LocalSearchAcceptorConfig().withLateAcceptanceSize(lateAcceptanceSize))
                .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1))
                .withTerminationConfig(new TerminationConfig()
                        .withBestScoreFeasible(true)
                        .withSpentLimit(
                                Duration.ofMillis(Math.max(1, Math.round(options.seconds() * 1000 * REPAIR_SHARE)))));
        return scoringConfig()
                .withRandomSeed(options.seed())
                .withTerminationConfig(options.timeLimit())
                .withPhaseList(phases(
                        new CustomPhaseConfig().withCustomPhaseCommandClassList(List.of(GreedyOpening.class)),
                        repair,
                        new CustomPhaseConfig()
                                .withCustomPhaseCommands(new LowerBoundPhase(boundStop, refiner, second)),
                        new CenterSearch(options.seed(), Math.round(options.seconds() * 1000 * CENTER_SHARE), userStop)
                                .phase(),
                        new MedianSearch(options.seed(), Math.round(options.seconds() * 1000 * MEDIAN_SHARE), userStop)
                                .phase(),
                        searchPhases(options, lateAcceptanceSize, options.seconds() * 1000, windowDeadline)));
    }

    /**
     * The second search ({@link SecondSearch}) for the {@code leftMillis} it has: an exact assignment of the plan it
     * starts from, then the same local search and windows as the first, in the same shares of the time left, with a
     * seed of its own.
     */
    static SolverConfig secondSearchConfig(
            SolveOptions options, int lateAcceptanceSize, long leftMillis, long windowDeadline) {
        return scoringConfig()
                .withRandomSeed(SecondSearch.seed(options.seed()))
                .withTerminationConfig(new TerminationConfig().withSpentLimit(Duration.ofMillis(leftMillis)))
                .withPhaseList(secondPhases(options, lateAcceptanceSize, leftMillis, windowDeadline));
    }

    private static List<PhaseConfig> secondPhases(
            SolveOptions options, int lateAcceptanceSize, long leftMillis, long windowDeadline) {
        long assignment = Math.min(SECOND_ASSIGNMENT_MAX_MILLIS, Math.round(leftMillis * SECOND_ASSIGNMENT_SHARE));
        List<PhaseConfig> phases = new ArrayList<>();
        phases.add(new CustomPhaseConfig().withCustomPhaseCommands(new AssignmentPhase(assignment, options.seed())));
        phases.addAll(searchPhases(options, lateAcceptanceSize, leftMillis - assignment, windowDeadline));
        return phases;
    }

    /**
     * Local search to the end; where windows apply ({@code windowDeadline} not null) it has {@link
     * #WINDOW_START_SHARE} of {@code millis}, then the windows take over until the deadline.
     */
    private static List<PhaseConfig> searchPhases(
            SolveOptions options, int lateAcceptanceSize, double millis, Long windowDeadline) {
        LocalSearchPhaseConfig search = search(lateAcceptanceSize);
        if (options.earlyStop() != null) {
            search.setTerminationConfig(options.earlyStop());
        }
        List<PhaseConfig> last = new ArrayList<>(List.of(search));
        if (windowDeadline != null) {
            TerminationConfig share = new TerminationConfig()
                    .withSpentLimit(Duration.ofMillis(Math.max(1, Math.round(millis * WINDOW_START_SHARE))));
            search.setTerminationConfig(
                    options.earlyStop() == null
                            ? share
                            : new TerminationConfig().withTerminationConfigList(List.of(share, options.earlyStop())));
            LocalSearchPhaseConfig windows = windowSearch(lateAcceptanceSize, windowDeadline);
            if (options.earlyStop() != null) {
                windows.setTerminationConfig(options.earlyStop());
            }
            last.add(windows);
        }
        return last;
    }

    private static List<PhaseConfig> phases(
            PhaseConfig construction,
            PhaseConfig repair,
            PhaseConfig bound,
            PhaseConfig center,
            PhaseConfig median,
            List<PhaseConfig> last) {
        List<PhaseConfig> all = new ArrayList<>(List.of(construction, repair, bound, center, median));
        all.addAll(last);
        return all;
    }

    /** The exact windows as a local search phase: every step one window solved by CP-SAT, until {@code deadline}. */
    static LocalSearchPhaseConfig windowSearch(int lateAcceptanceSize, long deadline) {
        return new LocalSearchPhaseConfig()
                .withMoveSelectorConfig(new MoveIteratorFactoryConfig()
                        .withMoveIteratorFactoryClass(WindowMoveFactory.class)
                        .withMoveIteratorFactoryCustomProperties(Map.of(
                                "windowMillis", Long.toString(WINDOW_MILLIS), "deadline", Long.toString(deadline))))
                .withAcceptorConfig(new LocalSearchAcceptorConfig().withLateAcceptanceSize(lateAcceptanceSize))
                .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1));
    }

    private static LocalSearchPhaseConfig search(int lateAcceptanceSize) {
        return new LocalSearchPhaseConfig()
                .withMoveSelectorConfig(
                        new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(FacilityMoveFactory.class))
                .withAcceptorConfig(new LocalSearchAcceptorConfig().withLateAcceptanceSize(lateAcceptanceSize))
                .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1));
    }

    public static FacilityPlan solve(FacilityPlan plan, SolveOptions options, Consumer<Progress> progress) {
        return run(plan, options, progress).best();
    }

    public static Run run(FacilityPlan plan, SolveOptions options, Consumer<Progress> progress) {
        return run(plan, options, stop -> {}, (p, best) -> progress.accept(p));
    }

    /**
     * Whether a plan's score meets the lower bound on both levels the bound covers: then no plan is better,
     * lexicographically too (the medium level is at its least, and so is the soft level over all plans).
     */
    static boolean provenOptimal(HardMediumSoftLongScore score, LowerBound bound) {
        return bound != null
                && score.isFeasible()
                && -score.mediumScore() == bound.breach()
                && -score.softScore() == bound.softScaled();
    }

    /** A finished solve with the figures a benchmark reports. */
    public record Run(FacilityPlan best, long scoreCalculations, long millis) {
        public double scoreCalculationsPerSecond() {
            return millis == 0 ? 0 : scoreCalculations * 1000.0 / millis;
        }
    }

    /**
     * Solves, telling {@code started} how to stop early and {@code improved} each new best (a clone
     * that the solver no longer touches).
     */
    public static Run run(
            FacilityPlan plan,
            SolveOptions options,
            Consumer<Runnable> started,
            BiConsumer<Progress, FacilityPlan> improved) {
        long start = System.currentTimeMillis();
        AtomicBoolean stopped = new AtomicBoolean();
        boolean capacitated = plan.getSites().stream().anyMatch(s -> !s.hasUnlimitedCapacity());
        long boundDeadline =
                start + Math.round(options.seconds() * 1000 * (capacitated ? ROOT_SHARE_CAPACITATED : BOUND_SHARE));
        Long windowDeadline = windowDeadline(options, plan, start);
        int lateAcceptanceSize = lateAcceptanceSize(plan);
        // With windows and a second core, the tree has a shorter share and a second search then takes its core.
        boolean twoSearches = windowDeadline != null && Runtime.getRuntime().availableProcessors() > 1;
        BoundRefiner refiner = refiner(options, twoSearches ? REFINE_SHARE_BEFORE_SECOND_SEARCH : REFINE_SHARE);
        SearchHints hints = plan.getHints();
        hints.setElite(null);
        SecondSearch.Incumbent incumbent = new SecondSearch.Incumbent((score, newBest) -> {
            improved.accept(
                    new Progress(System.currentTimeMillis() - start, score.toString(), score.isFeasible()), newBest);
            refiner.improved(score, newBest, newBest.getHints().bound());
            if (score.isFeasible()) {
                hints.setElite(newBest);
            }
        });
        SecondSearch second = twoSearches
                ? new SecondSearch(
                        left -> secondSearchConfig(options, lateAcceptanceSize, left, windowDeadline),
                        windowDeadline,
                        incumbent::offer)
                : null;
        Solver<FacilityPlan> solver = SolverFactory.<FacilityPlan>create(config(
                        options,
                        lateAcceptanceSize,
                        () -> stopped.get() || System.currentTimeMillis() > boundDeadline,
                        stopped::get,
                        refiner,
                        windowDeadline,
                        second))
                .buildSolver();
        // Nothing better exists once the best plan meets the bound: the time left is not needed (the second search
        // ends with the first, below). Ending, exact solves still running return at once (SearchHints#ending).
        hints.setEnding(false);
        refiner.onProven(() -> {
            hints.setEnding(true);
            solver.terminateEarly();
        });
        solver.addEventListener(event -> {
            HardMediumSoftLongScore score = (HardMediumSoftLongScore) event.getNewBestScore();
            if (score.isSolutionInitialized()) {
                incumbent.offer(score, event.getNewBestSolution());
            }
        });
        started.accept(() -> {
            stopped.set(true);
            hints.setEnding(true);
            solver.terminateEarly();
        });
        FacilityPlan best;
        FacilityPlan secondBest = null;
        try {
            best = solver.solve(plan);
        } finally {
            hints.setEnding(true);
            if (second != null) {
                secondBest = second.finish(); // first: a tree ending now then starts no second search
            }
            refiner.finish(); // the answer carries the bound raised so far
        }
        if (secondBest != null && secondBest.getScore().compareTo(best.getScore()) > 0) {
            best = secondBest;
        }
        if (best.getAssignments().stream().anyMatch(a -> a.getSite() == null)) {
            // Stopped before the construction ran: finish it, so that every answer is a complete plan.
            best = SolverFactory.<FacilityPlan>create(scoringConfig()
                            .withPhases(new CustomPhaseConfig()
                                    .withCustomPhaseCommandClassList(List.of(GreedyOpening.class))))
                    .buildSolver()
                    .solve(best);
        }
        long millis = System.currentTimeMillis() - start;
        long calculations = (solver instanceof DefaultSolver<FacilityPlan> s
                        ? s.getSolverScope().getScoreCalculationCount()
                        : 0)
                + (second == null ? 0 : second.scoreCalculations());
        return new Run(best, calculations, millis);
    }
}
