package org.equiplan.jobs;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out of job events to subscribers (the page's Server-Sent Events): new bests at most every
 * {@code eventMillis} per job (a held-back best goes out when the interval ends, so the last is never
 * dropped), then the end. A subscriber that fails is dropped; the job goes on.
 */
final class EventHub {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final Map<String, Set<JobEvents>> subscribers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final long eventMillis;
    private final Predicate<String> running;

    EventHub(ScheduledExecutorService timer, long eventMillis, Predicate<String> running) {
        this.timer = timer;
        this.eventMillis = eventMillis;
        this.running = running;
    }

    /** Subscribes to a job's events; returns false (and sends nothing) when the job is not running. */
    boolean subscribe(String id, JobEvents listener) {
        subscribers.computeIfAbsent(id, k -> new CopyOnWriteArraySet<>()).add(listener);
        if (!running.test(id)) {
            subscribers.getOrDefault(id, Set.of()).remove(listener);
            return false;
        }
        return true;
    }

    void unsubscribe(String id, JobEvents listener) {
        Set<JobEvents> set = subscribers.get(id);
        if (set != null) {
            set.remove(listener);
        }
    }

    /** A new best of the job: sent now, or when the throttling interval ends. */
    void best(RunningJob job) {
        long now = System.currentTimeMillis();
        synchronized (job) {
            if (now - job.lastEventSent >= eventMillis) {
                job.lastEventSent = now;
                job.eventPending = false;
            } else {
                if (!job.eventPending) {
                    job.eventPending = true;
                    timer.schedule(
                            () -> sendPending(job), eventMillis - (now - job.lastEventSent), TimeUnit.MILLISECONDS);
                }
                return;
            }
        }
        send(job, job.latest);
    }

    /** The job has ended: the held-back best, if any, then the end; the subscribers are released. */
    void end(RunningJob job, JobStatus status) {
        ScorePoint last = job.latest;
        sendPending(job);
        for (JobEvents s : subscribers.getOrDefault(job.id, Set.of())) {
            s.end(status, last == null ? null : last.score());
        }
        subscribers.remove(job.id);
    }

    private void sendPending(RunningJob job) {
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

    private void send(RunningJob job, ScorePoint point) {
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
}
