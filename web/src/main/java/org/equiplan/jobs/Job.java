package org.equiplan.jobs;

import java.time.OffsetDateTime;

/**
 * A job as stored, without its large texts (problem, solution). {@code elapsedMillis} is when its best was
 * found, {@code solvedMillis} the solving time charged so far (across restarts), {@code worker} the process
 * solving it, if any; {@code workspace} the workspace of the token that submitted it.
 */
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
        long solvedMillis,
        String worker,
        String workspace,
        OffsetDateTime created,
        OffsetDateTime updated) {}
