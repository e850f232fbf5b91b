package org.equiplan.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode on a real PostgreSQL: one API node and two worker processes. Jobs are submitted to the API node,
 * one worker is killed with SIGKILL in the middle of a job, and every job must still end exactly once, the
 * killed one resumed by the other worker from its stored best with only the time it had left; events on the
 * API node follow the job across both workers; a stop on the API node stops a job on a worker.
 */
class ClusterTest {

    private static final long STEP = 20;

    @TempDir
    Path dir;

    private TestPostgres postgres;
    private final List<ServiceProcess> processes = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (ServiceProcess p : processes) {
            p.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private ServiceProcess start(String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--database", postgres.url));
        all.addAll(List.of(args));
        ServiceProcess p =
                ServiceProcess.serve(dir.resolve(name + ".log"), postgres.credentials(), all.toArray(String[]::new));
        processes.add(p);
        return p;
    }

    private ServiceProcess worker(String name) throws Exception {
        return start(name, "--role", "worker", "--solvers", "1", "--dead-after", "4", "--poll", "0.2");
    }

    private static String probe(long stepMillis) {
        return "{\"kind\":\"probe\",\"name\":\"p\",\"stepMillis\":" + stepMillis + "}";
    }

    private static String submit(Http http, String body, double seconds) throws Exception {
        Http.Response r = http.post("/api/jobs?seconds=" + seconds, body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().get("id").asText();
    }

    private static JsonNode waitForEnd(Http http, String id) throws Exception {
        for (int i = 0; i < 1800; i++) {
            JsonNode job = http.get("/api/jobs/" + id).json();
            String status = job.get("status").asText();
            if (!status.equals("QUEUED") && !status.equals("SOLVING")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " never ended");
    }

    private int[] attemptAndLost(String id) throws Exception {
        try (Connection c = postgres.connect();
                PreparedStatement s = c.prepareStatement("SELECT attempt, lost FROM job WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new int[] {r.getInt(1), r.getInt(2)};
            }
        }
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void jobsEndExactlyOnceWhenAWorkerIsKilledAndTheOtherResumesItsJob() throws Exception {
        postgres = TestPostgres.create();
        int port = ServiceProcess.freePort();
        ServiceProcess api = start("api", "--role", "api", "--port", Integer.toString(port));
        Http http = ServiceProcess.waitForHttp(port, api);
        ServiceProcess a = worker("worker-a");
        ServiceProcess b = worker("worker-b");

        List<String> probes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            probes.add(submit(http, probe(STEP), 4));
        }
        String facilities = submit(http, Files.readString(Path.of("../data/examples/chongyang-facilities.json")), 3);
        String funds = submit(http, Files.readString(Path.of("../data/examples/cn-provinces-2019-funds.json")), 1);

        // Follow one probe through the API node while it runs.
        String followed = probes.get(0);
        CompletableFuture<List<Http.Event>> events = CompletableFuture.supplyAsync(() -> {
            try {
                return http.events("/api/jobs/" + followed + "/events");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // Kill worker A in the middle of a probe job with a stored best and a second of charged time.
        String suffix = "-" + a.pid();
        String victim = null;
        for (int i = 0; i < 600 && victim == null; i++) {
            for (String id : probes) {
                JsonNode job = http.get("/api/jobs/" + id).json();
                if (job.path("worker").asText("").endsWith(suffix)
                        && job.get("solvedMillis").asLong() >= 1000
                        && !job.get("score").isNull()) {
                    victim = id;
                    break;
                }
            }
            Thread.sleep(50);
        }
        assertThat(victim).as("a probe job solving on worker A").isNotNull();
        long stepsAtKill = Json(http.get("/api/jobs/" + victim + "/solution").body())
                .get("steps")
                .asLong();
        a.kill();

        for (String id : probes) {
            JsonNode end = waitForEnd(http, id);
            assertThat(end.get("status").asText()).as(id).isEqualTo("COMPLETED");
        }
        assertThat(waitForEnd(http, facilities).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(waitForEnd(http, funds).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(Json(http.get("/api/jobs/" + facilities + "/solution").body())
                        .get("feasible")
                        .asBoolean())
                .isTrue();

        // The killed job: taken over once, resumed from its stored best with only the time it had left.
        assertThat(attemptAndLost(victim)).containsExactly(2, 1);
        JsonNode resumed = Json(http.get("/api/jobs/" + victim + "/solution").body());
        assertThat(resumed.get("attempts").asInt()).isEqualTo(2);
        assertThat(resumed.get("steps").asLong()).isGreaterThan(stepsAtKill);
        assertThat(resumed.get("limitMillis").asLong()).isBetween(1L, 3000L);
        JsonNode victimJob = http.get("/api/jobs/" + victim).json();
        assertThat(victimJob.get("solvedMillis").asLong()).isGreaterThanOrEqualTo(4000);
        assertThat(victimJob.has("worker")).isFalse();

        // Exactly once: each job's end is logged once, by one worker; both workers solved jobs.
        String logs = a.log() + b.log();
        for (String id : List.of(probes.get(0), probes.get(1), probes.get(2), probes.get(3), facilities, funds)) {
            assertThat(count(logs, "job " + id + " COMPLETED")).as(id).isEqualTo(1);
            assertThat(count(logs, "job " + id + " FAILED")).as(id).isZero();
        }
        assertThat(a.log()).contains("SOLVING on");
        assertThat(b.log()).contains("job " + victim + " SOLVING on").contains("after its worker was lost 1 time(s)");

        // Events on the API node followed the job to its end.
        List<Http.Event> seen = events.get();
        assertThat(seen).isNotEmpty();
        Http.Event last = seen.get(seen.size() - 1);
        assertThat(last.name()).isEqualTo("end");
        assertThat(last.data().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(last.data().get("score").asText())
                .isEqualTo(http.get("/api/jobs/" + followed).json().get("score").asText());
        assertThat(seen.stream().filter(e -> e.name().equals("best")).count()).isGreaterThanOrEqualTo(2);

        // A stop sent to the API node stops a job solving on a worker, keeping its best.
        String longJob = submit(http, probe(STEP), 120);
        for (int i = 0; i < 600; i++) {
            JsonNode job = http.get("/api/jobs/" + longJob).json();
            if (job.get("status").asText().equals("SOLVING")
                    && !job.get("score").isNull()) {
                break;
            }
            Thread.sleep(50);
        }
        JsonNode stopped = http.post("/api/jobs/" + longJob + "/stop", null).json();
        assertThat(stopped.get("status").asText()).isEqualTo("STOPPED");
        assertThat(stopped.get("score").isNull()).isFalse();
        assertThat(b.log()).contains("job " + longJob + " STOPPED");
    }

    private static JsonNode Json(String body) {
        return org.equiplan.problem.Json.readTree(body);
    }
}
