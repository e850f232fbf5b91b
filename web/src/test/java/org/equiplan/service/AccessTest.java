package org.equiplan.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.equiplan.access.Authenticator;
import org.equiplan.access.TokenRole;
import org.equiplan.access.Tokens;
import org.equiplan.jobs.Database;
import org.equiplan.jobs.JobService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service safe to expose: tokens with roles and workspaces, the loopback default and the refusal to listen
 * openly without tokens, JSON bodies only, JSON errors also before routing, and security headers everywhere.
 */
class AccessTest {

    @TempDir
    Path dataDir;

    private Database database;
    private JobService jobs;
    private EquiplanServer server;
    private Http anonymous;

    private Tokens start(Authenticator.Mode mode, int maxQueued) {
        EquiplanServer.Settings settings = EquiplanServer.Settings.embedded(
                        0, dataDir, 1, 1 << 20, new JobService.Limits(3600, 5_000_000, 100_000, maxQueued), 200, 100)
                .withAuth(mode);
        database = new Database(settings.database(), 8);
        jobs = new JobService(database, settings.jobs());
        server = new EquiplanServer(settings, database, jobs).start();
        anonymous = new Http(server.port());
        return new Tokens(database.dataSource());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            jobs.close();
            database.close();
        }
    }

    private static String probe(long stepMillis) {
        return "{\"kind\":\"probe\",\"name\":\"p\",\"stepMillis\":" + stepMillis + "}";
    }

    @Test
    void eachRoleMayDoWhatItsRoleAllowsInItsOwnWorkspaceOnly() throws Exception {
        Tokens tokens = start(Authenticator.Mode.TOKENS, 200);
        Http admin = anonymous.withToken(tokens.create("root", TokenRole.ADMIN, "default"));
        Http planner = anonymous.withToken(tokens.create("ana", TokenRole.PLANNER, "county-a"));
        Http viewer = anonymous.withToken(tokens.create("vic", TokenRole.VIEWER, "county-a"));
        Http otherPlanner = anonymous.withToken(tokens.create("bo", TokenRole.PLANNER, "county-b"));

        // Public: health and the API description; everything else needs a token.
        assertThat(anonymous.get("/api/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/openapi.json").status()).isEqualTo(200);
        Http.Response refused = anonymous.get("/api/jobs");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").asText()).contains("a token is required");
        assertThat(anonymous.withToken("eqp_not-a-token").get("/api/jobs").status())
                .isEqualTo(401);
        assertThat(anonymous.post("/api/jobs?seconds=30", probe(20)).status()).isEqualTo(401);

        // A planner submits into its workspace; a viewer of that workspace reads it but may not write.
        Http.Response created = planner.post("/api/jobs?seconds=30", probe(20));
        assertThat(created.status()).isEqualTo(202);
        String id = created.json().get("id").asText();
        assertThat(viewer.get("/api/jobs/" + id).json().get("workspace").asText())
                .isEqualTo("county-a");
        assertThat(viewer.get("/api/jobs").json().get("total").asInt()).isEqualTo(1);
        Http.Response viewerWrites = viewer.post("/api/jobs?seconds=1", probe(20));
        assertThat(viewerWrites.status()).isEqualTo(403);
        assertThat(viewerWrites.json().get("error").asText()).contains("is a viewer");
        assertThat(viewer.post("/api/jobs/" + id + "/stop", null).status()).isEqualTo(403);
        assertThat(viewer.send("DELETE", "/api/jobs/" + id, null).status()).isEqualTo(403);

        // Another workspace's planner sees nothing of it: not listed, and "not found" by id.
        assertThat(otherPlanner.get("/api/jobs").json().get("total").asInt()).isZero();
        assertThat(otherPlanner.get("/api/jobs/" + id).status()).isEqualTo(404);
        assertThat(otherPlanner.post("/api/jobs/" + id + "/stop", null).status())
                .isEqualTo(404);
        assertThat(otherPlanner.get("/api/jobs/" + id + "/events").status()).isEqualTo(200); // an SSE error event
        assertThat(otherPlanner.events("/api/jobs/" + id + "/events").get(0).name())
                .isEqualTo("error");

        // The admin sees every workspace; the planner stops its own job.
        assertThat(admin.get("/api/jobs").json().get("items").get(0).get("id").asText())
                .isEqualTo(id);
        JsonNode stopped = planner.post("/api/jobs/" + id + "/stop", null).json();
        assertThat(stopped.get("status").asText()).isEqualTo("STOPPED");

        // Tokens are managed by admins only; a revoked token is refused.
        assertThat(planner.get("/api/tokens").status()).isEqualTo(403);
        Http.Response issued =
                admin.post("/api/tokens", "{\"name\":\"temp\",\"role\":\"viewer\",\"workspace\":\"county-a\"}");
        assertThat(issued.status()).isEqualTo(201);
        Http temp = anonymous.withToken(issued.json().get("token").asText());
        assertThat(temp.get("/api/jobs").status()).isEqualTo(200);
        assertThat(admin.get("/api/tokens").json().findValuesAsText("name"))
                .contains("root", "ana", "vic", "bo", "temp");
        assertThat(admin.send("DELETE", "/api/tokens/temp", null).status()).isEqualTo(204);
        assertThat(new Tokens(database.dataSource())
                        .authenticate(issued.json().get("token").asText()))
                .isEmpty();
        assertThat(admin.send("DELETE", "/api/tokens/temp", null).status()).isEqualTo(404);
        assertThat(admin.post("/api/tokens", "{\"name\":\"x\",\"role\":\"boss\"}")
                        .json()
                        .get("details")
                        .get(0)
                        .get("field")
                        .asText())
                .isEqualTo("role");
    }

    @Test
    void aWorkspaceOverItsQueueQuotaIsToldToComeBackLater() throws Exception {
        Tokens tokens = start(Authenticator.Mode.TOKENS, 1);
        Http planner = anonymous.withToken(tokens.create("ana", TokenRole.PLANNER, "county-a"));
        Http other = anonymous.withToken(tokens.create("bo", TokenRole.PLANNER, "county-b"));
        // One solving (slot), one queued (the quota), the next refused; another workspace is not held back.
        String first =
                planner.post("/api/jobs?seconds=60", probe(20)).json().get("id").asText();
        for (int i = 0;
                i < 100
                        && !planner.get("/api/jobs/" + first)
                                .json()
                                .get("status")
                                .asText()
                                .equals("SOLVING");
                i++) {
            Thread.sleep(50);
        }
        assertThat(planner.post("/api/jobs?seconds=60", probe(20)).status()).isEqualTo(202);
        Http.Response over = planner.post("/api/jobs?seconds=60", probe(20));
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.raw().headers().firstValue("Retry-After")).contains("30");
        assertThat(over.json().get("error").asText()).contains("workspace 'county-a' has 1 queued jobs");
        assertThat(other.post("/api/jobs?seconds=60", probe(20)).status()).isEqualTo(202);
    }

    @Test
    void bodiesMustBeJsonErrorsAreJsonEvenBeforeRoutingAndEveryAnswerCarriesSecurityHeaders() throws Exception {
        start(Authenticator.Mode.NONE, 200);
        // A cross-site form posts text/plain or a form encoding: refused.
        Http.Response form = anonymous.send("POST", "/api/jobs", probe(20), "application/x-www-form-urlencoded");
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.json().get("error").asText()).contains("Content-Type: application/json");
        assertThat(anonymous.send("POST", "/api/jobs", probe(20), "text/plain").status())
                .isEqualTo(415);
        assertThat(anonymous
                        .send("POST", "/api/jobs", probe(20), "application/json; charset=utf-8")
                        .status())
                .isEqualTo(202);

        // Seeds are whole 64-bit numbers, never rounded or wrapped.
        for (String seed : new String[] {"1.7", "9223372036854775808", "abc"}) {
            Http.Response bad = anonymous.post("/api/jobs?seconds=1&seed=" + seed, probe(20));
            assertThat(bad.status()).as(seed).isEqualTo(400);
            assertThat(bad.json().get("details").get(0).get("field").asText()).isEqualTo("seed");
        }

        // Errors Jetty raises before any route: still JSON, still with the headers.
        HttpClient raw =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://localhost:" + server.port();
        for (String path : new String[] {"/api/jobs/%00", "/api/compare?ids=" + "x,".repeat(20_000)}) {
            HttpResponse<String> r = raw.send(
                    HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode())
                    .as(path.substring(0, Math.min(20, path.length())))
                    .isBetween(400, 431);
            assertThat(r.headers().firstValue("Content-Type"))
                    .as(path.substring(0, Math.min(20, path.length())))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(org.equiplan.problem.Json.readTree(r.body()).has("error"))
                    .isTrue();
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
        // Long id lists go in a POST body instead.
        Http.Response many = anonymous.post("/api/compare", "{\"ids\": [\"a\", \"b\"]}");
        assertThat(many.status()).isEqualTo(404);
        assertThat(many.json().get("error").asText()).isEqualTo("no job 'a'");

        for (String path : new String[] {"/", "/api/health", "/api/jobs", "/api/nothing"}) {
            Http.Response r = anonymous.get(path);
            assertThat(r.raw().headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .contains("nosniff");
            assertThat(r.raw().headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(r.raw().headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
            assertThat(r.raw().headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(csp ->
                            assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        }
    }

    @Test
    void listeningBeyondThisMachineWithoutTokensIsRefused() {
        EquiplanServer.Settings open = new EquiplanServer.Settings(
                "0.0.0.0",
                0,
                1 << 20,
                Authenticator.Mode.NONE,
                Database.Settings.embedded(dataDir),
                JobService.Config.defaults());
        assertThat(open.refusal()).hasValueSatisfying(r -> assertThat(r).contains("--auth tokens"));
        assertThatThrownBy(() -> new EquiplanServer(open)).isInstanceOf(IllegalArgumentException.class);
        assertThat(open.withAuth(Authenticator.Mode.TOKENS).refusal()).isEmpty();
        assertThat(EquiplanServer.Settings.defaults(0, dataDir).refusal()).isEmpty();
        assertThat(EquiplanServer.Settings.defaults(0, dataDir).host()).isEqualTo("127.0.0.1");
    }

    @Test
    void aSecondServiceOnTheSameDataDirSaysSoInOneLine() throws Exception {
        start(Authenticator.Mode.NONE, 200);
        try (ServiceProcess second = ServiceProcess.serve(
                dataDir.getParent().resolve("second.log"),
                java.util.Map.of(),
                "--port",
                "0",
                "--data-dir",
                dataDir.toString())) {
            assertThat(second.waitForExit()).isEqualTo(1);
            assertThat(second.log().strip())
                    .isEqualTo("error: the data dir " + dataDir + " is in use by another process (another Equiplan on"
                            + " the same --data-dir?): stop it, or choose another --data-dir");
        }
        assertThat(anonymous.get("/api/health").status()).isEqualTo(200);
    }
}
