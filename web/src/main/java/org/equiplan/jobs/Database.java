package org.equiplan.jobs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database jobs live in: an embedded H2 file in the data dir (the default: nothing to install, one process)
 * or a PostgreSQL server shared by several processes (cluster mode). A HikariCP pool; Flyway brings the schema
 * up to date with the same migrations on both.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /**
     * The checksum of the first version of V1__jobs.sql, written in H2's dialect. V1 was rewritten in SQL that
     * PostgreSQL reads too and makes the same tables on H2, so a database made by the old text is realigned.
     */
    static final int LEGACY_V1_CHECKSUM = 737813191;

    /**
     * Where to connect; the password never comes from the command line (see the serve command).
     *
     * @param dataDir the directory of the embedded database (made if missing), null for a server
     */
    public record Settings(String url, String user, String password, Path dataDir) {

        /** A PostgreSQL server shared by the processes of a cluster. */
        public static Settings server(String url, String user, String password) {
            return new Settings(url, user, password, null);
        }

        public static Settings embedded(Path dataDir) {
            // async: H2's file store that an interrupted thread cannot close (a plain file channel closes itself
            // when a thread writing to it is interrupted, and the whole database with it). WRITE_DELAY=0: a commit
            // reaches the file before we answer, so an accepted job survives kill -9. DB_CLOSE_ON_EXIT=FALSE: we
            // close the pool ourselves, after the last job's final write.
            return new Settings(
                    "jdbc:h2:async:" + dataDir.toAbsolutePath().resolve("equiplan")
                            + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
                    "equiplan",
                    "",
                    dataDir);
        }

        public boolean isEmbedded() {
            return url.startsWith("jdbc:h2:");
        }

        /** The URL without credentials or options, for logs. */
        public String describe() {
            int cut = url.indexOf(isEmbedded() ? ';' : '?');
            return cut < 0 ? url : url.substring(0, cut);
        }
    }

    /** H2's error code for a database file another process holds open. */
    private static final int H2_DATABASE_IN_USE = 90020;

    private final Settings settings;
    private final HikariDataSource dataSource;

    public Database(Settings settings, int poolSize) {
        if (!settings.isEmbedded() && !settings.url().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "database: expected jdbc:postgresql://HOST:PORT/DB (or nothing, for the embedded database), got "
                            + settings.describe());
        }
        this.settings = settings;
        if (settings.dataDir() != null) {
            try {
                java.nio.file.Files.createDirectories(settings.dataDir());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create the data dir " + settings.dataDir(), e);
            }
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("equiplan-db");
        // Fail at start with the database's own message (wrong password, no such database), not later; a server
        // gets 10 s to come up, the embedded file either opens or is held by another process.
        config.setInitializationFailTimeout(settings.isEmbedded() ? 1 : 10_000);
        try {
            dataSource = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            if (settings.isEmbedded() && inUse(e)) {
                throw new Unavailable(
                        "the data dir " + settings.dataDir() + " is in use by another process (another Equiplan"
                                + " on the same --data-dir?): stop it, or choose another --data-dir",
                        e);
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new Unavailable(
                    "cannot connect to the database " + settings.describe() + ": " + cause.getMessage(), e);
        }
        try {
            migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        LOG.info("database {} ready", settings.describe());
    }

    /** Whether H2 refused the file because another process holds it. */
    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == H2_DATABASE_IN_USE) {
                return true;
            }
        }
        return false;
    }

    private void migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .placeholders(Map.of("large_text", settings.isEmbedded() ? "CLOB" : "TEXT"))
                .load();
        MigrationInfo v1 = Arrays.stream(flyway.info().applied())
                .filter(m -> m.getVersion() != null && "1".equals(m.getVersion().getVersion()))
                .findFirst()
                .orElse(null);
        if (v1 != null && v1.getChecksum() != null && v1.getChecksum() == LEGACY_V1_CHECKSUM) {
            LOG.info("realigning the checksum of migration 1 (rewritten in SQL that PostgreSQL reads too)");
            flyway.repair();
        }
        flyway.migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Settings settings() {
        return settings;
    }

    public boolean isEmbedded() {
        return settings.isEmbedded();
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** The database cannot be reached or refuses us: the message says which and why, for the operator. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
