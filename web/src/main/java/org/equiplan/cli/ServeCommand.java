package org.equiplan.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.equiplan.jobs.Database;
import org.equiplan.jobs.JobService;
import org.equiplan.jobs.Role;
import org.equiplan.service.EquiplanServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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

    static final String USER_VARIABLE = "EQUIPLAN_DB_USER";
    static final String PASSWORD_VARIABLE = "EQUIPLAN_DB_PASSWORD";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--port",
            defaultValue = "7070",
            description = "port (default: ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    @Option(
            names = "--data-dir",
            defaultValue = "equiplan-data",
            description = "where jobs are stored with the embedded database (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(
            names = "--database",
            paramLabel = "URL",
            description = "a PostgreSQL database shared by the nodes of a cluster: jdbc:postgresql://HOST:PORT/DB"
                    + " (default: the embedded database in --data-dir)")
    String database;

    @Option(
            names = "--db-credentials",
            paramLabel = "FILE",
            description = "a file with the lines user=... and password=... (instead of the environment)")
    Path credentials;

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
        Database.Settings where = database == null ? Database.Settings.embedded(dataDir) : server();
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

        Database db = new Database(where, parsedRole.serves() ? 10 : 4 + config.slots());
        JobService jobs;
        try {
            jobs = new JobService(db, config);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        EquiplanServer server = null;
        if (parsedRole.serves()) {
            server = new EquiplanServer(port, maxBodyMb * 1024 * 1024, jobs).start();
        }
        EquiplanServer http = server;
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM: stop taking requests, hand running jobs back with their bests, then close the database.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (http != null) {
                                http.close();
                            }
                            jobs.close();
                            db.close();
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

    private void check(String option, boolean ok, String message) {
        if (!ok) {
            throw bad(option, message);
        }
    }

    /** A bad option: picocli prints it with the usage and exits 2. */
    private CommandLine.ParameterException bad(String option, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), option + ": " + message);
    }

    /** The PostgreSQL settings, with credentials from the file or the environment, never from the URL. */
    private Database.Settings server() throws IOException {
        if (!database.startsWith("jdbc:postgresql://")) {
            throw bad("--database", "must look like jdbc:postgresql://HOST:PORT/DB");
        }
        if (database.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            throw bad(
                    "--database",
                    "must not carry the password (it would show in the process list): use " + PASSWORD_VARIABLE
                            + " or --db-credentials");
        }
        String user;
        String password;
        if (credentials != null) {
            Properties p = new Properties();
            try (Reader r = java.nio.file.Files.newBufferedReader(credentials)) {
                p.load(r);
            }
            user = p.getProperty("user");
            password = p.getProperty("password");
            if (user == null || password == null) {
                throw bad("--db-credentials", "the file must have the lines user=... and password=...");
            }
        } else {
            Map<String, String> env = System.getenv();
            user = env.get(USER_VARIABLE);
            password = env.get(PASSWORD_VARIABLE);
            if (user == null || user.isBlank()) {
                throw bad(
                        "--database",
                        "give the database user in " + USER_VARIABLE + " (and the password in " + PASSWORD_VARIABLE
                                + "), or use --db-credentials FILE");
            }
            if (password == null) {
                password = "";
            }
        }
        return Database.Settings.server(database, user.trim(), password);
    }
}
