package org.equiplan.solve;

import java.util.List;

/**
 * What every kind's answer has: its kind, name and score, whether it meets the hard rules, and each
 * constraint's share of the score. Comparison and the job service need no more than this.
 */
public interface Answer {

    String kind();

    String name();

    /** The score as OptaPlanner prints it, e.g. {@code 0hard/-3medium/-1200soft}. */
    String score();

    boolean feasible();

    List<ConstraintTotal> constraints();
}
