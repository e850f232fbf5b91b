package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.equiplan.facilities.bound.SitingModel;
import org.equiplan.facilities.exact.SitingWindow;

/**
 * Which sites the next exact window of one service holds. Five kinds:
 *
 * <ul>
 *   <li>The <b>assignment</b> window: every open site, each time the set of open sites has changed. It re-assigns
 *       every customer among the open sites (a generalised assignment problem, which CP-SAT solves well): on tight
 *       sets the single moves and the neighbourhood windows leave plans whose open sites are right but whose
 *       customers are not (80x400-s1 after 30 s: 1.6% above the best assignment to the same sites).
 *   <li>The <b>union</b> window: the open sites of the plan and of the best plan of all the solve's searches, once per
 *       union while they differ, so that a search in another basin may take what the best plan has.
 *   <li>The <b>sets</b> step (not a window: {@link OpenSetSearch}): the sets of open sites one change away, priced by
 *       their transportation cost, the cheapest assigned exactly; once per set of open sites.
 *   <li>A <b>sweep</b>: every site with its nearest few neighbours, at {@link #SWEEP_SIZES} one after the other, each
 *       solved once until the plan changes near it (a site is due again when a site of its window gained or lost a
 *       customer). Such windows are proven in milliseconds and find the small exchanges among three or four sites
 *       that the large windows miss: CP-SAT, on one thread for two seconds, often does not find a change of seven
 *       customers among three sites inside a window of 27 (Holmberg p30 at 11,336 against its optimum of 11,331).
 *   <li>The <b>large</b> windows: a random site and its neighbours, their size growing while solves are proven and
 *       shrinking when they run out of time, so that it follows what one solve can prove on the problem at hand.
 * </ul>
 *
 * The assignment window comes first whenever it is due, then the union window and the sets step; the small ones once
 * the large ones stall ({@link #STALL}).
 */
final class WindowSchedule {

    /**
     * Sizes of the sweep's windows, smallest first. After 30 s of the search without a sweep, windows of every site
     * and its 3 nearest neighbours still improved the plan around 2 to 4 of the 30 to 80 sites of three tight sets,
     * with 5 neighbours around 4 to 11 (and with 2 around 3 of Holmberg p30's 30 sites;
     * benchmark/results/issue9-window-sweep-2026-11-30).
     */
    static final int[] SWEEP_SIZES = {4, 6};
    /**
     * Large windows in a row that found nothing before the sweep runs (until no small window is due). Where the large
     * windows go on improving the plan they keep the time: given a fixed share of it instead (half, or 15%), the sweep
     * cost the tight sets 0.1 to 0.3% while it brought Holmberg's p30 to its optimum, where the search without a
     * sweep stayed 0.54% above (benchmark/results/issue9-window-sweep-2026-11-30).
     */
    static final int STALL = 4;
    /**
     * Sites in a first large window: on the tight 30 x 200 to 80 x 400 sets CP-SAT proves such a window in a few
     * hundredths of a second, and the windows then grow to 13-29 sites there.
     */
    static final int FIRST_WINDOW = 8;
    /** Customers' cheapest sites that count when telling which sites are neighbours. */
    static final int NEIGHBOUR_DEPTH = 6;
    /** Up to this many sites every other site is listed as a neighbour (the least close last). */
    static final int FULL_NEIGHBOURS = 2000;

    /**
     * Customers up to which the assignment window runs: its model holds every customer, which on a province of
     * 20,000 villages would cost more to build than one solve can repay.
     */
    static final int ASSIGNMENT_MAX_CUSTOMERS = 5000;

    /** The kinds of window, in the order they come when due. */
    enum Kind {
        ASSIGNMENT,
        UNION,
        SETS,
        SWEEP,
        LARGE
    }

    /** The sites of one window and, for a sweep window, the site it is drawn around (else -1). */
    record Pick(int[] sites, int sweepSeed, Kind kind) {
        static Pick large(int[] sites) {
            return new Pick(sites, -1, Kind.LARGE);
        }

        boolean sweep() {
            return kind == Kind.SWEEP;
        }

        boolean assignment() {
            return kind == Kind.ASSIGNMENT;
        }

        boolean union() {
            return kind == Kind.UNION;
        }

        boolean sets() {
            return kind == Kind.SETS;
        }
    }

    private final int siteCount;
    private final int[][] neighbours;
    /** Per site, the seeds whose largest sweep window holds it: they are due again when it changes. */
    private final int[][] seedsHolding;
    /** Per seed, the index of the next sweep size it is due at ({@code SWEEP_SIZES.length}: swept). */
    private final int[] sweepLevel;
    /** The plan at the last pick (site per customer), to tell which sites changed since. */
    private int[] lastSiteOf;
    /** The current size of the large windows. */
    private int size;
    /** Large windows since the last one that improved the plan. */
    private int idleLarge;

    private final boolean assignmentWindows;
    /** The open sites of the last assignment window (sorted), null before the first. */
    private int[] assignedOpen;
    /** The sites of the last union window (sorted), null before the first. */
    private int[] unitedOpen;
    /** Whether the open sets next to the plan's are searched ({@link Kind#SETS}), once per set of open sites. */
    private final boolean setSearch;
    /** The open sites whose neighbouring sets were searched last (sorted), null before the first. */
    private int[] setsSearched;

    /** With {@code assignmentWindows} false, only the sweep and the large windows. */
    WindowSchedule(SitingModel model, boolean assignmentWindows) {
        this(model, assignmentWindows, false);
    }

    /** With {@code setSearch}, also a search of the open sets next to the plan's, once per set of open sites. */
    WindowSchedule(SitingModel model, boolean assignmentWindows, boolean setSearch) {
        this.assignmentWindows = assignmentWindows;
        this.setSearch = setSearch;
        this.siteCount = model.siteCount();
        this.neighbours = neighbours(model);
        this.size = Math.min(FIRST_WINDOW, siteCount);
        this.sweepLevel = new int[siteCount];
        int largest = Math.min(SWEEP_SIZES[SWEEP_SIZES.length - 1], siteCount);
        List<List<Integer>> holding = new ArrayList<>(siteCount);
        for (int i = 0; i < siteCount; i++) {
            holding.add(new ArrayList<>());
        }
        for (int seed = 0; seed < siteCount; seed++) {
            for (int site : sweepWindow(seed, largest)) {
                holding.get(site).add(seed);
            }
        }
        this.seedsHolding = holding.stream()
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    int size() {
        return size;
    }

    /**
     * The next window from plan {@code siteOf}: a sweep window where one is due (the smallest size first, a random
     * seed among those due) once the large windows have stalled, else a large one. (Run whenever one was due, the
     * sweep took 97% of the solves on 60 x 300: every improvement makes a dozen seeds due again.)
     */
    Pick next(int[] siteOf, Random random) {
        return next(siteOf, null, random);
    }

    /**
     * The same, where {@code elite} (null if none) is the best plan of all the solve's searches: while it opens other
     * sites than the plan at hand, a union window of the open sites of both comes after the assignment window, once
     * per union.
     */
    Pick next(int[] siteOf, int[] elite, Random random) {
        markChanges(siteOf);
        if (assignmentWindows) {
            int[] open = IntStream.of(siteOf).distinct().sorted().toArray();
            if (!Arrays.equals(open, assignedOpen)) {
                return new Pick(open, -1, Kind.ASSIGNMENT);
            }
            if (elite != null && elite.length == siteOf.length) {
                int[] union = IntStream.concat(IntStream.of(siteOf), IntStream.of(elite))
                        .distinct()
                        .sorted()
                        .toArray();
                if (union.length > open.length && !Arrays.equals(union, unitedOpen)) {
                    return new Pick(union, -1, Kind.UNION);
                }
            }
            if (setSearch && !Arrays.equals(open, setsSearched)) {
                return new Pick(open, -1, Kind.SETS);
            }
        }
        if (idleLarge < STALL) {
            return Pick.large(pick(random, null));
        }
        int level = Integer.MAX_VALUE;
        int due = 0;
        for (int seed = 0; seed < siteCount; seed++) {
            if (sweepLevel[seed] < level) {
                level = sweepLevel[seed];
                due = 0;
            }
            due += sweepLevel[seed] == level ? 1 : 0;
        }
        if (level >= SWEEP_SIZES.length) {
            return Pick.large(pick(random, null));
        }
        int nth = random.nextInt(due);
        for (int seed = 0; ; seed++) {
            if (sweepLevel[seed] == level && nth-- == 0) {
                return new Pick(sweepWindow(seed, Math.min(SWEEP_SIZES[level], siteCount)), seed, Kind.SWEEP);
            }
        }
    }

    /**
     * Takes a solve's outcome: a sweep window is done at its size whatever the outcome (an improvement, once
     * applied, makes it due again through the sites it changed); a large window grows when proven, shrinks when
     * stopped.
     */
    void outcome(Pick pick, SitingWindow.Status status) {
        if (pick.assignment()) {
            // Done for this set of open sites, whatever the outcome: a window that changes the set makes it due again.
            assignedOpen = pick.sites();
            return;
        }
        if (pick.sets()) {
            setsSearched = pick.sites(); // done for these open sites; a step to other sites makes it due again
            return;
        }
        if (pick.union()) {
            unitedOpen = pick.sites(); // done for this union, as the assignment window for its open sites
            return;
        }
        if (pick.sweep()) {
            sweepLevel[pick.sweepSeed()]++;
            return;
        }
        idleLarge = status == SitingWindow.Status.IMPROVED ? 0 : idleLarge + 1;
        switch (status) {
            case NO_BETTER -> size = Math.min(siteCount, size + 1);
            case STOPPED -> size = Math.max(2, size - 1);
            case IMPROVED -> {}
        }
    }

    /** Sites that gained or lost a customer since the last pick make every sweep window holding them due again. */
    private void markChanges(int[] siteOf) {
        if (lastSiteOf != null) {
            for (int j = 0; j < siteOf.length; j++) {
                if (siteOf[j] != lastSiteOf[j]) {
                    for (int site : new int[] {siteOf[j], lastSiteOf[j]}) {
                        for (int seed : seedsHolding[site]) {
                            sweepLevel[seed] = 0;
                        }
                    }
                }
            }
        }
        lastSiteOf = siteOf.clone();
    }

    /** A site and its {@code count - 1} nearest neighbours. */
    private int[] sweepWindow(int seed, int count) {
        int[] out = new int[Math.min(count, neighbours[seed].length + 1)];
        out[0] = seed;
        System.arraycopy(neighbours[seed], 0, out, 1, out.length - 1);
        return out;
    }

    /**
     * A large window: a random site and its nearest neighbours, a few of them skipped at random so windows vary. With
     * {@code apartFrom}, a window of sites not in it (its seed tried a few times; fewer sites if its neighbours run
     * out), or null where it leaves too little.
     */
    int[] pick(Random random, int[] apartFrom) {
        boolean[] taken = new boolean[siteCount];
        int seed = random.nextInt(siteCount);
        if (apartFrom != null) {
            for (int i : apartFrom) {
                taken[i] = true;
            }
            for (int tries = 0; taken[seed] && tries < 8; tries++) {
                seed = random.nextInt(siteCount);
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

    /**
     * Per site, the other sites in order of how many customers count both among their cheapest
     * {@link #NEIGHBOUR_DEPTH}: sites that compete for the same customers, near each other whatever the distances are.
     */
    static int[][] neighbours(SitingModel model) {
        // Counted sparsely (an n x n table would not fit large n). Up to FULL_NEIGHBOURS sites the sites that share
        // no customer follow in index order, so that a window can still grow to every site of a small problem.
        int n = model.siteCount();
        List<Map<Integer, Integer>> shared = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            shared.add(new HashMap<>());
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
            Map<Integer, Integer> row = shared.get(i);
            IntStream sharing = row.keySet().stream()
                    .sorted((a, b) -> row.get(b).equals(row.get(a)) ? Integer.compare(a, b) : row.get(b) - row.get(a))
                    .mapToInt(Integer::intValue);
            int self = i;
            out[i] = n > FULL_NEIGHBOURS
                    ? sharing.toArray()
                    : IntStream.concat(sharing, IntStream.range(0, n).filter(k -> k != self && !row.containsKey(k)))
                            .toArray();
        }
        return out;
    }
}
