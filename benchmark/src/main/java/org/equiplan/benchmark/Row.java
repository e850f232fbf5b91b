package org.equiplan.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark result. Objectives are in the instance's own cost units; gaps are relative to the
 * reference, in percent, positive when worse (below it for a maximised measure such as covered
 * demand); times are seconds since the solve started. {@code bound} is the proven bound Equiplan reported
 * (a lower bound on a minimised measure, an upper bound on a maximised one), or null;
 * {@code firstFeasibleSeconds} when the first plan that counts was found.
 */
public record Row(
        String suite,
        String instance,
        String size,
        Double reference,
        String referenceSource,
        Map<Double, Double> objectiveAt,
        Double secondsToWithin1Percent,
        Double secondsToWithin01Percent,
        double scoreCalculationsPerSecond,
        long seed,
        Double cbcObjective,
        String cbcStatus,
        Double cbcSeconds,
        String note,
        boolean maximize,
        Double bound,
        Double firstFeasibleSeconds) {

    public Row {
        objectiveAt = new LinkedHashMap<>(objectiveAt);
    }

    public Row withNote(String text) {
        return new Row(
                suite,
                instance,
                size,
                reference,
                referenceSource,
                objectiveAt,
                secondsToWithin1Percent,
                secondsToWithin01Percent,
                scoreCalculationsPerSecond,
                seed,
                cbcObjective,
                cbcStatus,
                cbcSeconds,
                note == null || note.isEmpty() ? text : note + "; " + text,
                maximize,
                bound,
                firstFeasibleSeconds);
    }

    /**
     * Gap of the objective at a limit to Equiplan's own proven bound, in percent (an upper limit on the
     * gap to the optimum): (objective - bound) / bound for a minimised measure, (bound - objective) /
     * objective for a maximised one.
     */
    public Double gapToBoundPercentAt(double limit) {
        Double objective = objectiveAt.get(limit);
        if (objective == null || bound == null) {
            return null;
        }
        double denominator = maximize ? objective : bound;
        if (denominator == 0) {
            return objective.equals(bound) ? 0.0 : null;
        }
        return (maximize ? bound - objective : objective - bound) / Math.abs(denominator) * 100;
    }

    /** Gap of the objective at a limit to the reference, in percent (null without either). */
    public Double gapPercentAt(double limit) {
        Double objective = objectiveAt.get(limit);
        if (objective == null || reference == null || reference == 0) {
            return null;
        }
        double worse = maximize ? reference - objective : objective - reference;
        return worse / Math.abs(reference) * 100;
    }
}
