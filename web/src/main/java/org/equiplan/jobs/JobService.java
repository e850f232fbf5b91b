package org.equiplan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.problem.Json;
import org.equiplan.solve.Answer;
import org.equiplan.solve.Models;
import org.equiplan.solve.PlanningModel;
import org.equiplan.solve.Progress;
import org.equiplan.solve.SolveListener;
import org.equiplan.solve.SolveOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs solve jobs: a bounded number at once, the rest queued in submission order. Every job is in
 * the {@link JobStore} before it is accepted; its best answer is written as it improves (at most
 * every {@code flushMillis}), so a crash loses a few seconds of search, never the job. After a
 * restart, queued and solving jobs resume from their last stored best.
 */
public final class JobService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);

    /** Limits on what is accepted. */
    public record Limits(double maxSeconds, long maxCells, long maxRegions) {
        public static Limits defaults() {
            return new Limits(3600, 5_000_000, 100_000);
        }
    }

    private final JobStore store;
    private final Limits limits;
    private final long flushMillis;
    private final long eventMillis;
    private final ThreadPoolExecutor solvers;
    private final ScheduledExecutorService timer;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Set<JobEvents>> subscribers = new ConcurrentHashMap<>();

    public JobService(JobStore store, int concurrentSolves, Limits limits, long flushMillis, long eventMillis) {
        this.store = store;
        this.limits = limits;
        this.flushMillis = flushMillis;
        this.eventMillis = eventMillis;
        int threads = Math.max(1, concurrentSolves);
        // One FIFO queue in front of a fixed pool: jobs start in the order they were accepted.
        this.solvers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, "solver"));
        this.timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "job-timer"));
        timer.scheduleWithFixedDelay(this::flushAll, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
    }

    /** Default concurrency: all cores but one, at least one. */
    public static int defaultConcurrency() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, "equiplan-" + name);
        t.setDaemon(true);
        return t;
    }

    // --- submitting ---

    /** Validates and stores a problem, then queues it. Throws {@link InvalidProblemException} for bad input. */
    public Job submit(String body, Double seconds, Long seed) {
        double limit = seconds == null ? SolveOptions.DEFAULT_SECONDS : seconds;
        if (!(limit > 0) || limit > limits.maxSeconds()) {
            throw new InvalidProblemException("seconds", "must be > 0 and <= " + (long) limits.maxSeconds());
        }
        Models.Loaded<?, ?> loaded = Models.load(body);
        List<FieldError> errors = new ArrayList<>(loaded.validate());
        PlanningModel.Size size = loaded.size();
        long max = size.measure().equals("regions") ? limits.maxRegions() : limits.maxCells();
        if (size.value() > max) {
            errors.add(new FieldError("$", "problem too large: " + size.measure() + " = " + size.value()
                    + " exceeds the limit of " + max));
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        String id = UUID.randomUUID().toString();
        store.insert(id, loaded.name(), loaded.model().kind(), limit, seed == null ? 0 : seed, body);
        LOG.info("job {} QUEUED: {} ({} s)", id, loaded.summary(), limit);
        enqueue(id, loaded, new SolveOptions(limit, null, null, seed == null ? 0 : seed), null, 0);
        return store.find(id).orElseThrow();
    }

    /** Resumes jobs that were queued or solving when the service stopped. */
    public int recover() {
        int resumed = 0;
        for (Job job : store.active()) {
            try {
                Models.Loaded<?, ?> loaded = Models.load(store.problem(job.id()).orElseThrow());
                JsonNode warm = store.solution(job.id()).map(Json::readTree).orElse(null);
                double remaining = Math.max(1, job.seconds() - job.elapsedMillis() / 1000.0);
                store.setStatus(job.id(), JobStatus.QUEUED, null);
                LOG.info("job {} QUEUED again after a restart ({} s left, {})", job.id(), Math.round(remaining),
                        warm == null ? "from the start" : "from its last stored best");
                enqueue(job.id(), loaded, new SolveOptions(remaining, null, null, job.seed()), warm, job.elapsedMillis());
                resumed++;
            } catch (RuntimeException e) {
                LOG.error("job {} cannot be resumed", job.id(), e);
                store.setStatus(job.id(), JobStatus.FAILED, "could not be resumed after a restart: " + e.getMessage());
            }
        }
        return resumed;
    }

    private void enqueue(String id, Models.Loaded<?, ?> loaded, SolveOptions options, JsonNode warm, long elapsedBefore) {
        Running job = new Running(id, loaded, elapsedBefore);
        running.put(id, job);
        job.task = () -> run(job, options, warm);
        solvers.execute(job.task);
    }

    // --- solving ---

    private void run(Running job, SolveOptions options, JsonNode warm) {
        if (job.cancelled) {
            finish(job, job.deleted ? null : JobStatus.STOPPED, null, null);
            return;
        }
        store.setStatus(job.id, JobStatus.SOLVING, null);
        LOG.info("job {} SOLVING", job.id);
        try {
            Answer answer = job.loaded.solve(options, new SolveListener<Answer>() {
                @Override
                public void started(Runnable stop) {
                    job.stopper = stop;
                    if (job.cancelled) {
                        stop.run();
                    }
                }

                @Override
                public void improved(Progress progress, Supplier<? extends Answer> answer) {
                    job.improved(new ScorePoint(job.elapsedBefore + progress.elapsedMillis(), progress.score(),
                            progress.feasible()), answer);
                    publishBest(job);
                    // A stop that came before the solver was running would be reset when it starts: repeat it.
                    Runnable stopper = job.stopper;
                    if (job.cancelled && stopper != null) {
                        stopper.run();
                    }
                }
            }, warm);
            finish(job, job.cancelled ? JobStatus.STOPPED : JobStatus.COMPLETED, Json.write(answer), null);
        } catch (RuntimeException | Error e) {
            LOG.error("job {} FAILED", job.id, e);
            String reason = e instanceof InvalidProblemException ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            finish(job, JobStatus.FAILED, null, reason);
        }
    }

    /** Writes the final state (keeping the last best when there is no final answer) and tells subscribers. */
    private void finish(Running job, JobStatus status, String answer, String error) {
        try {
            if (status != null) {
                if (answer != null) {
                    flush(job, answer);
                } else {
                    flush(job);
                    synchronized (job.storeLock) {
                        job.finalWritten = true;
                    }
                }
                store.setStatus(job.id, status, error);
                LOG.info("job {} {}{}", job.id, status, error == null ? "" : ": " + error);
            }
        } catch (RuntimeException e) {
            LOG.error("job {}: cannot store its final state", job.id, e);
        } finally {
            running.remove(job.id);
            ScorePoint last = job.latest;
            sendBestNow(job);
            for (JobEvents s : subscribers.getOrDefault(job.id, Set.of())) {
                s.end(status == null ? JobStatus.STOPPED : status, last == null ? null : last.score());
            }
            subscribers.remove(job.id);
            job.done.countDown();
        }
    }

    private void flushAll() {
        for (Running job : running.values()) {
            try {
                flush(job);
            } catch (RuntimeException e) {
                LOG.error("job {}: cannot store its best solution", job.id, e);
            }
        }
    }

    /**
     * Stores the latest best if it changed since the last write. One write per job at a time, and none
     * after the final one: a periodic flush that drained the history and is still building its report
     * must finish before the final answer is written, or the final answer could be overwritten by an
     * older best and the job be seen finished without its history.
     */
    private void flush(Running job) {
        synchronized (job.storeLock) {
            if (job.finalWritten) {
                return;
            }
            Supplier<Answer> supplier;
            ScorePoint best;
            List<ScorePoint> points;
            synchronized (job) {
                if (!job.dirty) {
                    return;
                }
                supplier = job.latestAnswer;
                best = job.latest;
                points = job.drainUnsaved();
                job.dirty = false;
            }
            store.saveBest(job.id, Json.write(supplier.get()), best, points);
        }
    }

    private void flush(Running job, String finalAnswer) {
        synchronized (job.storeLock) {
            ScorePoint best;
            List<ScorePoint> points;
            synchronized (job) {
                best = job.latest;
                points = job.drainUnsaved();
                job.dirty = false;
            }
            if (best == null) {
                best = new ScorePoint(job.elapsedBefore, Json.readTree(finalAnswer).path("score").asText(), false);
            }
            store.saveBest(job.id, finalAnswer, best, points);
            job.finalWritten = true;
        }
    }

    // --- events ---

    /** Subscribes to a job's events; returns false (and sends nothing) when the job is not running. */
    public boolean subscribe(String id, JobEvents listener) {
        subscribers.computeIfAbsent(id, k -> new CopyOnWriteArraySet<>()).add(listener);
        if (!running.containsKey(id)) {
            subscribers.getOrDefault(id, Set.of()).remove(listener);
            return false;
        }
        return true;
    }

    public void unsubscribe(String id, JobEvents listener) {
        Set<JobEvents> set = subscribers.get(id);
        if (set != null) {
            set.remove(listener);
        }
    }

    /** Sends a new best at most every {@code eventMillis}; a held-back best goes out when the interval ends. */
    private void publishBest(Running job) {
        long now = System.currentTimeMillis();
        synchronized (job) {
            if (now - job.lastEventSent >= eventMillis) {
                job.lastEventSent = now;
                job.eventPending = false;
            } else {
                if (!job.eventPending) {
                    job.eventPending = true;
                    timer.schedule(() -> sendBestNow(job), eventMillis - (now - job.lastEventSent), TimeUnit.MILLISECONDS);
                }
                return;
            }
        }
        send(job, job.latest);
    }

    private void sendBestNow(Running job) {
        ScorePoint point;
        synchronized (job) {
            if (!job.eventPending) {
                return;
            }
            job.eventPending = false;
            job.lastEventSent = System.currentTimeMillis();
            point = job.latest;
        }
        send(job, point);
    }

    private void send(Running job, ScorePoint point) {
        if (point == null) {
            return;
        }
        for (JobEvents s : subscribers.getOrDefault(job.id, Set.of())) {
            try {
                s.best(point);
            } catch (RuntimeException e) {
                LOG.debug("job {}: dropping a subscriber that failed", job.id, e);
                unsubscribe(job.id, s);
            }
        }
    }

    // --- reading ---

    public Optional<Job> find(String id) {
        return store.find(id);
    }

    public List<Job> list(int offset, int limit) {
        return store.list(offset, limit);
    }

    public long count() {
        return store.count();
    }

    public Optional<String> problem(String id) {
        return store.problem(id);
    }

    /** The best answer so far: the live one while solving (fresher than the stored one), else the stored one. */
    public Optional<String> solution(String id) {
        Running job = running.get(id);
        if (job != null) {
            Supplier<Answer> supplier = job.latestAnswer;
            if (supplier != null) {
                return Optional.of(Json.write(supplier.get()));
            }
        }
        return store.solution(id);
    }

    public List<ScorePoint> history(String id) {
        List<ScorePoint> points = new ArrayList<>(store.history(id));
        Running job = running.get(id);
        if (job != null) {
            synchronized (job) {
                points.addAll(job.unsaved);
            }
        }
        return points;
    }

    /** The live best score of a running job (fresher than the stored one), if any. */
    public Optional<ScorePoint> liveBest(String id) {
        Running job = running.get(id);
        return job == null ? Optional.empty() : Optional.ofNullable(job.latest);
    }

    /** Explains the job's best answer; empty when there is none yet. */
    public Optional<Record> analysis(String id) {
        Optional<String> answer = solution(id);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        Models.Loaded<?, ?> loaded = Models.load(store.problem(id).orElseThrow());
        return Optional.of(loaded.analyze(Json.readTree(answer.get())));
    }

    // --- stopping ---

    /** Stops a queued or solving job, keeping its best; returns once it has stopped. */
    public void stop(String id) throws InterruptedException {
        Running job = running.get(id);
        if (job == null) {
            return;
        }
        job.cancelled = true;
        Runnable stopper = job.stopper;
        if (stopper != null) {
            stopper.run();
        }
        if (solvers.remove(job.task)) {
            // Still queued: it will never start, so end it here.
            finish(job, job.deleted ? null : JobStatus.STOPPED, null, null);
        }
        job.done.await();
    }

    /** Stops a job if it runs, then removes it with its history. Returns false for an unknown id. */
    public boolean delete(String id) throws InterruptedException {
        Running job = running.get(id);
        if (job != null) {
            job.deleted = true;
            stop(id);
        }
        boolean deleted = store.delete(id);
        if (deleted) {
            LOG.info("job {} DELETED", id);
        }
        return deleted;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        solvers.shutdownNow();
        for (Running job : running.values()) {
            job.cancelled = true;
            Runnable stopper = job.stopper;
            if (stopper != null) {
                stopper.run();
            }
        }
        try {
            solvers.awaitTermination(30, TimeUnit.SECONDS);
            // A flush still writing must end before the store closes.
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A job in memory while queued or solving. */
    private static final class Running {
        final String id;
        final Models.Loaded<?, ?> loaded;
        final long elapsedBefore;
        final CountDownLatch done = new CountDownLatch(1);
        final List<ScorePoint> unsaved = new ArrayList<>();
        volatile Runnable task;
        volatile Runnable stopper;
        volatile boolean cancelled;
        volatile boolean deleted;
        volatile ScorePoint latest;
        volatile Supplier<Answer> latestAnswer;
        boolean dirty;
        /** Held for the whole of each write of this job's best (see flush). */
        final Object storeLock = new Object();
        /** Set once the final answer is stored: later periodic flushes write nothing. */
        boolean finalWritten;
        boolean eventPending;
        long lastEventSent;

        Running(String id, Models.Loaded<?, ?> loaded, long elapsedBefore) {
            this.id = id;
            this.loaded = loaded;
            this.elapsedBefore = elapsedBefore;
        }

        synchronized void improved(ScorePoint point, Supplier<? extends Answer> answer) {
            Answer[] cache = new Answer[1];
            // The report is built at most once per best, whoever asks first (flusher, GET solution).
            latestAnswer = () -> {
                synchronized (cache) {
                    if (cache[0] == null) {
                        cache[0] = answer.get();
                    }
                    return cache[0];
                }
            };
            latest = point;
            unsaved.add(point);
            dirty = true;
        }

        synchronized List<ScorePoint> drainUnsaved() {
            List<ScorePoint> out = new ArrayList<>(unsaved);
            unsaved.clear();
            return out;
        }
    }
}
