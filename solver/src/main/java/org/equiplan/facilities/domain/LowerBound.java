package org.equiplan.facilities.domain;

import java.util.List;

/**
 * A proven lower bound on the best plan of a problem, in score units: no plan that meets the hard rules
 * has a soft cost below {@code softScaled} (divide by the cost scale for cost units) or a travel-standard
 * breach below {@code breach}. {@code notes} say how each term of the objective was bounded.
 */
public record LowerBound(long softScaled, long breach, String method, List<String> notes, int iterations) {}
