package org.equiplan.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Jobs in the {@link Database}: what was submitted, its state, best answer and history. Every write is its own
 * transaction, so a crash loses at most the write in flight. A worker's writes name the attempt it claimed
 * ({@link #claim}) and change nothing once another worker has claimed the job or the job was deleted: they
 * return false, and the worker stops.
 */
public final class JobStore {

    /** What a worker gets when it claims a job: the attempt that fences its writes, and where the job stands. */
    public record Claim(int attempt, int lost, boolean stopRequested, long solvedMillis, double seconds, long seed) {
        public long remainingMillis() {
            return Math.round(seconds * 1000) - solvedMillis;
        }
    }

    /** A final state: its status, the reason for a failure, and the answer when there is a new one. */
    record Final(JobStatus status, String error, String solution, ScorePoint best, List<ScorePoint> points) {}

    private final DataSource dataSource;

    public JobStore(Database database) {
        this.dataSource = database.dataSource();
    }

    /** Where a job comes from, besides a plain submission: a parent and its patch, or a sweep and its point. */
    public record Origin(String parent, String patch, String sweep, Integer sweepPoint) {
        public static final Origin NONE = new Origin(null, null, null, null);

        public static Origin scenario(String parent, String patch) {
            return new Origin(parent, patch, null, null);
        }

        public static Origin sweep(String sweep, int point) {
            return new Origin(null, null, sweep, point);
        }
    }

    public void insert(
            String id, String workspace, String name, String kind, double seconds, long seed, String problem) {
        insert(id, workspace, name, kind, seconds, seed, problem, Origin.NONE);
    }

    public void insert(
            String id,
            String workspace,
            String name,
            String kind,
            double seconds,
            long seed,
            String problem,
            Origin origin) {
        OffsetDateTime now = now();
        update(
                "INSERT INTO job (id, workspace, name, kind, status, seconds, seed, problem, parent, patch, sweep,"
                        + " sweep_point, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                workspace,
                truncate(name, 500),
                kind,
                JobStatus.QUEUED.name(),
                seconds,
                seed,
                problem,
                origin.parent(),
                origin.patch(),
                origin.sweep(),
                origin.sweepPoint(),
                now,
                now);
    }

    // --- a worker's writes, fenced by its attempt ---

    /**
     * Takes a queued or solving job for {@code worker}: raises its attempt, and counts a loss when it was still
     * SOLVING (its last worker died without handing it back). Empty when the job is gone or already ended.
     */
    Optional<Claim> claim(String id, String worker) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int changed = execute(
                        c,
                        "UPDATE job SET attempt = attempt + 1,"
                                + " lost = lost + CASE WHEN status = 'SOLVING' THEN 1 ELSE 0 END,"
                                + " status = 'SOLVING', worker = ?, updated = ?"
                                + " WHERE id = ? AND status IN ('QUEUED', 'SOLVING')",
                        truncate(worker, 200),
                        now(),
                        id);
                Optional<Claim> claim = Optional.empty();
                if (changed == 1) {
                    try (PreparedStatement s = prepare(
                                    c,
                                    "SELECT attempt, lost, stop_requested, solved_ms, seconds, seed FROM job WHERE id = ?",
                                    id);
                            ResultSet r = s.executeQuery()) {
                        r.next();
                        claim = Optional.of(new Claim(
                                r.getInt(1), r.getInt(2), r.getBoolean(3), r.getLong(4), r.getDouble(5), r.getLong(6)));
                    }
                }
                c.commit();
                return claim;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot claim job " + id, e);
        }
    }

    /** Stores a best answer, its score, the new history points and the time charged, in one transaction. */
    boolean saveBest(
            String id, int attempt, String solution, ScorePoint best, List<ScorePoint> points, long solvedMillis) {
        return inTransaction(id, c -> {
            if (!fenced(c, id, attempt, solvedMillis)) {
                return false;
            }
            writeBest(c, id, solution, best, points);
            return true;
        });
    }

    /** Charges the time spent so far; false when the job is no longer this attempt's. */
    boolean charge(String id, int attempt, long solvedMillis) {
        return inTransaction(id, c -> fenced(c, id, attempt, solvedMillis));
    }

    /** Writes a final state with the last answer and history, in one transaction; false when fenced out. */
    boolean finish(String id, int attempt, long solvedMillis, Final end) {
        return inTransaction(id, c -> {
            if (!fenced(c, id, attempt, solvedMillis)) {
                return false;
            }
            writeBest(c, id, end.solution(), end.best(), end.points());
            execute(
                    c,
                    "UPDATE job SET status = ?, error = ?, worker = NULL, stop_requested = FALSE, updated = ? WHERE id = ?",
                    end.status().name(),
                    truncate(end.error(), 4000),
                    now(),
                    id);
            return true;
        });
    }

    /** Hands a job back to the queue (its worker shuts down), keeping its best and the time it used. */
    boolean requeue(String id, int attempt, long solvedMillis, Final last) {
        return inTransaction(id, c -> {
            if (!fenced(c, id, attempt, solvedMillis)) {
                return false;
            }
            writeBest(c, id, last.solution(), last.best(), last.points());
            execute(c, "UPDATE job SET status = 'QUEUED', worker = NULL, updated = ? WHERE id = ?", now(), id);
            return true;
        });
    }

    /** Ends a queued job that no worker will take (its queue entry was removed), keeping its best. */
    boolean endQueued(String id, JobStatus status) {
        return update(
                        "UPDATE job SET status = ?, worker = NULL, stop_requested = FALSE, updated = ?"
                                + " WHERE id = ? AND status = 'QUEUED'",
                        status.name(),
                        now(),
                        id)
                > 0;
    }

    /** Asks whoever solves the job to stop it; false when the job is not active. */
    boolean requestStop(String id) {
        return update(
                        "UPDATE job SET stop_requested = TRUE, updated = ? WHERE id = ? AND status IN ('QUEUED', 'SOLVING')",
                        now(),
                        id)
                > 0;
    }

    /** Of these jobs, those someone asked to stop. */
    Set<String> stopRequested(Collection<String> ids) {
        Set<String> out = new HashSet<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(
                        c,
                        "SELECT id FROM job WHERE stop_requested AND id IN (" + placeholders(ids.size()) + ")",
                        ids.toArray());
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read stop requests", e);
        }
        return out;
    }

    /** Active jobs that have no entry in the queue (the scheduling after their insert failed, or they predate it). */
    List<String> activeWithoutQueueEntry(String taskName) {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(
                        c,
                        "SELECT id FROM job j WHERE status IN ('QUEUED', 'SOLVING') AND NOT EXISTS"
                                + " (SELECT 1 FROM scheduled_tasks t WHERE t.task_name = ? AND t.task_instance = j.id)"
                                + " ORDER BY seq",
                        taskName);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the active jobs", e);
        }
        return ids;
    }

    // --- reading ---

    public Optional<Job> find(String id) {
        List<Job> jobs = query("SELECT " + COLUMNS + " FROM job WHERE id = ?", id);
        return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(0));
    }

    /** Several jobs at once (the event follower's poll). */
    List<Job> findAll(Collection<String> ids) {
        return ids.isEmpty()
                ? List.of()
                : query(
                        "SELECT " + COLUMNS + " FROM job WHERE id IN (" + placeholders(ids.size()) + ")",
                        ids.toArray());
    }

    /** Newest first; only the given workspace's jobs, or every job when it is null. */
    public List<Job> list(String workspace, int offset, int limit) {
        return workspace == null
                ? query("SELECT " + COLUMNS + " FROM job ORDER BY seq DESC LIMIT ? OFFSET ?", limit, offset)
                : query(
                        "SELECT " + COLUMNS + " FROM job WHERE workspace = ? ORDER BY seq DESC LIMIT ? OFFSET ?",
                        workspace,
                        limit,
                        offset);
    }

    /** How many jobs the workspace has (every job when it is null). */
    public long count(String workspace) {
        return workspace == null
                ? single("SELECT COUNT(*) FROM job")
                : single("SELECT COUNT(*) FROM job WHERE workspace = ?", workspace);
    }

    /** How many of the workspace's jobs wait in the queue. */
    long queued(String workspace) {
        return single("SELECT COUNT(*) FROM job WHERE workspace = ? AND status = 'QUEUED'", workspace);
    }

    public Optional<String> problem(String id) {
        return text("SELECT problem FROM job WHERE id = ?", id);
    }

    public Optional<String> solution(String id) {
        return text("SELECT solution FROM job WHERE id = ?", id);
    }

    /** The merge patch a scenario was made with. */
    public Optional<String> patch(String id) {
        return text("SELECT patch FROM job WHERE id = ?", id);
    }

    /**
     * Where a solve of this job starts: its own last stored best, else (a scenario not yet solved) its parent's
     * best when the parent is of the same kind.
     */
    Optional<String> warmStart(String id) {
        Optional<String> own = solution(id);
        if (own.isPresent()) {
            return own;
        }
        return text(
                "SELECT p.solution FROM job j JOIN job p ON p.id = j.parent AND p.kind = j.kind WHERE j.id = ?", id);
    }

    /** The jobs of a sweep, by point. */
    public List<Job> ofSweep(String sweep) {
        return query("SELECT " + COLUMNS + " FROM job WHERE sweep = ? ORDER BY sweep_point", sweep);
    }

    public List<ScorePoint> history(String id) {
        List<ScorePoint> points = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(
                        c,
                        "SELECT elapsed_ms, score, feasible FROM score_history WHERE job_id = ? ORDER BY elapsed_ms",
                        id);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                points.add(new ScorePoint(r.getLong(1), r.getString(2), r.getBoolean(3)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the history of job " + id, e);
        }
        return points;
    }

    public boolean delete(String id) {
        return update("DELETE FROM job WHERE id = ?", id) > 0;
    }

    // --- helpers ---

    /** Charges time if the job is still this attempt's (and active); the row stays locked until commit. */
    private static boolean fenced(Connection c, String id, int attempt, long solvedMillis) throws SQLException {
        return execute(
                        c,
                        "UPDATE job SET solved_ms = ?, updated = ? WHERE id = ? AND attempt = ? AND status = 'SOLVING'",
                        solvedMillis,
                        now(),
                        id,
                        attempt)
                == 1;
    }

    private static void writeBest(Connection c, String id, String solution, ScorePoint best, List<ScorePoint> points)
            throws SQLException {
        if (solution != null && best != null) {
            execute(
                    c,
                    "UPDATE job SET solution = ?, score = ?, feasible = ?, elapsed_ms = ? WHERE id = ?",
                    solution,
                    best.score(),
                    best.feasible(),
                    best.elapsedMillis(),
                    id);
        }
        for (ScorePoint p : points) {
            execute(
                    c,
                    "INSERT INTO score_history (job_id, elapsed_ms, score, feasible) VALUES (?, ?, ?, ?)",
                    id,
                    p.elapsedMillis(),
                    p.score(),
                    p.feasible());
        }
    }

    private interface Work {
        boolean run(Connection c) throws SQLException;
    }

    private boolean inTransaction(String id, Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean done = work.run(c);
                if (done) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return done;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write job " + id, e);
        }
    }

    /** Every column of a job but its large texts (problem, solution, patch), which lists never need. */
    private static final String COLUMNS = "id, name, kind, status, seconds, seed, score, feasible, error, elapsed_ms,"
            + " solved_ms, worker, workspace, parent, sweep, sweep_point, created, updated";

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
                        r.getLong("solved_ms"),
                        r.getString("worker"),
                        r.getString("workspace"),
                        r.getString("parent"),
                        r.getString("sweep"),
                        (Integer) r.getObject("sweep_point", Integer.class),
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
            s.setObject(i + 1, args[i]);
        }
        return s;
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** A database failure; the service logs it and answers 500. */
    public static final class StoreException extends RuntimeException {
        public StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
