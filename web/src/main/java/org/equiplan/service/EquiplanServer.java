package org.equiplan.service;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.json.JavalinJackson;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.jobs.Job;
import org.equiplan.jobs.JobEvents;
import org.equiplan.jobs.JobService;
import org.equiplan.jobs.JobStatus;
import org.equiplan.jobs.JobStore;
import org.equiplan.jobs.ScorePoint;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.problem.Json;
import org.equiplan.solve.Models;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP service: thin handlers over {@link JobService}. Every error is JSON
 * ({@link ApiError}); nothing answers with a stack trace or an HTML page.
 */
public final class EquiplanServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EquiplanServer.class);

    /** Settings of one service instance. */
    public record Settings(int port, Path dataDir, int concurrentSolves, long maxBodyBytes, JobService.Limits limits,
                           long flushMillis, long eventMillis) {
        public static Settings defaults(int port, Path dataDir) {
            return new Settings(port, dataDir, JobService.defaultConcurrency(), 50L * 1024 * 1024,
                    JobService.Limits.defaults(), 2000, 250);
        }
    }

    private final JobStore store;
    private final JobService jobs;
    private final Javalin app;

    public EquiplanServer(Settings settings) {
        try {
            java.nio.file.Files.createDirectories(settings.dataDir());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the data dir " + settings.dataDir(), e);
        }
        store = new JobStore(settings.dataDir());
        jobs = new JobService(store, settings.concurrentSolves(), settings.limits(), settings.flushMillis(),
                settings.eventMillis());
        int resumed = jobs.recover();
        if (resumed > 0) {
            LOG.info("resumed {} job(s) after a restart", resumed);
        }
        app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.jetty.port = settings.port();
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/public";
                files.location = io.javalin.http.staticfiles.Location.CLASSPATH;
            });
            config.routes.get("/api/health", ctx -> ctx.json(Map.of("status", "UP", "jobs", jobs.count())));
            config.routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json")
                    .result(EquiplanServer.class.getResourceAsStream("/openapi.json")));
            config.routes.get("/api/examples", ctx -> ctx.json(Examples.names()));
            config.routes.get("/api/examples/{name}", ctx -> ctx.contentType("application/json")
                    .result(Examples.read(ctx.pathParam("name")).orElseThrow(() -> notFound("example", ctx.pathParam("name")))));
            config.routes.post("/api/jobs", this::submit);
            config.routes.get("/api/jobs", this::list);
            config.routes.get("/api/jobs/{id}", ctx -> ctx.json(status(job(ctx))));
            config.routes.get("/api/jobs/{id}/problem", ctx -> ctx.contentType("application/json")
                    .result(jobs.problem(job(ctx).id()).orElseThrow()));
            config.routes.get("/api/jobs/{id}/solution", ctx -> ctx.contentType("application/json")
                    .result(jobs.solution(job(ctx).id()).orElseThrow(() -> new NotYet("no solution yet"))));
            config.routes.get("/api/jobs/{id}/solution.csv", ctx -> ctx.contentType("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + job(ctx).id() + ".csv\"")
                    .result(Models.csv(Json.readTree(jobs.solution(job(ctx).id())
                            .orElseThrow(() -> new NotYet("no solution yet"))))));
            config.routes.get("/api/compare", this::compare);
            config.routes.get("/api/jobs/{id}/analysis", ctx -> ctx.json(
                    jobs.analysis(job(ctx).id()).orElseThrow(() -> new NotYet("no solution to analyse yet"))));
            config.routes.sse("/api/jobs/{id}/events", this::events);
            config.routes.post("/api/jobs/{id}/stop", ctx -> {
                Job job = job(ctx);
                jobs.stop(job.id());
                ctx.json(status(jobs.find(job.id()).orElseThrow()));
            });
            config.routes.delete("/api/jobs/{id}", ctx -> {
                String id = job(ctx).id();
                jobs.delete(id);
                ctx.status(HttpStatus.NO_CONTENT);
            });

            config.routes.exception(InvalidProblemException.class, (e, ctx) ->
                    ctx.status(HttpStatus.BAD_REQUEST).json(new ApiError("invalid problem", e.errors())));
            config.routes.exception(NotFound.class, (e, ctx) -> ctx.status(HttpStatus.NOT_FOUND).json(ApiError.of(e.getMessage())));
            config.routes.exception(NotYet.class, (e, ctx) -> ctx.status(HttpStatus.CONFLICT).json(ApiError.of(e.getMessage())));
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    ctx.status(e.getStatus()).json(ApiError.of(message(e.getStatus(), e.getMessage()))));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request failed: {}", describe(ctx), e);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(ApiError.of("internal error: " + e.getClass().getSimpleName()));
            });
            for (HttpStatus s : List.of(HttpStatus.NOT_FOUND, HttpStatus.METHOD_NOT_ALLOWED, HttpStatus.CONTENT_TOO_LARGE)) {
                config.routes.error(s.getCode(), "*", ctx -> {
                    if (ctx.result() == null || !ctx.result().startsWith("{\"error\"")) {
                        ctx.json(ApiError.of(message(ctx.statusCode(), null)));
                    }
                });
            }
        });
    }

    public EquiplanServer start() {
        app.start();
        LOG.info("Equiplan listening on http://localhost:{}/", app.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        jobs.close();
        store.close();
    }

    // --- handlers ---

    private void submit(Context ctx) {
        Double seconds = number(ctx, "seconds");
        Double seed = number(ctx, "seed");
        String body = ctx.body();
        Job job = jobs.submit(body, seconds, seed == null ? null : seed.longValue());
        ctx.status(HttpStatus.ACCEPTED).header("Location", "/api/jobs/" + job.id())
                .json(Map.of("id", job.id(), "status", job.status()));
    }

    /** {@code ?ids=a,b,...}: two or more jobs of the same kind, each with an answer. */
    private void compare(Context ctx) {
        String ids = ctx.queryParam("ids");
        List<String> list = ids == null ? List.of() : java.util.Arrays.stream(ids.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (list.size() < 2) {
            throw new InvalidProblemException("ids", "give two or more job ids, comma-separated");
        }
        List<com.fasterxml.jackson.databind.JsonNode> answers = new java.util.ArrayList<>();
        for (String id : list) {
            jobs.find(id).orElseThrow(() -> notFound("job", id));
            answers.add(Json.readTree(jobs.solution(id).orElseThrow(() -> new NotYet("job " + id + " has no solution yet"))));
        }
        ctx.json(Models.compare(list, answers));
    }

    private void list(Context ctx) {
        Double offset = number(ctx, "offset");
        Double limit = number(ctx, "limit");
        int from = offset == null ? 0 : offset.intValue();
        int size = limit == null ? 50 : limit.intValue();
        if (from < 0 || size < 1 || size > 500) {
            throw new InvalidProblemException("limit", "offset must be >= 0 and limit between 1 and 500");
        }
        List<Map<String, Object>> items = jobs.list(from, size).stream().map(j -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", j.id());
            m.put("name", j.name());
            m.put("kind", j.kind());
            m.put("status", j.status());
            m.put("score", jobs.liveBest(j.id()).map(ScorePoint::score).orElse(j.score()));
            m.put("created", j.created());
            m.put("updated", j.updated());
            return m;
        }).toList();
        ctx.json(Map.of("total", jobs.count(), "offset", from, "limit", size, "items", items));
    }

    private Map<String, Object> status(Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("name", j.name());
        m.put("kind", j.kind());
        m.put("status", j.status());
        var live = jobs.liveBest(j.id());
        m.put("score", live.map(ScorePoint::score).orElse(j.score()));
        m.put("feasible", live.map(ScorePoint::feasible).orElse(j.feasible()));
        m.put("elapsedMillis", live.map(ScorePoint::elapsedMillis).orElse(j.elapsedMillis()));
        m.put("limitSeconds", j.seconds());
        m.put("seed", j.seed());
        if (j.error() != null) {
            m.put("error", j.error());
        }
        m.put("created", j.created());
        m.put("updated", j.updated());
        m.put("history", jobs.history(j.id()));
        return m;
    }

    private void events(SseClient client) {
        Job job;
        try {
            job = job(client.ctx());
        } catch (NotFound e) {
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

    /** One event, one line of JSON; nothing is sent to a client that has gone away. */
    private static void send(SseClient client, String event, Object data) {
        if (!client.terminated()) {
            client.sendEvent(event, Json.compact(data));
        }
    }

    /** Method and path of a request, when the request still exists (not after an SSE client left). */
    private static String describe(Context ctx) {
        try {
            return ctx.method() + " " + ctx.path();
        } catch (RuntimeException e) {
            return "(request already closed)";
        }
    }

    private Job job(Context ctx) {
        String id = ctx.pathParam("id");
        return jobs.find(id).orElseThrow(() -> notFound("job", id));
    }

    private static NotFound notFound(String what, String id) {
        return new NotFound("no " + what + " '" + id + "'");
    }

    private static Double number(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidProblemException(List.of(new FieldError(name, "must be a number, got '" + text + "'")));
        }
    }

    private static String message(int status, String detail) {
        return switch (status) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request body too large";
            default -> detail == null || detail.isBlank() ? HttpStatus.forStatus(status).getMessage() : detail;
        };
    }

    /** An unknown id: 404. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    /** The job exists but has nothing of that kind yet: 409. */
    static final class NotYet extends RuntimeException {
        NotYet(String message) {
            super(message);
        }
    }
}
