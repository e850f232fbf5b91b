package org.equiplan.jobs;

import java.time.OffsetDateTime;

/**
 * A job as stored, without its large texts (problem, solution). {@code elapsedMillis} is when its best was
 * found, {@code solvedMillis} the solving time charged so far (across restarts), {@code worker} the process
 * solving it, if any; {@code workspace} the workspace of the token that submitted it; {@code parent} the job it
 * was edited from (its patch is {@link JobStore#patch}), and {@code sweep} / {@code sweepPoint} the sweep and point
 * it solves, if any.
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
        String parent,
        String sweep,
        Integer sweepPoint,
        OffsetDateTime created,
        OffsetDateTime updated) {}
