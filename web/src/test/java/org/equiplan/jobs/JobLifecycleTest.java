package org.equiplan.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.equiplan.problem.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life of a job on the embedded database, with the {@link ProbeModel} kind so that each job does exactly
 * what the test says: a failing solve, a clean shutdown, a job taken over by another worker, one whose worker
 * keeps dying.
 */
class JobLifecycleTest {

    @TempDir
    Path dataDir;

    private Database database;
    private JobService jobs;

    private JobService open(String workerName) {
        if (database == null) {
            database = new Database(Database.Settings.embedded(dataDir), 8);
        }
        JobService.Config d = JobService.Config.defaults();
        jobs = new JobService(
                database,
                new JobService.Config(
                        Role.ALL,
                        1,
                        d.limits(),
                        100,
                        50,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(30),
                        d.maxLost(),
                        workerName));
        return jobs;
    }

    private void closeService() {
        if (jobs != null) {
            jobs.close();
            jobs = null;
        }
    }

    @AfterEach
    void close() {
        closeService();
        if (database != null) {
            database.close();
        }
    }

    private static String probe(long stepMillis, boolean fail, boolean brokenAnswers) {
        return "{\"kind\":\"probe\",\"name\":\"p\",\"stepMillis\":" + stepMillis + ",\"fail\":" + fail
                + ",\"brokenAnswers\":" + brokenAnswers + "}";
    }

    private Job waitFor(String id, Predicate<Job> condition) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Job job = jobs.find(id).orElseThrow();
            if (condition.test(job)) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " never got there: " + jobs.find(id));
    }

    private Job waitForEnd(String id) throws InterruptedException {
        return waitFor(id, j -> !j.status().active());
    }

    private int column(String id, String column) throws Exception {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM job WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    @Test
    void aSolveThatThrowsEndsFailedWithItsReasonAndItsLastBestAndIsNotResumed() throws Exception {
        open("w1");
        String id = jobs.submit("default", probe(20, true, false), 0.5, null).id();
        Job failed = waitForEnd(id);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error())
                .isEqualTo("IllegalStateException: the probe fails as asked, after "
                        + Json.readTree(jobs.solution(id).orElseThrow())
                                .get("steps")
                                .asLong() + " steps");
        assertThat(jobs.history(id)).isNotEmpty();

        // After a restart nothing runs it again.
        closeService();
        open("w2");
        Thread.sleep(500);
        assertThat(jobs.find(id).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        assertThat(column(id, "attempt")).isEqualTo(1);
    }

    @Test
    void aFailedSolveWhoseAnswerCannotBeBuiltStillEndsFailed() throws Exception {
        // As with a region need of 1e-320: the solve throws, and so does building its last best.
        open("w1");
        String id = jobs.submit("default", probe(20, true, true), 0.5, null).id();
        Job failed = waitForEnd(id);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).startsWith("IllegalStateException: the probe fails as asked");
        assertThat(jobs.solution(id)).isEmpty();
        assertThat(jobs.history(id)).isNotEmpty();
    }

    @Test
    void aCleanShutdownHandsTheJobBackWithItsBestAndTheNextRunGetsOnlyTheTimeLeft() throws Exception {
        open("w1");
        String id = jobs.submit("default", probe(20, false, false), 3.0, null).id();
        waitFor(id, j -> j.status() == JobStatus.SOLVING && j.solvedMillis() >= 500 && j.score() != null);
        closeService();

        Job handedBack = jobs == null ? new JobStore(database).find(id).orElseThrow() : null;
        assertThat(handedBack.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(handedBack.worker()).isNull();
        long charged = handedBack.solvedMillis();
        assertThat(charged).isBetween(500L, 3000L);
        long stepsBefore = Json.readTree(new JobStore(database).solution(id).orElseThrow())
                .get("steps")
                .asLong();
        assertThat(stepsBefore).isPositive();

        open("w2");
        Job done = waitForEnd(id);
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        JsonNode answer = Json.readTree(jobs.solution(id).orElseThrow());
        assertThat(answer.get("attempts").asInt()).isEqualTo(2);
        assertThat(answer.get("steps").asLong()).isGreaterThan(stepsBefore);
        // The second run was given exactly the time the first had not used.
        assertThat(answer.get("limitMillis").asLong()).isEqualTo(3000 - charged);
        assertThat(column(id, "lost")).isZero();
    }

    @Test
    void aWorkerThatLostItsJobToAnotherStopsAndWritesNothingMore() throws Exception {
        open("w1");
        JobStore store = new JobStore(database);
        String id = jobs.submit("default", probe(20, false, false), 30.0, null).id();
        waitFor(id, j -> j.status() == JobStatus.SOLVING && j.score() != null);
        // Another worker claims it, as after w1 was taken for dead.
        JobStore.Claim other = store.claim(id, "w2").orElseThrow();
        assertThat(other.attempt()).isEqualTo(2);
        assertThat(other.lost()).isEqualTo(1);
        String scoreAtTakeover = store.find(id).orElseThrow().score();
        // w1 notices at its next write, stops, and leaves the job as w2 holds it.
        for (int i = 0; i < 100 && jobs.liveBest(id).isPresent(); i++) {
            Thread.sleep(50);
        }
        assertThat(jobs.liveBest(id)).isEmpty();
        Thread.sleep(300);
        Job after = store.find(id).orElseThrow();
        assertThat(after.status()).isEqualTo(JobStatus.SOLVING);
        assertThat(after.worker()).isEqualTo("w2");
        assertThat(after.score()).isEqualTo(scoreAtTakeover);
        // w2 may write; w1's attempt may not.
        assertThat(store.charge(id, 1, 99_999)).isFalse();
        assertThat(store.charge(id, 2, 1234)).isTrue();
    }

    @Test
    void aJobWhoseWorkerKeepsDyingFailsInsteadOfResumingForever() throws Exception {
        open("w1");
        closeService();
        JobStore store = new JobStore(database);
        store.insert("j1", "default", "dies", ProbeModel.KIND, 5, 0, probe(20, false, false));
        // Four workers claimed it and died without a word: the last three claims found it still SOLVING.
        for (int i = 0; i < 4; i++) {
            store.claim("j1", "dead-" + i).orElseThrow();
        }
        assertThat(column("j1", "lost")).isEqualTo(3);
        // No queue entry either: the check for stranded jobs queues it, and the next claim (a fourth loss) fails it.
        open("w2");
        Job end = waitForEnd("j1");
        assertThat(end.status()).isEqualTo(JobStatus.FAILED);
        assertThat(end.error())
                .isEqualTo(
                        "its worker stopped 4 times (killed or lost) before the job finished; it is not resumed again");
    }

    @Test
    void stoppingAQueuedJobEndsItWithoutAWorker() throws Exception {
        open("w1");
        String running =
                jobs.submit("default", probe(20, false, false), 30.0, null).id();
        String queued =
                jobs.submit("default", probe(20, false, false), 30.0, null).id();
        waitFor(running, j -> j.status() == JobStatus.SOLVING);
        assertThat(jobs.find(queued).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        jobs.stop(queued, Duration.ofSeconds(10));
        assertThat(jobs.find(queued).orElseThrow().status()).isEqualTo(JobStatus.STOPPED);
        assertThat(column(queued, "attempt")).isZero();
        jobs.stop(running, Duration.ofSeconds(10));
        Job stopped = jobs.find(running).orElseThrow();
        assertThat(stopped.status()).isEqualTo(JobStatus.STOPPED);
        assertThat(stopped.score()).isNotNull();
        assertThat(List.of(jobs.solution(running).orElseThrow())).isNotEmpty();
    }
}
