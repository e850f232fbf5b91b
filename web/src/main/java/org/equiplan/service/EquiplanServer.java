package org.equiplan.service;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.json.JavalinJackson;
import io.javalin.validation.ValidationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.equiplan.access.Access;
import org.equiplan.access.Authenticator;
import org.equiplan.access.Tokens;
import org.equiplan.jobs.Database;
import org.equiplan.jobs.JobService;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.problem.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP service: the route table, who may call each route ({@link Access}), and the mapping of errors to JSON
 * ({@link ApiError}); nothing answers with a stack trace or an HTML page. The handlers are in {@link JobHandlers}
 * and {@link TokenHandlers}; what every request passes first is in {@link AccessControl}.
 */
public final class EquiplanServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EquiplanServer.class);
    /** Request attribute set once an error has been written, so the status handlers leave it alone. */
    private static final String ANSWERED = "equiplan.error-answered";

    /**
     * Settings of one service instance: where it listens, how callers are known, its database and its part in
     * the jobs.
     */
    public record Settings(
            String host,
            int port,
            long maxBodyBytes,
            Authenticator.Mode auth,
            Database.Settings database,
            JobService.Config jobs) {

        public static final String LOOPBACK = "127.0.0.1";

        /** One process on the embedded database in {@code dataDir}, on loopback, without tokens: the default. */
        public static Settings defaults(int port, Path dataDir) {
            return new Settings(
                    LOOPBACK,
                    port,
                    50L * 1024 * 1024,
                    Authenticator.Mode.NONE,
                    Database.Settings.embedded(dataDir),
                    JobService.Config.defaults());
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
                    LOOPBACK,
                    port,
                    maxBodyBytes,
                    Authenticator.Mode.NONE,
                    Database.Settings.embedded(dataDir),
                    JobService.Config.defaults().with(concurrentSolves, limits, flushMillis, eventMillis));
        }

        public Settings withAuth(Authenticator.Mode mode) {
            return new Settings(host, port, maxBodyBytes, mode, database, jobs);
        }

        /**
         * Why these settings must not start, if they must not: an address others can reach without tokens would
         * let anyone on the network read and change plans.
         */
        public java.util.Optional<String> refusal() {
            if (auth == Authenticator.Mode.TOKENS || isLoopback(host)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of("--host " + host + " is reachable from other machines: add --auth tokens"
                    + " (and create tokens with 'equiplan token create'), or listen on 127.0.0.1");
        }

        private static boolean isLoopback(String host) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }

    /** An HTTP route, as declared, with who may call it: the OpenAPI description is checked against this list. */
    record Route(String method, String path, Access access) {}

    private final List<Route> routes = new ArrayList<>();
    /** Set when this server made its own database and job service (and so closes them). */
    private final AutoCloseable owned;

    private final Javalin app;

    /** A server with its own database and job service, made from the settings; closing it closes them. */
    public EquiplanServer(Settings settings) {
        this(settings, Parts.open(settings));
    }

    private EquiplanServer(Settings settings, Parts parts) {
        this(settings, parts.database(), parts.jobs(), parts);
    }

    /** A server over a database and job service owned by the caller. */
    public EquiplanServer(Settings settings, Database database, JobService jobs) {
        this(settings, database, jobs, null);
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

    private EquiplanServer(Settings settings, Database database, JobService jobs, AutoCloseable owned) {
        settings.refusal().ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        this.owned = owned;
        Tokens tokens = new Tokens(database.dataSource());
        if (settings.auth() == Authenticator.Mode.TOKENS
                && tokens.list().stream().allMatch(t -> t.revoked() != null)) {
            LOG.warn("--auth tokens, but no active token: create one with"
                    + " 'equiplan token create --name admin --role admin' (with the same database options)");
        }
        AccessControl access = new AccessControl(new Authenticator(settings.auth(), tokens));
        JobHandlers job = new JobHandlers(jobs);
        TokenHandlers token = new TokenHandlers(tokens);
        SweepHandlers sweep = new SweepHandlers(new org.equiplan.scenarios.Sweeps(database.dataSource(), jobs), jobs);
        app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.staticFiles.enableWebjars(); // Leaflet, from its WebJar in the jar
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/public";
                files.location = io.javalin.http.staticfiles.Location.CLASSPATH;
            });
            config.routes.before(AccessControl::headers);
            config.routes.beforeMatched(access::check);

            Routes r = new Routes(config.routes);
            r.get("/api/health", Access.PUBLIC, ctx -> ctx.json(Map.of("status", "UP", "jobs", jobs.count(null))));
            r.get(
                    "/api/openapi.json",
                    Access.PUBLIC,
                    ctx -> ctx.contentType("application/json")
                            .result(EquiplanServer.class.getResourceAsStream("/openapi.json")));
            r.get("/api/examples", Access.READ, ctx -> ctx.json(Examples.names()));
            r.get(
                    "/api/examples/{name}",
                    Access.READ,
                    ctx -> ctx.contentType("application/json")
                            .result(Examples.read(ctx.pathParam("name"))
                                    .orElseThrow(() -> notFound("example", ctx.pathParam("name")))));
            r.post("/api/jobs", Access.WRITE, job::submit);
            r.get("/api/jobs", Access.READ, job::list);
            r.get("/api/jobs/{id}", Access.READ, job::detail);
            r.get("/api/jobs/{id}/problem", Access.READ, job::problem);
            r.get("/api/jobs/{id}/solution", Access.READ, job::solution);
            r.get("/api/jobs/{id}/solution.csv", Access.READ, job::csv);
            r.get("/api/jobs/{id}/solution.geojson", Access.READ, job::geoJson);
            r.get("/api/compare", Access.READ, job::compareByQuery);
            r.post("/api/compare", Access.READ, job::compareByBody);
            r.get("/api/jobs/{id}/analysis", Access.READ, job::analysis);
            r.sse("/api/jobs/{id}/events", Access.READ, job::events);
            r.post("/api/jobs/{id}/scenarios", Access.WRITE, job::scenario);
            r.post("/api/jobs/{id}/stop", Access.WRITE, job::stop);
            r.delete("/api/jobs/{id}", Access.WRITE, job::delete);
            r.post("/api/sweeps", Access.WRITE, sweep::create);
            // The CSV first: routes match in order, and "{id}" alone would take "abc.csv" as an id.
            r.get("/api/sweeps/{id}.csv", Access.READ, sweep::csv);
            r.get("/api/sweeps/{id}", Access.READ, sweep::view);
            ImportHandlers imports = new ImportHandlers();
            r.post("/api/imports/regions", Access.READ, imports::regions);
            r.get("/api/imports/regions/template.csv", Access.READ, imports::template);
            r.post("/api/imports/places", Access.READ, imports::places);
            r.post("/api/tokens", Access.WRITE, token::create);
            r.get("/api/tokens", Access.READ, token::list);
            r.delete("/api/tokens/{name}", Access.WRITE, token::revoke);

            // Errors by exception type; each writes one ApiError and marks the response as answered.
            config.routes.exception(
                    InvalidProblemException.class,
                    (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, new ApiError("invalid problem", e.errors())));
            config.routes.exception(
                    ValidationException.class,
                    (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, new ApiError("invalid request", fieldErrors(e))));
            config.routes.exception(
                    BadRequest.class,
                    (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, new ApiError("invalid request", e.errors)));
            config.routes.exception(
                    NotFound.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, ApiError.of(e.getMessage())));
            config.routes.exception(
                    NotYet.class, (e, ctx) -> error(ctx, HttpStatus.CONFLICT, ApiError.of(e.getMessage())));
            config.routes.exception(JobService.QuotaExceeded.class, (e, ctx) -> {
                ctx.header("Retry-After", "30");
                error(ctx, HttpStatus.TOO_MANY_REQUESTS, ApiError.of(e.getMessage()));
            });
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

    /** Declares each route once: registered with its access level and recorded for the OpenAPI test. */
    private final class Routes {
        private final io.javalin.config.RoutesConfig config;

        Routes(io.javalin.config.RoutesConfig config) {
            this.config = config;
        }

        void get(String path, Access access, Handler handler) {
            routes.add(new Route("GET", path, access));
            config.get(path, handler, access);
        }

        void post(String path, Access access, Handler handler) {
            routes.add(new Route("POST", path, access));
            config.post(path, handler, access);
        }

        void delete(String path, Access access, Handler handler) {
            routes.add(new Route("DELETE", path, access));
            config.delete(path, handler, access);
        }

        void sse(String path, Access access, Consumer<SseClient> handler) {
            routes.add(new Route("GET", path, access));
            config.sse(path, handler, access);
        }
    }

    public EquiplanServer start() {
        app.start();
        LOG.info(
                "Equiplan listening on http://{}:{}/",
                app.jettyServer().server().getURI().getHost(),
                app.port());
        return this;
    }

    /** Every API route, in the order declared. */
    List<Route> routes() {
        return List.copyOf(routes);
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

    // --- errors ---

    /** Method and path of a request, when the request still exists (not after an SSE client left). */
    private static String describe(Context ctx) {
        try {
            return ctx.method() + " " + ctx.path();
        } catch (RuntimeException e) {
            return "(request already closed)";
        }
    }

    static NotFound notFound(String what, String id) {
        return new NotFound("no " + what + " '" + id + "'");
    }

    private static void error(Context ctx, HttpStatus status, ApiError error) {
        ctx.attribute(ANSWERED, true);
        ctx.status(status).json(error);
    }

    /** Javalin's parameter checks as field errors; a value of the wrong type says what it got. */
    private static List<FieldError> fieldErrors(ValidationException e) {
        List<FieldError> out = new ArrayList<>();
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

    /** A request parameter that is wrong: 400 naming it. */
    static final class BadRequest extends RuntimeException {
        final List<FieldError> errors;

        BadRequest(String field, String message) {
            super(field + ": " + message);
            this.errors = List.of(new FieldError(field, message));
        }
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
