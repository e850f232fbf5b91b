package org.equiplan.jobs;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out of job events to subscribers (the page's Server-Sent Events): new bests at most every
 * {@code eventMillis} per job (a held-back best goes out when the interval ends, so the last is never
 * dropped), then the end. Events come from a job solved in this process ({@link Worker}) or, for a job solved
 * elsewhere, from the store ({@link StoreFollower}). A subscriber that fails is dropped; the job goes on.
 */
final class EventHub {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    /** The subscribers of one job and its throttling state (under the channel's monitor). */
    private static final class Channel {
        final Set<JobEvents> subscribers = new CopyOnWriteArraySet<>();
        long lastSent;
        ScorePoint pending;
        ScorePoint lastPoint;
    }

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final long eventMillis;

    EventHub(ScheduledExecutorService timer, long eventMillis) {
        this.timer = timer;
        this.eventMillis = eventMillis;
    }

    void subscribe(String id, JobEvents listener) {
        channels.computeIfAbsent(id, k -> new Channel()).subscribers.add(listener);
    }

    void unsubscribe(String id, JobEvents listener) {
        channels.computeIfPresent(id, (k, c) -> {
            c.subscribers.remove(listener);
            return c.subscribers.isEmpty() ? null : c;
        });
    }

    /** The jobs someone listens to. */
    Set<String> followed() {
        return channels.keySet();
    }

    /** A new best of the job: sent now, or when the throttling interval ends. */
    void best(String id, ScorePoint point) {
        Channel c = channels.get(id);
        if (c == null || point == null) {
            return;
        }
        long now = System.currentTimeMillis();
        synchronized (c) {
            if (point.equals(c.lastPoint)) {
                return;
            }
            if (now - c.lastSent < eventMillis) {
                if (c.pending == null) {
                    timer.schedule(() -> sendPending(id, c), eventMillis - (now - c.lastSent), TimeUnit.MILLISECONDS);
                }
                c.pending = point;
                return;
            }
            c.lastSent = now;
            c.pending = null;
            c.lastPoint = point;
        }
        send(id, c, point);
    }

    /** The job has ended: the held-back best, if any, then the end; the subscribers are released. */
    void end(String id, JobStatus status, String score) {
        Channel c = channels.remove(id);
        if (c == null) {
            return;
        }
        sendPending(id, c);
        for (JobEvents s : c.subscribers) {
            try {
                s.end(status, score);
            } catch (RuntimeException e) {
                LOG.debug("job {}: a subscriber failed on the end event", id, e);
            }
        }
    }

    private void sendPending(String id, Channel c) {
        ScorePoint point;
        synchronized (c) {
            point = c.pending;
            if (point == null) {
                return;
            }
            c.pending = null;
            c.lastSent = System.currentTimeMillis();
            c.lastPoint = point;
        }
        send(id, c, point);
    }

    private void send(String id, Channel c, ScorePoint point) {
        for (JobEvents s : c.subscribers) {
            try {
                s.best(point);
            } catch (RuntimeException e) {
                LOG.debug("job {}: dropping a subscriber that failed", id, e);
                unsubscribe(id, s);
            }
        }
    }
}
