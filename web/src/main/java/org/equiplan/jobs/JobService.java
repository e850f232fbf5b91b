package org.equiplan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.problem.Json;
import org.equiplan.solve.Answer;
import org.equiplan.solve.Models;
import org.equiplan.solve.Progress;
import org.equiplan.solve.SolveListener;
import org.equiplan.solve.SolveOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs solve jobs: a bounded number at once, the rest queued in submission order. The parts: {@link Admission}
 * (what a job must pass), the queue and solver pool (here), {@link BestAnswerWriter} (each best into the
 * {@link JobStore}, at most every {@code flushMillis}, so a crash loses a few seconds of search, never the
 * job), {@link EventHub} (bests and ends to subscribers) and {@link Recovery} (after a restart, queued and
 * solving jobs resume from their last stored best).
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
    private final Admission admission;
    private final BestAnswerWriter writer;
    private final EventHub events;
    private final ThreadPoolExecutor solvers;
    private final ScheduledExecutorService timer;
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();

    public JobService(JobStore store, int concurrentSolves, Limits limits, long flushMillis, long eventMillis) {
        this.store = store;
        this.admission = new Admission(limits);
        this.writer = new BestAnswerWriter(store);
        int threads = Math.max(1, concurrentSolves);
        // One FIFO queue in front of a fixed pool: jobs start in the order they were accepted.
        this.solvers = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> daemon(r, "solver"));
        this.timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "job-timer"));
        this.events = new EventHub(timer, eventMillis, running::containsKey);
        timer.scheduleWithFixedDelay(
                () -> writer.writeAll(running.values()), flushMillis, flushMillis, TimeUnit.MILLISECONDS);
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
        admission.checkSeconds(limit);
        Models.Loaded<?, ?> loaded = admission.admit(body);
        String id = UUID.randomUUID().toString();
        store.insert(id, loaded.name(), loaded.model().kind(), limit, seed == null ? 0 : seed, body);
        LOG.info("job {} QUEUED: {} ({} s)", id, loaded.summary(), limit);
        enqueue(id, loaded, new SolveOptions(limit, null, null, seed == null ? 0 : seed), null, 0);
        return store.find(id).orElseThrow();
    }

    /** Resumes jobs that were queued or solving when the service stopped. */
    public int recover() {
        return Recovery.resume(store, this::enqueue);
    }

    private void enqueue(
            String id, Models.Loaded<?, ?> loaded, SolveOptions options, JsonNode warm, long elapsedBefore) {
        RunningJob job = new RunningJob(id, loaded, elapsedBefore);
        running.put(id, job);
        job.task = () -> run(job, options, warm);
        solvers.execute(job.task);
    }

    // --- solving ---

    private void run(RunningJob job, SolveOptions options, JsonNode warm) {
        if (job.cancelled) {
            finish(job, job.deleted ? null : JobStatus.STOPPED, null, null);
            return;
        }
        store.setStatus(job.id, JobStatus.SOLVING, null);
        LOG.info("job {} SOLVING", job.id);
        try {
            Answer answer = job.loaded.solve(
                    options,
                    new SolveListener<Answer>() {
                        @Override
                        public void started(Runnable stop) {
                            job.stopper = stop;
                            if (job.cancelled) {
                                stop.run();
                            }
                        }

                        @Override
                        public void improved(Progress progress, Supplier<? extends Answer> answer) {
                            job.improved(
                                    new ScorePoint(
                                            job.elapsedBefore + progress.elapsedMillis(),
                                            progress.score(),
                                            progress.feasible()),
                                    answer);
                            events.best(job);
                            // A stop that came before the solver was running would be reset when it starts: repeat it.
                            Runnable stopper = job.stopper;
                            if (job.cancelled && stopper != null) {
                                stopper.run();
                            }
                        }
                    },
                    warm);
            finish(job, job.cancelled ? JobStatus.STOPPED : JobStatus.COMPLETED, Json.write(answer), null);
        } catch (RuntimeException | Error e) {
            LOG.error("job {} FAILED", job.id, e);
            String reason = e instanceof InvalidProblemException
                    ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            finish(job, JobStatus.FAILED, null, reason);
        }
    }

    /** Writes the final state (keeping the last best when there is no final answer) and tells subscribers. */
    private void finish(RunningJob job, JobStatus status, String answer, String error) {
        try {
            if (status != null) {
                if (answer != null) {
                    writer.writeFinal(job, answer);
                } else {
                    writer.writeLast(job);
                }
                store.setStatus(job.id, status, error);
                LOG.info("job {} {}{}", job.id, status, error == null ? "" : ": " + error);
            }
        } catch (RuntimeException e) {
            LOG.error("job {}: cannot store its final state", job.id, e);
        } finally {
            running.remove(job.id);
            events.end(job, status == null ? JobStatus.STOPPED : status);
            job.done.countDown();
        }
    }

    // --- events ---

    /** Subscribes to a job's events; returns false (and sends nothing) when the job is not running. */
    public boolean subscribe(String id, JobEvents listener) {
        return events.subscribe(id, listener);
    }

    public void unsubscribe(String id, JobEvents listener) {
        events.unsubscribe(id, listener);
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
        RunningJob job = running.get(id);
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
        RunningJob job = running.get(id);
        if (job != null) {
            synchronized (job) {
                points.addAll(job.unsaved);
            }
        }
        return points;
    }

    /** The live best score of a running job (fresher than the stored one), if any. */
    public Optional<ScorePoint> liveBest(String id) {
        RunningJob job = running.get(id);
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
        RunningJob job = running.get(id);
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
        RunningJob job = running.get(id);
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
        for (RunningJob job : running.values()) {
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
}
