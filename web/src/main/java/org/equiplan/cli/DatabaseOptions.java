package org.equiplan.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.equiplan.jobs.Database;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where the jobs live, for every command that opens the database ({@code serve}, {@code token}): the embedded
 * database in a data dir, or a PostgreSQL server with credentials from the environment or a file, never from the
 * command line.
 */
final class DatabaseOptions {

    static final String USER_VARIABLE = "EQUIPLAN_DB_USER";
    static final String PASSWORD_VARIABLE = "EQUIPLAN_DB_PASSWORD";

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

    /** The settings these options name; a bad option is a picocli parameter error (usage, exit 2). */
    Database.Settings settings(CommandLine cli) throws IOException {
        if (database == null) {
            return Database.Settings.embedded(dataDir);
        }
        if (!database.startsWith("jdbc:postgresql://")) {
            throw bad(cli, "--database", "must look like jdbc:postgresql://HOST:PORT/DB");
        }
        if (database.toLowerCase(Locale.ROOT).contains("password=")) {
            throw bad(
                    cli,
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
                throw bad(cli, "--db-credentials", "the file must have the lines user=... and password=...");
            }
        } else {
            Map<String, String> env = System.getenv();
            user = env.get(USER_VARIABLE);
            password = env.get(PASSWORD_VARIABLE);
            if (user == null || user.isBlank()) {
                throw bad(
                        cli,
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

    /** A bad option: picocli prints it with the usage and exits 2. */
    static CommandLine.ParameterException bad(CommandLine cli, String option, String message) {
        return new CommandLine.ParameterException(cli, option + ": " + message);
    }
}
