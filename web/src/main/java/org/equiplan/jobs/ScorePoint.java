package org.equiplan.jobs;

/** One new best score of a job. */
public record ScorePoint(long elapsedMillis, String score, boolean feasible) {}
