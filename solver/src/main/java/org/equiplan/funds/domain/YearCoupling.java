package org.equiplan.funds.domain;

/**
 * The limits between consecutive years of a multi-year plan, shared by all its cells: a region's transfer
 * may grow by at most {@code maxGrowth} and fall by at most {@code maxDecline} from one year to the next
 * (NaN: no limit). In units, the most is rounded down and the least up, with a hair of slack for
 * floating point.
 */
public record YearCoupling(double maxGrowth, double maxDecline) {

    private static final double EPSILON = 1e-9;

    /** Most units this year after {@code previous} units the year before (Long.MAX_VALUE: no limit). */
    public long most(long previous) {
        return Double.isNaN(maxGrowth) ? Long.MAX_VALUE : (long) Math.floor((1 + maxGrowth) * previous + EPSILON);
    }

    /** Fewest units this year after {@code previous} the year before (0: no limit). */
    public long least(long previous) {
        return Double.isNaN(maxDecline) ? 0 : (long) Math.ceil((1 - maxDecline) * previous - EPSILON);
    }
}
