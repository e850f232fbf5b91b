package org.equiplan.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.problem.Json;
import org.equiplan.solve.Answer;
import org.equiplan.solve.Models;
import org.equiplan.solve.SolveOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solve jobs as the HTTP service sees them. The parts: {@link Admission} (what a job must pass), the
 * {@link JobStore} (jobs, answers and history, in the {@link Database}), the {@link JobQueue} (db-scheduler's
 * queue in the same database), a {@link Worker} when this process solves jobs too, and the {@link EventHub}
 * fed by the worker for jobs solved here and by a {@link StoreFollower} for jobs solved on other workers.
 * Every process on one database sees every job; any of them can stop or delete any job.
 */
public final class JobService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
    /** How often a worker looks for active jobs without a queue entry (see {@link #requeueStranded}). */
    private static final long STRANDED_CHECK_MILLIS = 30_000;

    /** Limits on what is accepted; {@code maxQueued} is per workspace. */
    public record Limits(double maxSeconds, long maxCells, long maxRegions, int maxQueued) {
        public static Limits defaults() {
            return new Limits(3600, 5_000_000, 100_000, 200);
        }
    }

    /** A workspace has as many queued jobs as it may: 429, try again later. */
    public static final class QuotaExceeded extends RuntimeException {
        QuotaExceeded(String message) {
            super(message);
        }
    }

    /**
     * How this process takes part.
     *
     * @param slots jobs this process solves at once (ignored for {@link Role#API})
     * @param flushMillis how often a worker stores each job's new best and charges its time
     * @param eventMillis the least time between two best events of a job
     * @param pollInterval how often a worker looks for queued jobs (a job queued on this process starts at once)
     * @param deadAfter how long a worker may miss its heartbeats before its jobs are taken over
     * @param maxLost how many times a job may lose its worker before it fails instead of resuming
     */
    public record Config(
            Role role,
            int slots,
            Limits limits,
            long flushMillis,
            long eventMillis,
            Duration pollInterval,
            Duration deadAfter,
            int maxLost,
            String workerName) {

        public static Config defaults() {
            return new Config(
                    Role.ALL,
                    defaultConcurrency(),
                    Limits.defaults(),
                    1000,
                    250,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(30),
                    3,
                    defaultWorkerName());
        }

        public Config with(int slots, Limits limits, long flushMillis, long eventMillis) {
            return new Config(
                    role, slots, limits, flushMillis, eventMillis, pollInterval, deadAfter, maxLost, workerName);
        }
    }

    private final JobStore store;
    private final Admission admission;
    private final Limits limits;
    private final JobQueue queue;
    private final Worker worker;
    private final EventHub events;
    private final ScheduledExecutorService timer;

    public JobService(Database database, Config config) {
        this.store = new JobStore(database);
        this.admission = new Admission(config.limits());
        this.limits = config.limits();
        this.timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "equiplan-jobs-timer");
            t.setDaemon(true);
            return t;
        });
        this.events = new EventHub(timer, config.eventMillis());
        if (config.role().solves()) {
            worker = new Worker(store, events, config.workerName(), config.maxLost());
            queue = JobQueue.worker(
                    database,
                    worker,
                    new JobQueue.Settings(
                            Math.max(1, config.slots()),
                            config.pollInterval(),
                            config.deadAfter(),
                            Duration.ofSeconds(60)));
            timer.scheduleWithFixedDelay(
                    worker::tick, config.flushMillis(), config.flushMillis(), TimeUnit.MILLISECONDS);
            timer.scheduleWithFixedDelay(this::requeueStranded, 0, STRANDED_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            worker = null;
            queue = JobQueue.client(database);
        }
        if (config.role().serves()) {
            long followMillis = Math.max(config.eventMillis(), 200);
            timer.scheduleWithFixedDelay(
                    new StoreFollower(store, events, this::solvedHere),
                    followMillis,
                    followMillis,
                    TimeUnit.MILLISECONDS);
        }
        queue.start();
        LOG.info(
                "jobs: role {}{}",
                config.role().name().toLowerCase(java.util.Locale.ROOT),
                worker == null
                        ? ""
                        : ", worker " + worker.name() + " with " + Math.max(1, config.slots()) + " slot(s)");
    }

    /** Default concurrency: all cores but one, at least one. */
    public static int defaultConcurrency() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** host-pid: unique among the processes of a cluster, and says where to look. */
    public static String defaultWorkerName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private boolean solvedHere(String id) {
        return worker != null && worker.solves(id);
    }

    // --- submitting ---

    /** One problem to store and queue, with its time limit, seed and origin (scenario, sweep point). */
    public record Submission(String body, double seconds, long seed, JobStore.Origin origin) {}

    /**
     * Validates and stores a problem in a workspace, then queues it. Throws {@link InvalidProblemException} for bad
     * input and {@link QuotaExceeded} when the workspace has its maximum of queued jobs.
     */
    public Job submit(String workspace, String body, Double seconds, Long seed) {
        return submitAll(
                        workspace,
                        List.of(new Submission(
                                body,
                                seconds == null ? SolveOptions.DEFAULT_SECONDS : seconds,
                                seed == null ? 0 : seed,
                                JobStore.Origin.NONE)))
                .get(0);
    }

    /**
     * A scenario: the parent's problem changed by a JSON Merge Patch, solved as a new job that starts from the
     * parent's best answer where it still fits.
     */
    public Job scenario(String workspace, Job parent, String patch, Double seconds, Long seed) {
        String body =
                org.equiplan.scenarios.Patches.merge(store.problem(parent.id()).orElseThrow(), patch);
        return submitAll(
                        workspace,
                        List.of(new Submission(
                                body,
                                seconds == null ? parent.seconds() : seconds,
                                seed == null ? parent.seed() : seed,
                                JobStore.Origin.scenario(parent.id(), patch))))
                .get(0);
    }

    /**
     * Validates every problem first, then stores and queues them all: several jobs (a sweep) are accepted whole
     * or not at all. The errors of the i-th problem of several are prefixed {@code [i]}.
     */
    public List<Job> submitAll(String workspace, List<Submission> submissions) {
        List<Models.Loaded<?, ?>> loaded = new ArrayList<>();
        for (int i = 0; i < submissions.size(); i++) {
            Submission s = submissions.get(i);
            try {
                admission.checkSeconds(s.seconds());
                loaded.add(admission.admit(s.body()));
            } catch (InvalidProblemException e) {
                if (submissions.size() == 1) {
                    throw e;
                }
                String at = "[" + i + "]";
                throw new InvalidProblemException(e.errors().stream()
                        .map(f -> new org.equiplan.problem.FieldError(
                                at + (f.field().startsWith("$") ? f.field().substring(1) : "." + f.field()),
                                f.message()))
                        .toList());
            }
        }
        long queued = store.queued(workspace);
        if (queued + submissions.size() > limits.maxQueued()) {
            throw new QuotaExceeded("workspace '" + workspace + "' has " + queued + " queued jobs; "
                    + submissions.size() + " more would pass the most it may have (" + limits.maxQueued()
                    + "); submit again when some have started");
        }
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < submissions.size(); i++) {
            Submission s = submissions.get(i);
            Models.Loaded<?, ?> l = loaded.get(i);
            String id = UUID.randomUUID().toString();
            store.insert(id, workspace, l.name(), l.model().kind(), s.seconds(), s.seed(), s.body(), s.origin());
            try {
                queue.add(id);
            } catch (RuntimeException e) {
                // The job is stored: a worker's check for stranded jobs queues it.
                LOG.error("job {}: stored but not yet queued; a worker will queue it", id, e);
            }
            LOG.info("job {} QUEUED: {} ({} s)", id, l.summary(), s.seconds());
            jobs.add(store.find(id).orElseThrow());
        }
        return jobs;
    }

    /** The merge patch a scenario was made with. */
    public Optional<String> patch(String id) {
        return store.patch(id);
    }

    /** The jobs of a sweep, by point. */
    public List<Job> ofSweep(String sweep) {
        return store.ofSweep(sweep);
    }

    /**
     * Queues active jobs that have no queue entry: one whose queueing failed after it was stored, or one from
     * before the queue existed. So no job is stranded, whatever failed between its two writes.
     */
    private void requeueStranded() {
        try {
            for (String id : store.activeWithoutQueueEntry(JobQueue.TASK)) {
                queue.add(id);
                LOG.info("job {} QUEUED: it was active without a queue entry", id);
            }
        } catch (RuntimeException e) {
            LOG.error("cannot check for stranded jobs; trying again later", e);
        }
    }

    // --- events ---

    /** Subscribes to a job's events; returns false (and sends nothing) when the job is not active. */
    public boolean subscribe(String id, JobEvents listener) {
        events.subscribe(id, listener);
        if (solvedHere(id)) {
            return true;
        }
        Optional<Job> job = store.find(id);
        if (job.isEmpty() || !job.get().status().active()) {
            events.unsubscribe(id, listener);
            return false;
        }
        return true;
    }

    public void unsubscribe(String id, JobEvents listener) {
        events.unsubscribe(id, listener);
    }

    // --- reading ---

    public Optional<Job> find(String id) {
        return store.find(id);
    }

    /** Newest first, of one workspace (or of all when it is null). */
    public List<Job> list(String workspace, int offset, int limit) {
        return store.list(workspace, offset, limit);
    }

    public long count(String workspace) {
        return store.count(workspace);
    }

    public Optional<String> problem(String id) {
        return store.problem(id);
    }

    /** The best answer so far: the live one when solved here (fresher than the stored one), else the stored one. */
    public Optional<String> solution(String id) {
        Optional<RunningJob> job = running(id);
        if (job.isPresent()) {
            Supplier<Answer> supplier = job.get().latestAnswer;
            if (supplier != null) {
                return Optional.of(Json.write(supplier.get()));
            }
        }
        return store.solution(id);
    }

    public List<ScorePoint> history(String id) {
        List<ScorePoint> points = new ArrayList<>(store.history(id));
        running(id).ifPresent(job -> {
            synchronized (job) {
                points.addAll(job.unsaved);
            }
        });
        return points;
    }

    /** The live best score of a job solved here (fresher than the stored one), if any. */
    public Optional<ScorePoint> liveBest(String id) {
        return running(id).map(job -> job.latest);
    }

    private Optional<RunningJob> running(String id) {
        return worker == null ? Optional.empty() : worker.running(id);
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

    /**
     * Stops a queued or solving job, wherever it runs, keeping its best; returns once it has ended, or after
     * {@code wait} if its worker has not answered by then (a worker checks for stop requests at every write).
     */
    public void stop(String id, Duration wait) throws InterruptedException {
        if (!store.requestStop(id)) {
            return;
        }
        Optional<RunningJob> here = running(id);
        if (here.isPresent() && worker.stop(id)) {
            here.get().done.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } else if (queue.cancel(id) && store.endQueued(id, JobStatus.STOPPED)) {
            // No worker had it: it ends here.
            LOG.info("job {} STOPPED while queued", id);
            events.end(id, JobStatus.STOPPED, store.find(id).map(Job::score).orElse(null));
            return;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Job> job = store.find(id);
            if (job.isEmpty() || !job.get().status().active()) {
                return;
            }
            Thread.sleep(50);
        }
        LOG.warn("job {}: asked to stop, but its worker has not ended it after {} s", id, wait.toSeconds());
    }

    /** Stops a job if it is active, then removes it with its history. Returns false for an unknown id. */
    public boolean delete(String id) throws InterruptedException {
        stop(id, Duration.ofSeconds(30));
        boolean deleted = store.delete(id);
        if (deleted) {
            LOG.info("job {} DELETED", id);
            events.end(id, JobStatus.STOPPED, null);
        }
        return deleted;
    }

    /**
     * Shuts down cleanly: the jobs solved here go back to the queue with their bests and the time they used
     * (another worker, or this one after a restart, resumes them), and every write ends before this returns.
     */
    @Override
    public void close() {
        if (worker != null) {
            worker.drain();
        }
        queue.close();
        timer.shutdown();
        try {
            if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the job timer did not end within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
