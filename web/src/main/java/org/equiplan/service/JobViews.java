package org.equiplan.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import org.equiplan.jobs.JobStatus;
import org.equiplan.jobs.ScorePoint;

/**
 * What the job endpoints answer, as records: the OpenAPI description's schemas {@code JobSummary},
 * {@code JobStatus} and the page of jobs are checked against these components by a test. A score not yet
 * known is written as null (the page tells "no score yet" from it); an error only when there is one.
 */
final class JobViews {

    private JobViews() {}

    /** One row of {@code GET /api/jobs}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record JobSummary(
            String id,
            String name,
            String kind,
            JobStatus status,
            String score,
            String workspace,
            OffsetDateTime created,
            OffsetDateTime updated) {}

    /** {@code GET /api/jobs}: newest first. */
    record JobPage(long total, int offset, int limit, List<JobSummary> items) {}

    /** {@code GET /api/jobs/{id}}: the job with its live best and the history of best scores. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record JobDetail(
            String id,
            String name,
            String kind,
            JobStatus status,
            String score,
            Boolean feasible,
            long elapsedMillis,
            long solvedMillis,
            double limitSeconds,
            long seed,
            @JsonInclude(JsonInclude.Include.NON_NULL) String error,
            @JsonInclude(JsonInclude.Include.NON_NULL) String worker,
            String workspace,
            @JsonInclude(JsonInclude.Include.NON_NULL) String parent,
            @JsonInclude(JsonInclude.Include.NON_NULL) com.fasterxml.jackson.databind.JsonNode patch,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<org.equiplan.solve.InputDiff.Change> changes,
            @JsonInclude(JsonInclude.Include.NON_NULL) String sweep,
            OffsetDateTime created,
            OffsetDateTime updated,
            List<ScorePoint> history) {}
}
