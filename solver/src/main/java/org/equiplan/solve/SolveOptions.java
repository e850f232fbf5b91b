package org.equiplan.solve;

import java.time.Duration;
import org.optaplanner.core.config.solver.termination.TerminationConfig;

/**
 * How long and how to search.
 *
 * @param seconds time limit (wall clock)
 * @param unimprovedSeconds stop earlier when the best score has not improved for this long; null = never
 * @param bestScoreLimit stop as soon as this score (e.g. "0hard/0medium/-5819soft") is reached; null = never
 * @param seed random seed: the same seed, problem and number of steps give the same answer
 */
public record SolveOptions(double seconds, Double unimprovedSeconds, String bestScoreLimit, long seed) {

    public static final double DEFAULT_SECONDS = 30;

    public SolveOptions {
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("seconds must be a positive number");
        }
        if (unimprovedSeconds != null && !(unimprovedSeconds > 0)) {
            throw new IllegalArgumentException("unimprovedSeconds must be a positive number");
        }
    }

    public static SolveOptions ofSeconds(double seconds) {
        return new SolveOptions(seconds, null, null, 0);
    }

    public TerminationConfig termination() {
        TerminationConfig t = new TerminationConfig().withSpentLimit(millis(seconds));
        if (unimprovedSeconds != null) {
            t.setUnimprovedSpentLimit(millis(unimprovedSeconds));
        }
        if (bestScoreLimit != null) {
            t.setBestScoreLimit(bestScoreLimit);
        }
        return t;
    }

    /** The time limit alone: for a solver as a whole, so that every phase before the search counts against it. */
    public TerminationConfig timeLimit() {
        return new TerminationConfig().withSpentLimit(millis(seconds));
    }

    /** The early stops (no improvement for a while, a target score) for the search phase; null when none. */
    public TerminationConfig earlyStop() {
        if (unimprovedSeconds == null && bestScoreLimit == null) {
            return null;
        }
        TerminationConfig t = new TerminationConfig();
        if (unimprovedSeconds != null) {
            t.setUnimprovedSpentLimit(millis(unimprovedSeconds));
        }
        if (bestScoreLimit != null) {
            t.setBestScoreLimit(bestScoreLimit);
        }
        return t;
    }

    private static Duration millis(double seconds) {
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }
}
