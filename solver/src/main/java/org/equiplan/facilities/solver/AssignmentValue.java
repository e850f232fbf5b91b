package org.equiplan.facilities.solver;

import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.Site;

/**
 * What serving one demand from one site is worth to the score, for the construction and the moves:
 * the travel-standard breach first (the medium level outranks any soft cost), then the per-assignment
 * soft cost (assignment cost and squared-distance equity). Non-linear terms (regional equity, the
 * longest trip) are left to the score itself.
 */
final class AssignmentValue {

    /**
     * One unit of breach outweighs the soft cost of any one assignment in practice; a weight large enough
     * for every total would leave a double no digits for the costs. Only the choice of moves depends on
     * it: the score still ranks the levels exactly.
     */
    static final double BREACH_WEIGHT = 1e12;

    private AssignmentValue() {}

    static double of(Assignment a, Site s) {
        long breach = a.breachAt(s);
        return (breach == 0 ? 0 : breach * BREACH_WEIGHT) + a.costAt(s) + a.equityCostAt(s);
    }

    /** How much better {@code to} is than {@code from} for this demand (positive = better). */
    static double gain(Assignment a, Site from, Site to) {
        return of(a, from) - of(a, to);
    }
}
