package org.equiplan.jobs;

import java.time.OffsetDateTime;

/** A job as stored, without its large texts (problem, solution). */
public record Job(
        String id,
        String name,
        String kind,
        JobStatus status,
        double seconds,
        long seed,
        String score,
        Boolean feasible,
        String error,
        long elapsedMillis,
        OffsetDateTime created,
        OffsetDateTime updated) {}
