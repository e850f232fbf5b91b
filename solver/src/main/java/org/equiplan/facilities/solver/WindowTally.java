package org.equiplan.facilities.solver;

import java.util.List;
import org.equiplan.facilities.solver.WindowSchedule.Kind;

/**
 * What one window search did, for the log at the phase's end: per kind of window its solves, how many improved the
 * plan and their time, and where the phase's wall time went, so that a change to the schedule can be judged by time as
 * well as by outcome.
 */
final class WindowTally {

    private final long start = System.nanoTime();
    private final int[] solves = new int[Kind.values().length];
    private final int[] improved = new int[Kind.values().length];
    private final long[] nanos = new long[Kind.values().length];
    /** The steps' windows in all: building, solving and joining. */
    private long stepNanos;
    /** Steps with two windows applied together. */
    private int paired;
    /** Scaled cost the steps saved. */
    private long saved;
    /** Plans of the bound's tree taken up, cheaper than the plan at hand ({@link BoundRefiner}). */
    private int offersTaken;

    void solved(Kind kind, boolean better) {
        solves[kind.ordinal()]++;
        improved[kind.ordinal()] += better ? 1 : 0;
    }

    void took(Kind kind, long solveNanos) {
        nanos[kind.ordinal()] += solveNanos;
    }

    void step(long nanos) {
        stepNanos += nanos;
    }

    void paired(boolean both) {
        paired += both ? 1 : 0;
    }

    void saved(long amount) {
        saved += amount;
    }

    void offerTaken() {
        offersTaken++;
    }

    /** One line: the counts, the sets priced by the steps among open sets and each service's large window size. */
    String summary(long setsPriced, List<String> largeWindowSizes) {
        return String.format(
                "%d exact solves (%d of small windows around every site, %d of every open site), %d improved the plan "
                        + "(%d of them small, %d of every open site); %d union windows with the best plan of all "
                        + "searches, %d improved, in %d ms; %d steps among open sets, %d improved, %d sets priced, in "
                        + "%d ms; %d steps with two windows applied together, saving %d (scaled cost); %d plans of the "
                        + "bound's tree taken up; large windows of %s sites; of the phase's %d ms the steps' windows "
                        + "took %d ms, their solves %d ms large, %d ms small and %d ms of every open site",
                total(solves),
                solves[Kind.SWEEP.ordinal()],
                solves[Kind.ASSIGNMENT.ordinal()],
                total(improved),
                improved[Kind.SWEEP.ordinal()],
                improved[Kind.ASSIGNMENT.ordinal()],
                solves[Kind.UNION.ordinal()],
                improved[Kind.UNION.ordinal()],
                millis(Kind.UNION),
                solves[Kind.SETS.ordinal()],
                improved[Kind.SETS.ordinal()],
                setsPriced,
                millis(Kind.SETS),
                paired,
                saved,
                offersTaken,
                largeWindowSizes,
                (System.nanoTime() - start) / 1_000_000,
                stepNanos / 1_000_000,
                millis(Kind.LARGE),
                millis(Kind.SWEEP),
                millis(Kind.ASSIGNMENT));
    }

    private long millis(Kind kind) {
        return nanos[kind.ordinal()] / 1_000_000;
    }

    private static int total(int[] counts) {
        int sum = 0;
        for (int c : counts) {
            sum += c;
        }
        return sum;
    }
}
