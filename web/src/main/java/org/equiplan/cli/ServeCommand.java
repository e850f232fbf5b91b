package org.equiplan.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.equiplan.access.Authenticator;
import org.equiplan.jobs.Database;
import org.equiplan.jobs.JobService;
import org.equiplan.jobs.Role;
import org.equiplan.service.EquiplanServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts a process of the service: by default one process on the embedded database in the data dir; with
 * {@code --database} one node of a cluster on PostgreSQL, serving HTTP, solving jobs, or both ({@code --role}).
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Start the HTTP service (the default with no arguments).",
            "Cluster mode: --database jdbc:postgresql://HOST:PORT/DB with --role all|api|worker on each machine;"
                    + " the database user and password come from EQUIPLAN_DB_USER and EQUIPLAN_DB_PASSWORD, or from"
                    + " --db-credentials FILE (lines user=... and password=...), never from the command line."
        })
class ServeCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--port",
            defaultValue = "7070",
            description = "port (default: ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 = every"
                    + " interface, which needs --auth tokens)")
    String host;

    @Option(
            names = "--auth",
            defaultValue = "none",
            paramLabel = "none|tokens",
            description = "none: no accounts (one person on their own machine); tokens: every API call needs a token"
                    + " ('equiplan token create') (default: ${DEFAULT-VALUE})")
    String auth;

    @Mixin
    DatabaseOptions db;

    @Option(
            names = "--role",
            defaultValue = "all",
            paramLabel = "all|api|worker",
            description = "api: serve HTTP only; worker: solve queued jobs only (no HTTP); all: both"
                    + " (default: ${DEFAULT-VALUE})")
    String role;

    @Option(names = "--solvers", description = "jobs solved at once by this process (default: cores - 1, at least 1)")
    Integer solvers;

    @Option(
            names = "--dead-after",
            defaultValue = "30",
            paramLabel = "SECONDS",
            description = "a worker silent this long is taken for dead and its jobs resume elsewhere"
                    + " (default: ${DEFAULT-VALUE})")
    double deadAfter;

    @Option(
            names = "--poll",
            defaultValue = "1",
            paramLabel = "SECONDS",
            description = "how often a worker looks for queued jobs (default: ${DEFAULT-VALUE})")
    double poll;

    @Option(
            names = "--max-body-mb",
            defaultValue = "50",
            description = "largest request body in MB (default: ${DEFAULT-VALUE})")
    long maxBodyMb;

    @Override
    public Integer call() throws Exception {
        Role parsedRole = role();
        check("--dead-after", deadAfter >= 2 && deadAfter <= 3600, "must be between 2 and 3600 seconds");
        check("--poll", poll >= 0.05 && poll <= 60, "must be between 0.05 and 60 seconds");
        check("--solvers", solvers == null || solvers >= 1 && solvers <= 256, "must be between 1 and 256");
        Authenticator.Mode authMode = authMode();
        Database.Settings where = db.settings(spec.commandLine());
        JobService.Config defaults = JobService.Config.defaults();
        JobService.Config config = new JobService.Config(
                parsedRole,
                solvers == null ? JobService.defaultConcurrency() : solvers,
                defaults.limits(),
                defaults.flushMillis(),
                defaults.eventMillis(),
                Duration.ofMillis(Math.round(poll * 1000)),
                Duration.ofMillis(Math.round(deadAfter * 1000)),
                defaults.maxLost(),
                defaults.workerName());

        EquiplanServer.Settings http =
                new EquiplanServer.Settings(host, port, maxBodyMb * 1024 * 1024, authMode, where, config);
        if (parsedRole.serves()) {
            java.util.Optional<String> refusal = http.refusal();
            if (refusal.isPresent()) {
                throw bad("--auth", refusal.get());
            }
        }
        Database database = new Database(where, parsedRole.serves() ? 10 : 4 + config.slots());
        JobService jobs;
        try {
            jobs = new JobService(database, config);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        EquiplanServer server = null;
        if (parsedRole.serves()) {
            server = new EquiplanServer(http, database, jobs).start();
        }
        EquiplanServer running = server;
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM: stop taking requests, hand running jobs back with their bests, then close the database.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (running != null) {
                                running.close();
                            }
                            jobs.close();
                            database.close();
                            stopped.countDown();
                        },
                        "equiplan-shutdown"));
        stopped.await();
        return 0;
    }

    private Role role() {
        try {
            return Role.valueOf(role.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("--role", "must be all, api or worker, not '" + role + "'");
        }
    }

    private Authenticator.Mode authMode() {
        try {
            return Authenticator.Mode.valueOf(auth.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("--auth", "must be none or tokens, not '" + auth + "'");
        }
    }

    private void check(String option, boolean ok, String message) {
        if (!ok) {
            throw bad(option, message);
        }
    }

    /** A bad option: picocli prints it with the usage and exits 2. */
    private CommandLine.ParameterException bad(String option, String message) {
        return DatabaseOptions.bad(spec.commandLine(), option, message);
    }
}
