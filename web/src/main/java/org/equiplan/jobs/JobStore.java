package org.equiplan.jobs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * Jobs in an embedded H2 database in the data dir (file mode, schema by Flyway migrations), through
 * a HikariCP pool. Every write is its own transaction, so a crash loses at most the write in flight.
 */
public final class JobStore implements AutoCloseable {

    private final HikariDataSource dataSource;

    public JobStore(Path dataDir) {
        HikariConfig config = new HikariConfig();
        // WRITE_DELAY=0: a commit reaches the file before we answer, so an accepted job survives kill -9
        // (H2 otherwise batches writes for up to half a second). DB_CLOSE_ON_EXIT=FALSE: we close the pool.
        config.setJdbcUrl("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("equiplan")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        config.setUsername("equiplan");
        config.setPassword("");
        config.setMaximumPoolSize(8);
        config.setPoolName("equiplan-jobs");
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).load().migrate();
    }

    public void insert(String id, String name, String kind, double seconds, long seed, String problem) {
        OffsetDateTime now = now();
        update(
                "INSERT INTO job (id, name, kind, status, seconds, seed, problem, created, updated)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                truncate(name, 500),
                kind,
                JobStatus.QUEUED.name(),
                seconds,
                seed,
                problem,
                now,
                now);
    }

    public void setStatus(String id, JobStatus status, String error) {
        update(
                "UPDATE job SET status = ?, error = ?, updated = ? WHERE id = ?",
                status.name(),
                truncate(error, 4000),
                now(),
                id);
    }

    /** Stores a best answer, its score and the new history points, in one transaction. */
    public void saveBest(String id, String solution, ScorePoint best, List<ScorePoint> newPoints) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (solution != null) {
                    execute(
                            c,
                            "UPDATE job SET solution = ?, score = ?, feasible = ?, elapsed_ms = ?, updated = ? WHERE id = ?",
                            solution,
                            best.score(),
                            best.feasible(),
                            best.elapsedMillis(),
                            now(),
                            id);
                }
                for (ScorePoint p : newPoints) {
                    execute(
                            c,
                            "INSERT INTO score_history (job_id, elapsed_ms, score, feasible) VALUES (?, ?, ?, ?)",
                            id,
                            p.elapsedMillis(),
                            p.score(),
                            p.feasible());
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot save the best solution of job " + id, e);
        }
    }

    public Optional<Job> find(String id) {
        List<Job> jobs = query("SELECT * FROM job WHERE id = ?", id);
        return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(0));
    }

    public List<Job> list(int offset, int limit) {
        return query("SELECT * FROM job ORDER BY seq DESC LIMIT ? OFFSET ?", limit, offset);
    }

    public long count() {
        return single("SELECT COUNT(*) FROM job");
    }

    /** Jobs that were queued or solving: what a restart must resume, oldest first. */
    public List<Job> active() {
        return query("SELECT * FROM job WHERE status IN ('QUEUED', 'SOLVING') ORDER BY seq");
    }

    public Optional<String> problem(String id) {
        return text("SELECT problem FROM job WHERE id = ?", id);
    }

    public Optional<String> solution(String id) {
        return text("SELECT solution FROM job WHERE id = ?", id);
    }

    public List<ScorePoint> history(String id) {
        List<ScorePoint> points = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT elapsed_ms, score, feasible FROM score_history WHERE job_id = ? ORDER BY elapsed_ms")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    points.add(new ScorePoint(r.getLong(1), r.getString(2), r.getBoolean(3)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the history of job " + id, e);
        }
        return points;
    }

    public boolean delete(String id) {
        return update("DELETE FROM job WHERE id = ?", id) > 0;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private List<Job> query(String sql, Object... args) {
        List<Job> jobs = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(c, sql, args);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Object feasible = r.getObject("feasible");
                jobs.add(new Job(
                        r.getString("id"),
                        r.getString("name"),
                        r.getString("kind"),
                        JobStatus.valueOf(r.getString("status")),
                        r.getDouble("seconds"),
                        r.getLong("seed"),
                        r.getString("score"),
                        feasible == null ? null : (Boolean) feasible,
                        r.getString("error"),
                        r.getLong("elapsed_ms"),
                        r.getObject("created", OffsetDateTime.class),
                        r.getObject("updated", OffsetDateTime.class)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read jobs", e);
        }
        return jobs;
    }

    private Optional<String> text(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(c, sql, args);
                ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read a job", e);
        }
    }

    private long single(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(c, sql, args);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("cannot read jobs", e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            return execute(c, sql, args);
        } catch (SQLException e) {
            throw new StoreException("cannot write a job", e);
        }
    }

    private static int execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, args)) {
            return s.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof OffsetDateTime t) {
                s.setObject(i + 1, t);
            } else {
                s.setObject(i + 1, a);
            }
        }
        return s;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** A database failure; the service logs it and answers 500. */
    public static final class StoreException extends RuntimeException {
        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
