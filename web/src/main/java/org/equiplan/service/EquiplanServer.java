package org.equiplan.service;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.json.JavalinJackson;
import io.javalin.validation.ValidationException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.jobs.Database;
import org.equiplan.jobs.Job;
import org.equiplan.jobs.JobEvents;
import org.equiplan.jobs.JobService;
import org.equiplan.jobs.JobStatus;
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
 *
 * <p>Over 300 lines because every route is declared here, in one place (the OpenAPI test reads that list),
 * with the mapping of errors by exception type; each handler is a few lines.
 */
public final class EquiplanServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EquiplanServer.class);
    /** Request attribute set once an error has been written, so the status handlers leave it alone. */
    private static final String ANSWERED = "equiplan.error-answered";
    /** How long a stop request waits for the job to end before answering with its state then. */
    private static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(60);

    /** Settings of one service instance: its HTTP side, its database and its part in the jobs. */
    public record Settings(int port, long maxBodyBytes, Database.Settings database, JobService.Config jobs) {

        /** One process on the embedded database in {@code dataDir}: the default. */
        public static Settings defaults(int port, Path dataDir) {
            return new Settings(
                    port, 50L * 1024 * 1024, Database.Settings.embedded(dataDir), JobService.Config.defaults());
        }

        /** The embedded database with the given solver slots, limits and write and event periods (tests). */
        public static Settings embedded(
                int port,
                Path dataDir,
                int concurrentSolves,
                long maxBodyBytes,
                JobService.Limits limits,
                long flushMillis,
                long eventMillis) {
            return new Settings(
                    port,
                    maxBodyBytes,
                    Database.Settings.embedded(dataDir),
                    JobService.Config.defaults().with(concurrentSolves, limits, flushMillis, eventMillis));
        }
    }

    /** An HTTP route, as declared: the OpenAPI description is checked against this list. */
    record Route(String method, String path) {}

    private final List<Route> routes = new java.util.ArrayList<>();
    /** Set when this server made its own database and job service (and so closes them). */
    private final AutoCloseable owned;

    private final JobService jobs;
    private final Javalin app;

    /** A server with its own database and job service, made from the settings; closing it closes them. */
    public EquiplanServer(Settings settings) {
        this(settings, Parts.open(settings));
    }

    private EquiplanServer(Settings settings, Parts parts) {
        this(settings.port(), settings.maxBodyBytes(), parts.jobs(), parts);
    }

    /** A server over a job service owned by the caller. */
    public EquiplanServer(int port, long maxBodyBytes, JobService jobs) {
        this(port, maxBodyBytes, jobs, null);
    }

    /** The database and job service of a server that made its own. */
    private record Parts(Database database, JobService jobs) implements AutoCloseable {
        static Parts open(Settings settings) {
            Database database = new Database(settings.database(), 10);
            try {
                return new Parts(database, new JobService(database, settings.jobs()));
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        }

        @Override
        public void close() {
            jobs.close();
            database.close();
        }
    }

    private EquiplanServer(int port, long maxBodyBytes, JobService jobs, AutoCloseable owned) {
        this.jobs = jobs;
        this.owned = owned;
        app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = maxBodyBytes;
            config.http.prefer405over404 = true;
            config.jetty.port = port;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/public";
                files.location = io.javalin.http.staticfiles.Location.CLASSPATH;
            });
            config.routes.get(
                    route("GET", "/api/health"), ctx -> ctx.json(Map.of("status", "UP", "jobs", jobs.count())));
            config.routes.get(
                    route("GET", "/api/openapi.json"),
                    ctx -> ctx.contentType("application/json")
                            .result(EquiplanServer.class.getResourceAsStream("/openapi.json")));
            config.routes.get(route("GET", "/api/examples"), ctx -> ctx.json(Examples.names()));
            config.routes.get(
                    route("GET", "/api/examples/{name}"),
                    ctx -> ctx.contentType("application/json")
                            .result(Examples.read(ctx.pathParam("name"))
                                    .orElseThrow(() -> notFound("example", ctx.pathParam("name")))));
            config.routes.post(route("POST", "/api/jobs"), this::submit);
            config.routes.get(route("GET", "/api/jobs"), this::list);
            config.routes.get(route("GET", "/api/jobs/{id}"), ctx -> ctx.json(status(job(ctx))));
            config.routes.get(
                    route("GET", "/api/jobs/{id}/problem"),
                    ctx -> ctx.contentType("application/json")
                            .result(jobs.problem(job(ctx).id()).orElseThrow()));
            config.routes.get(
                    route("GET", "/api/jobs/{id}/solution"),
                    ctx -> ctx.contentType("application/json")
                            .result(jobs.solution(job(ctx).id()).orElseThrow(() -> new NotYet("no solution yet"))));
            config.routes.get(
                    route("GET", "/api/jobs/{id}/solution.csv"),
                    ctx -> ctx.contentType("text/csv; charset=utf-8")
                            .header("Content-Disposition", "attachment; filename=\"" + job(ctx).id() + ".csv\"")
                            .result(Models.csv(Json.readTree(
                                    jobs.solution(job(ctx).id()).orElseThrow(() -> new NotYet("no solution yet"))))));
            config.routes.get(route("GET", "/api/compare"), this::compare);
            config.routes.get(
                    route("GET", "/api/jobs/{id}/analysis"),
                    ctx -> ctx.json(
                            jobs.analysis(job(ctx).id()).orElseThrow(() -> new NotYet("no solution to analyse yet"))));
            config.routes.sse(route("GET", "/api/jobs/{id}/events"), this::events);
            config.routes.post(route("POST", "/api/jobs/{id}/stop"), ctx -> {
                Job job = job(ctx);
                jobs.stop(job.id(), STOP_WAIT);
                ctx.json(status(jobs.find(job.id()).orElseThrow()));
            });
            config.routes.delete(route("DELETE", "/api/jobs/{id}"), ctx -> {
                String id = job(ctx).id();
                jobs.delete(id);
                ctx.status(HttpStatus.NO_CONTENT);
            });

            // Errors by exception type; each writes one ApiError and marks the response as answered.
            config.routes.exception(
                    InvalidProblemException.class,
                    (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, new ApiError("invalid problem", e.errors())));
            config.routes.exception(
                    ValidationException.class,
                    (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, new ApiError("invalid request", fieldErrors(e))));
            config.routes.exception(
                    NotFound.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, ApiError.of(e.getMessage())));
            config.routes.exception(
                    NotYet.class, (e, ctx) -> error(ctx, HttpStatus.CONFLICT, ApiError.of(e.getMessage())));
            config.routes.exception(
                    HttpResponseException.class,
                    (e, ctx) -> error(
                            ctx,
                            HttpStatus.forStatus(e.getStatus()),
                            ApiError.of(message(e.getStatus(), e.getMessage()))));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request failed: {}", describe(ctx), e);
                error(
                        ctx,
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        ApiError.of("internal error: " + e.getClass().getSimpleName()));
            });
            // Statuses Javalin sets itself (no route, wrong method, body too large) get the same JSON shape.
            for (HttpStatus s :
                    List.of(HttpStatus.NOT_FOUND, HttpStatus.METHOD_NOT_ALLOWED, HttpStatus.CONTENT_TOO_LARGE)) {
                config.routes.error(s.getCode(), "*", ctx -> {
                    if (ctx.attribute(ANSWERED) == null) {
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

    /** Every API route, in the order declared. */
    List<Route> routes() {
        return List.copyOf(routes);
    }

    private String route(String method, String path) {
        routes.add(new Route(method, path));
        return path;
    }

    public int port() {
        return app.port();
    }

    /** Stops serving; closes the database and job service too when this server made them. */
    @Override
    public void close() {
        app.stop();
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                LOG.error("cannot close the job service", e);
            }
        }
    }

    // --- handlers ---

    private void submit(Context ctx) {
        Double seconds = ctx.queryParamAsClass("seconds", Double.class)
                .check(v -> v == null || v > 0 && Double.isFinite(v), "must be a number > 0")
                .getOrNull();
        Long seed = ctx.queryParamAsClass("seed", Long.class).getOrNull();
        Job job = jobs.submit(ctx.body(), seconds, seed);
        ctx.status(HttpStatus.ACCEPTED)
                .header("Location", "/api/jobs/" + job.id())
                .json(Map.of("id", job.id(), "status", job.status()));
    }

    /** {@code ?ids=a,b,...}: two or more jobs of the same kind, each with an answer. */
    private void compare(Context ctx) {
        String ids = ctx.queryParam("ids");
        List<String> list = ids == null
                ? List.of()
                : java.util.Arrays.stream(ids.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
        if (list.size() < 2) {
            throw new InvalidProblemException("ids", "give two or more job ids, comma-separated");
        }
        List<com.fasterxml.jackson.databind.JsonNode> answers = new java.util.ArrayList<>();
        for (String id : list) {
            jobs.find(id).orElseThrow(() -> notFound("job", id));
            answers.add(Json.readTree(
                    jobs.solution(id).orElseThrow(() -> new NotYet("job " + id + " has no solution yet"))));
        }
        ctx.json(Models.compare(list, answers));
    }

    private void list(Context ctx) {
        int from = ctx.queryParamAsClass("offset", Integer.class)
                .check(v -> v == null || v >= 0, "must be >= 0")
                .getOrDefault(0);
        int size = ctx.queryParamAsClass("limit", Integer.class)
                .check(v -> v == null || v >= 1 && v <= 500, "must be between 1 and 500")
                .getOrDefault(50);
        List<JobViews.JobSummary> items = jobs.list(from, size).stream()
                .map(j -> new JobViews.JobSummary(
                        j.id(),
                        j.name(),
                        j.kind(),
                        j.status(),
                        jobs.liveBest(j.id()).map(ScorePoint::score).orElse(j.score()),
                        j.created(),
                        j.updated()))
                .toList();
        ctx.json(new JobViews.JobPage(jobs.count(), from, size, items));
    }

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
                j.created(),
                j.updated(),
                jobs.history(j.id()));
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

    private static void error(Context ctx, HttpStatus status, ApiError error) {
        ctx.attribute(ANSWERED, true);
        ctx.status(status).json(error);
    }

    /** Javalin's parameter checks as field errors; a value of the wrong type says what it got. */
    private static List<FieldError> fieldErrors(ValidationException e) {
        List<FieldError> out = new java.util.ArrayList<>();
        e.getErrors()
                .forEach((field, errors) -> errors.forEach(error -> out.add(new FieldError(
                        field,
                        "TYPE_CONVERSION_FAILED".equals(error.getMessage())
                                ? "must be " + (field.equals("seconds") ? "a number" : "a whole number") + ", got '"
                                        + error.value + "'"
                                : error.getMessage()))));
        return out;
    }

    private static String message(int status, String detail) {
        return switch (status) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request body too large";
            default ->
                detail == null || detail.isBlank()
                        ? HttpStatus.forStatus(status).getMessage()
                        : detail;
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
