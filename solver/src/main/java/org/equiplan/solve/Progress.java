package org.equiplan.solve;

/** A new best solution was found: what a long solve reports while it runs. */
public record Progress(long elapsedMillis, String score, boolean feasible) {}
