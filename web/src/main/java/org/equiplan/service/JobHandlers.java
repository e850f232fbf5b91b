package org.equiplan.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.access.Principal;
import org.equiplan.jobs.Job;
import org.equiplan.jobs.JobEvents;
import org.equiplan.jobs.JobService;
import org.equiplan.jobs.JobStatus;
import org.equiplan.jobs.ScorePoint;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.problem.Json;
import org.equiplan.solve.Models;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job endpoints, each a few lines over {@link JobService}. Every job is seen through the request's
 * principal: a job of another workspace is "not found" to a viewer or planner, exactly as an unknown id.
 */
final class JobHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(JobHandlers.class);
    /** How long a stop request waits for the job to end before answering with its state then. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    /** The most ids one comparison takes. */
    static final int MAX_COMPARED = 50;

    private final JobService jobs;

    JobHandlers(JobService jobs) {
        this.jobs = jobs;
    }

    void submit(Context ctx) {
        AccessControl.requireJson(ctx);
        Double seconds = ctx.queryParamAsClass("seconds", Double.class)
                .check(v -> v == null || v > 0 && Double.isFinite(v), "must be a number > 0")
                .getOrNull();
        Long seed = QueryParams.seed(ctx);
        Job job = jobs.submit(AccessControl.principal(ctx).workspace(), ctx.body(), seconds, seed);
        ctx.status(HttpStatus.ACCEPTED)
                .header("Location", "/api/jobs/" + job.id())
                .json(Map.of("id", job.id(), "status", job.status()));
    }

    /** {@code POST /api/jobs/{id}/scenarios}: the job's problem changed by a JSON Merge Patch, as a new job. */
    void scenario(Context ctx) {
        AccessControl.requireJson(ctx);
        Job parent = job(ctx);
        Double seconds = ctx.queryParamAsClass("seconds", Double.class)
                .check(v -> v == null || v > 0 && Double.isFinite(v), "must be a number > 0")
                .getOrNull();
        Job job = jobs.scenario(
                AccessControl.principal(ctx).workspace(), parent, ctx.body(), seconds, QueryParams.seed(ctx));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", job.id());
        answer.put("status", job.status());
        answer.put("parent", parent.id());
        ctx.status(HttpStatus.ACCEPTED)
                .header("Location", "/api/jobs/" + job.id())
                .json(answer);
    }

    void list(Context ctx) {
        int from = ctx.queryParamAsClass("offset", Integer.class)
                .check(v -> v == null || v >= 0, "must be >= 0")
                .getOrDefault(0);
        int size = ctx.queryParamAsClass("limit", Integer.class)
                .check(v -> v == null || v >= 1 && v <= 500, "must be between 1 and 500")
                .getOrDefault(50);
        String workspace = AccessControl.principal(ctx).visibleWorkspace();
        List<JobViews.JobSummary> items = jobs.list(workspace, from, size).stream()
                .map(j -> new JobViews.JobSummary(
                        j.id(),
                        j.name(),
                        j.kind(),
                        j.status(),
                        jobs.liveBest(j.id()).map(ScorePoint::score).orElse(j.score()),
                        j.workspace(),
                        j.created(),
                        j.updated()))
                .toList();
        ctx.json(new JobViews.JobPage(jobs.count(workspace), from, size, items));
    }

    void detail(Context ctx) {
        ctx.json(status(job(ctx)));
    }

    void problem(Context ctx) {
        ctx.contentType("application/json").result(jobs.problem(job(ctx).id()).orElseThrow());
    }

    void solution(Context ctx) {
        ctx.contentType("application/json").result(answer(job(ctx).id()));
    }

    /**
     * The answer as CSV with names and places, plain decimals and a UTF-8 byte-order mark (so that Excel shows
     * Chinese names), in a file named after the job.
     */
    void csv(Context ctx) {
        Job job = job(ctx);
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", attachment(job, ".csv"))
                .result("\uFEFF" + Models.csv(jobs.problem(job.id()).orElseThrow(), Json.readTree(answer(job.id()))));
    }

    /** The answer as GeoJSON (sites, villages, assignments) for a GIS; 404 for a problem without lat/lon. */
    void geoJson(Context ctx) {
        Job job = job(ctx);
        String geo = Models.geoJson(jobs.problem(job.id()).orElseThrow(), Json.readTree(answer(job.id())))
                .orElseThrow(() -> new EquiplanServer.NotFound("no GeoJSON for job '" + job.id()
                        + "': only facility problems in latitude and longitude have one"));
        ctx.contentType("application/geo+json")
                .header("Content-Disposition", attachment(job, ".geojson"))
                .result(geo);
    }

    /** A download named after the job: an ASCII name for old clients, the real one (RFC 6266/5987) for the rest. */
    static String attachment(Job job, String extension) {
        String name = fileName(job) + extension;
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }

    /** A job's name as a file name: letters, digits (any script), dot, dash and underscore. */
    static String fileName(Job job) {
        String base = job.name() == null ? "" : job.name().replaceAll("[^\\p{L}\\p{N}._-]+", "-");
        base = base.replaceAll("^-+|-+$", "");
        return (base.isEmpty() ? "job" : base.length() > 80 ? base.substring(0, 80) : base) + "-"
                + job.id().substring(0, 8);
    }

    void analysis(Context ctx) {
        ctx.json(jobs.analysis(job(ctx).id())
                .orElseThrow(() -> new EquiplanServer.NotYet("no solution to analyse yet")));
    }

    void stop(Context ctx) throws InterruptedException {
        Job job = job(ctx);
        jobs.stop(job.id(), STOP_WAIT);
        ctx.json(status(jobs.find(job.id()).orElseThrow()));
    }

    void delete(Context ctx) throws InterruptedException {
        jobs.delete(job(ctx).id());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /** {@code GET ?ids=a,b,...}: two or more jobs of the same kind, each with an answer. */
    void compareByQuery(Context ctx) {
        String ids = ctx.queryParam("ids");
        compare(
                ctx,
                ids == null
                        ? List.of()
                        : java.util.Arrays.stream(ids.split(","))
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .toList());
    }

    /** {@code POST {"ids": [...]}}: the same, for lists too long for a URL. */
    void compareByBody(Context ctx) {
        AccessControl.requireJson(ctx);
        JsonNode ids = Json.readTree(ctx.body()).path("ids");
        if (!ids.isArray()) {
            throw new InvalidProblemException("ids", "give an array of two or more job ids");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isTextual()) {
                throw new InvalidProblemException("ids", "every id must be a string");
            }
            list.add(id.asText());
        }
        compare(ctx, list);
    }

    private void compare(Context ctx, List<String> ids) {
        if (ids.size() < 2) {
            throw new InvalidProblemException("ids", "give two or more job ids, comma-separated");
        }
        if (ids.size() > MAX_COMPARED) {
            throw new InvalidProblemException("ids", "at most " + MAX_COMPARED + " jobs at once, got " + ids.size());
        }
        Principal principal = AccessControl.principal(ctx);
        List<JsonNode> answers = new ArrayList<>();
        List<JsonNode> problems = new ArrayList<>();
        for (String id : ids) {
            visible(principal, id);
            answers.add(Json.readTree(jobs.solution(id)
                    .orElseThrow(() -> new EquiplanServer.NotYet("job " + id + " has no solution yet"))));
            problems.add(Json.readTree(jobs.problem(id).orElseThrow()));
        }
        // With the problems: answers to different problems get no better/worse verdict, and their inputs' changes.
        ctx.json(Models.compare(ids, answers).withProblems(problems));
    }

    void events(SseClient client) {
        Job job;
        try {
            job = job(client.ctx());
        } catch (EquiplanServer.NotFound e) {
            send(client, "error", ApiError.of(e.getMessage()));
            client.close();
            return;
        }
        String id = job.id();
        JobEvents listener = new JobEvents() {
            @Override
            public void best(ScorePoint point) {
                send(client, "best", point);
            }

            @Override
            public void end(JobStatus status, String score) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("status", status);
                m.put("score", score);
                send(client, "end", m);
                if (!client.terminated()) {
                    client.close();
                }
            }
        };
        client.onClose(() -> jobs.unsubscribe(id, listener));
        jobs.liveBest(id).ifPresent(p -> send(client, "best", p));
        if (!jobs.subscribe(id, listener)) {
            Job now = jobs.find(id).orElseThrow();
            listener.end(now.status(), now.score());
            return;
        }
        client.keepAlive();
    }

    // --- helpers ---

    private JobViews.JobDetail status(Job j) {
        var live = jobs.liveBest(j.id());
        return new JobViews.JobDetail(
                j.id(),
                j.name(),
                j.kind(),
                j.status(),
                live.map(ScorePoint::score).orElse(j.score()),
                live.map(ScorePoint::feasible).orElse(j.feasible()),
                live.map(ScorePoint::elapsedMillis).orElse(j.elapsedMillis()),
                j.solvedMillis(),
                j.seconds(),
                j.seed(),
                j.error(),
                j.worker(),
                j.workspace(),
                j.parent(),
                j.parent() == null
                        ? null
                        : jobs.patch(j.id()).map(Json::readTree).orElse(null),
                changes(j),
                j.sweep(),
                j.created(),
                j.updated(),
                jobs.history(j.id()));
    }

    /** What a scenario changed in its parent's problem, field by field (null when the parent is gone). */
    private List<org.equiplan.solve.InputDiff.Change> changes(Job j) {
        if (j.parent() == null) {
            return null;
        }
        return jobs.problem(j.parent())
                .map(parent -> org.equiplan.solve.InputDiff.between(
                        Json.readTree(parent),
                        Json.readTree(jobs.problem(j.id()).orElseThrow())))
                .orElse(null);
    }

    private String answer(String id) {
        return jobs.solution(id).orElseThrow(() -> new EquiplanServer.NotYet("no solution yet"));
    }

    /** The job of the path, if the principal may see it; else 404, as for an unknown id. */
    private Job job(Context ctx) {
        return visible(AccessControl.principal(ctx), ctx.pathParam("id"));
    }

    private Job visible(Principal principal, String id) {
        return jobs.find(id)
                .filter(j -> principal.sees(j.workspace()))
                .orElseThrow(() -> EquiplanServer.notFound("job", id));
    }

    /** One event, one line of JSON; nothing is sent to a client that has gone away. */
    private static void send(SseClient client, String event, Object data) {
        if (client.terminated()) {
            return;
        }
        try {
            client.sendEvent(event, Json.compact(data));
        } catch (RuntimeException e) {
            // The client may leave between the check and the write; the job goes on without it.
            LOG.info("event '{}' not delivered: the client has gone ({})", event, e.toString());
        }
    }
}
