package org.equiplan.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.DbSchedulerException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue of jobs to solve, kept by db-scheduler in the same database as the jobs: one execution per active
 * job (task {@value #TASK}, instance = job id). Workers poll it and pick one execution per free slot; the pick
 * is held, with heartbeats, until the job ends, and only then removed. When a worker stops heartbeating (killed,
 * machine lost), another one finds its executions dead after {@code deadAfter} and revives them; the job then
 * resumes from its last stored best. An API-only node only adds and cancels executions.
 */
final class JobQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);

    static final String TASK = "solve-job";
    /** db-scheduler considers an execution dead after this many missed heartbeats. */
    private static final int MISSED_HEARTBEATS = 4;
    /** After a failure of the store itself (not of the solve: that ends the job FAILED), try again after this. */
    private static final Duration RETRY_AFTER_STORE_FAILURE = Duration.ofSeconds(10);

    /** How a worker polls and how fast a dead worker's jobs are taken over. */
    record Settings(int slots, Duration pollInterval, Duration deadAfter, Duration shutdownWait) {}

    private final SchedulerClient client;
    private final Scheduler scheduler;

    private JobQueue(SchedulerClient client, Scheduler scheduler) {
        this.client = client;
        this.scheduler = scheduler;
    }

    /** A queue this process only adds to and cancels from (an API node). */
    static JobQueue client(Database database) {
        return new JobQueue(
                SchedulerClient.Builder.create(database.dataSource()).build(), null);
    }

    /** A queue whose jobs this process also solves, with {@code settings.slots()} at once. */
    static JobQueue worker(Database database, Worker worker, Settings settings) {
        CustomTask<Void> task = Tasks.custom(TASK, Void.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER_STORE_FAILURE))
                .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
                .execute((instance, context) -> switch (worker.solve(instance.getId())) {
                    case ENDED -> new CompletionHandler.OnCompleteRemove<>();
                    case HANDED_BACK -> (complete, operations) -> operations.reschedule(complete, Instant.now());
                });
        var builder = Scheduler.create(database.dataSource(), task)
                .schedulerName(new SchedulerName.Fixed(worker.name()))
                .threads(settings.slots())
                .pollingInterval(settings.pollInterval())
                .heartbeatInterval(settings.deadAfter().dividedBy(MISSED_HEARTBEATS))
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .shutdownMaxWait(settings.shutdownWait())
                .enableImmediateExecution();
        if (!database.isEmbedded()) {
            // SELECT ... FOR UPDATE SKIP LOCKED: a worker takes only as many jobs as it has free slots, so the
            // others stay for the other workers (one dataset per worker slot).
            builder.pollUsingLockAndFetch(0.5, 1.0);
        }
        if (database.isEmbedded()) {
            releaseOrphans(database);
        }
        Scheduler scheduler = builder.build();
        return new JobQueue(scheduler, scheduler);
    }

    /**
     * The embedded database is this process's alone (H2 locks its file), so an execution still picked was picked
     * by a process that died: release it now rather than after the dead-worker timeout.
     */
    private static void releaseOrphans(Database database) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE scheduled_tasks SET picked = FALSE, picked_by = NULL, last_heartbeat = NULL,"
                                + " version = version + 1 WHERE picked")) {
            int n = s.executeUpdate();
            if (n > 0) {
                LOG.info("{} job(s) were being solved when the service stopped; they resume now", n);
            }
        } catch (SQLException e) {
            throw new JobStore.StoreException("cannot release the jobs of the previous run", e);
        }
    }

    void start() {
        if (scheduler != null) {
            scheduler.start();
        }
    }

    /** Queues a job, to run as soon as a slot is free; nothing happens if it is queued already. */
    void add(String id) {
        client.scheduleIfNotExists(new TaskInstance<Void>(TASK, id), Instant.now());
    }

    /** Removes a job no worker has picked; false when one is solving it (or it is not queued). */
    boolean cancel(String id) {
        try {
            client.cancel(TaskInstanceId.of(TASK, id));
            return true;
        } catch (DbSchedulerException e) {
            // Picked by a worker (now, or between the read and the delete), or not queued at all.
            return false;
        }
    }

    /** Stops polling and waits for the running jobs to end (a worker drains them first). */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }
}
