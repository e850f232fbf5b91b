package org.equiplan.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.equiplan.jobs.JobService;
import org.equiplan.problem.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edit and re-solve: a scenario is the parent's problem changed by a JSON Merge Patch, solved as a new job. */
class ScenarioTest {

    @TempDir
    Path dataDir;

    private EquiplanServer server;
    private Http http;

    @BeforeEach
    void start() {
        server = new EquiplanServer(EquiplanServer.Settings.embedded(
                        0, dataDir, 1, 50L << 20, JobService.Limits.defaults(), 200, 100))
                .start();
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String example(String name) throws Exception {
        return Files.readString(Path.of("../data/examples/" + name + ".json"));
    }

    private String submit(String body, double seconds) throws Exception {
        Http.Response r = http.post("/api/jobs?seconds=" + seconds, body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().get("id").asText();
    }

    private JsonNode waitForEnd(String id) throws Exception {
        for (int i = 0; i < 1200; i++) {
            JsonNode job = http.get("/api/jobs/" + id).json();
            if (!List.of("QUEUED", "SOLVING").contains(job.get("status").asText())) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " never ended");
    }

    @Test
    void aBudgetEditIsANewJobWithItsParentAndPatchAndItsOwnAnswer() throws Exception {
        String parent = submit(example("cn-provinces-2019-funds"), 2);
        waitForEnd(parent);
        Http.Response created = http.post(
                "/api/jobs/" + parent + "/scenarios?seconds=2", "{\"budget\": 6500000000000, \"name\": \"less\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        assertThat(created.json().get("parent").asText()).isEqualTo(parent);
        String child = created.json().get("id").asText();
        JsonNode job = waitForEnd(child);
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("parent").asText()).isEqualTo(parent);
        assertThat(job.get("patch").get("budget").asLong()).isEqualTo(6_500_000_000_000L);
        assertThat(job.get("changes")).hasSize(1);
        assertThat(job.get("changes").get(0).get("path").asText()).isEqualTo("/budget");
        JsonNode problem = http.get("/api/jobs/" + child + "/problem").json();
        assertThat(problem.get("budget").asLong()).isEqualTo(6_500_000_000_000L);
        assertThat(problem.get("name").asText()).isEqualTo("less");
        // Everything the patch did not name is the parent's (numbers compared as numbers: 3.16E11 is 316000000000).
        JsonNode before = http.get("/api/jobs/" + parent + "/problem").json().get("regions");
        assertThat(problem.get("regions")
                        .equals(
                                (a, b) -> a.isNumber() && b.isNumber()
                                        ? Double.compare(a.asDouble(), b.asDouble())
                                        : a.equals(b) ? 0 : 1,
                                before))
                .isTrue();
        JsonNode answer = http.get("/api/jobs/" + child + "/solution").json();
        assertThat(answer.get("budget").asLong()).isEqualTo(6_500_000_000_000L);

        // Compared with its parent: different problems, so no "better" for the smaller budget's smaller score;
        // the input that differs is listed instead.
        JsonNode c = http.get("/api/compare?ids=" + parent + "," + child).json();
        assertThat(c.get("sameProblem").asBoolean()).isFalse();
        assertThat(c.get("inputs")).hasSize(1);
        assertThat(c.get("inputs").get(0).get("path").asText()).isEqualTo("/budget");
        assertThat(c.get("inputs").get(0).get("label").asText()).isEqualTo(child);
        assertThat(c.get("diffs").get(0).get("score").asText()).isEqualTo("not comparable: different problems");
        // Two answers to the same problem keep their verdict.
        String twin = submit(example("cn-provinces-2019-funds"), 2);
        waitForEnd(twin);
        JsonNode same = http.get("/api/compare?ids=" + parent + "," + twin).json();
        assertThat(same.get("sameProblem").asBoolean()).isTrue();
        assertThat(same.get("diffs").get(0).get("score").asText()).isEqualTo("same");
    }

    @Test
    void aPatchThatBreaksTheProblemIsRefusedWithItsFieldsAndNothingIsQueued() throws Exception {
        String parent = submit(example("cn-provinces-2019-funds"), 1);
        waitForEnd(parent);
        Http.Response bad = http.post("/api/jobs/" + parent + "/scenarios", "{\"budget\": -5}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("details").get(0).get("field").asText()).isEqualTo("budget");
        Http.Response notAnObject = http.post("/api/jobs/" + parent + "/scenarios", "[1, 2]");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.json().get("details").get(0).get("message").asText())
                .contains("RFC 7386");
        assertThat(http.post("/api/jobs/nope/scenarios", "{}").status()).isEqualTo(404);
        assertThat(http.get("/api/jobs").json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void aClosedSiteNeverOpensAndAnUnchangedScenarioStartsFromItsParentsPlan() throws Exception {
        String parent = submit(example("chongyang-facilities"), 3);
        JsonNode parentJob = waitForEnd(parent);
        JsonNode parentAnswer = http.get("/api/jobs/" + parent + "/solution").json();

        // The same problem under another name: it starts from the parent's plan, so it ends no worse.
        String same = http.post("/api/jobs/" + parent + "/scenarios?seconds=2", "{\"name\": \"again\"}")
                .json()
                .get("id")
                .asText();
        waitForEnd(same);
        JsonNode sameAnswer = http.get("/api/jobs/" + same + "/solution").json();
        assertThat(compareScores(
                        sameAnswer.get("score").asText(),
                        parentAnswer.get("score").asText()))
                .isGreaterThanOrEqualTo(0);

        // Close one of the candidate sites the parent opened: the scenario keeps it, closed, and serves its
        // villages elsewhere.
        ObjectNode problem =
                (ObjectNode) http.get("/api/jobs/" + parent + "/problem").json();
        String opened = null;
        for (JsonNode s : parentAnswer.get("sites")) {
            if (s.get("open").asBoolean() && s.get("state").asText().equals("candidate")) {
                opened = s.get("id").asText();
                break;
            }
        }
        assertThat(opened).as("a candidate site the parent opened").isNotNull();
        ArrayNode sites = (ArrayNode) problem.get("sites");
        for (JsonNode s : sites) {
            if (s.get("id").asText().equals(opened)) {
                ((ObjectNode) s).put("state", "closed");
            }
        }
        ObjectNode patch = Json.MAPPER.createObjectNode();
        patch.set("sites", sites);
        String closed = http.post("/api/jobs/" + parent + "/scenarios?seconds=3", Json.MAPPER.writeValueAsString(patch))
                .json()
                .get("id")
                .asText();
        assertThat(waitForEnd(closed).get("status").asText()).isEqualTo("COMPLETED");
        JsonNode closedAnswer = http.get("/api/jobs/" + closed + "/solution").json();
        String closedId = opened;
        JsonNode site = java.util.stream.StreamSupport.stream(
                        closedAnswer.get("sites").spliterator(), false)
                .filter(s -> s.get("id").asText().equals(closedId))
                .findFirst()
                .orElseThrow();
        assertThat(site.get("open").asBoolean()).isFalse();
        assertThat(site.get("state").asText()).isEqualTo("closed");
        for (JsonNode a : closedAnswer.get("assignments")) {
            assertThat(a.get("site").asText()).isNotEqualTo(opened);
        }
        assertThat(closedAnswer.get("feasible").asBoolean()).isTrue();
        assertThat(parentJob.get("status").asText()).isEqualTo("COMPLETED");
    }

    /** Positive when a is better than b: OptaPlanner's level order, hard first. */
    private static int compareScores(String a, String b) {
        long[] x = levels(a);
        long[] y = levels(b);
        for (int i = 0; i < x.length; i++) {
            if (x[i] != y[i]) {
                return Long.compare(x[i], y[i]);
            }
        }
        return 0;
    }

    private static long[] levels(String score) {
        String[] parts = score.split("/");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Long.parseLong(parts[i].replaceAll("[a-z]", ""));
        }
        return out;
    }

    private static final String BOUNDARY = "equiplan-test-boundary";

    /** A multipart/form-data body with one file per field. */
    private static String multipart(Map<String, String> files) {
        StringBuilder body = new StringBuilder();
        files.forEach((field, content) -> body.append("--")
                .append(BOUNDARY)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(field)
                .append("\"; filename=\"")
                .append(field)
                .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .append(content)
                .append("\r\n"));
        return body.append("--").append(BOUNDARY).append("--\r\n").toString();
    }

    @Test
    void aCsvOfRegionsBecomesAProblemAndItsBadCellsAreNamed() throws Exception {
        String csv = "id,name,population,standardRevenue,standardExpenditure\n" + "a,\"Anxian, north\",1000,50,100\n"
                + "b,白河县,2000,80,300\n";
        Http.Response ok = http.send("POST", "/api/imports/regions?budget=400&unit=10&name=counties", csv, "text/csv");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("name").asText()).isEqualTo("counties");
        assertThat(ok.json().get("regions").get(0).get("name").asText()).isEqualTo("Anxian, north");
        assertThat(http.post("/api/jobs?seconds=1", ok.body()).status()).isEqualTo(202);
        Http.Response bad = http.send("POST", "/api/imports/regions", csv.replace("2000", "abc"), "text/csv");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("details"))
                .extracting(
                        d -> d.get("field").asText() + ": " + d.get("message").asText())
                .containsExactly(
                        "budget: is required: the total to allocate, in the same unit as the amounts",
                        "line 3, population: 'abc' is not a number");
        assertThat(http.send("POST", "/api/imports/regions?budget=1", csv, "application/json")
                        .status())
                .isEqualTo(415);
        // With a categories file (multipart): standard expenditure from the people: column, budgets earmarked.
        String byGroup = "id,name,population,standardRevenue,people:children\n" + "a,Anxian,1000,50000,200\n"
                + "b,白河县,2000,80000,500\n";
        String categories = "[{\"id\": \"education\", \"standards\": {\"children\": 1000}, \"budget\": 300000},"
                + " {\"id\": \"administration\", \"standards\": {\"residents\": 100}, \"budget\": 100000}]";
        Http.Response earmarked = http.send(
                "POST",
                "/api/imports/regions?unit=1000&name=earmarked",
                multipart(Map.of("regions", byGroup, "categories", categories)),
                "multipart/form-data; boundary=" + BOUNDARY);
        assertThat(earmarked.status()).as(earmarked.body()).isEqualTo(200);
        assertThat(earmarked.json().get("budget").asDouble()).isEqualTo(400_000.0);
        assertThat(earmarked.json().get("categories").get(0).get("budget").asDouble())
                .isEqualTo(300_000.0);
        assertThat(http.post("/api/jobs?seconds=1", earmarked.body()).status()).isEqualTo(202);
        Http.Response badCategories = http.send(
                "POST",
                "/api/imports/regions?unit=1000",
                multipart(Map.of("regions", byGroup, "categories", "{\"id\": \"education\"}")),
                "multipart/form-data; boundary=" + BOUNDARY);
        assertThat(badCategories.status()).isEqualTo(400);
        assertThat(badCategories.json().get("details").get(0).get("field").asText())
                .isEqualTo("categories");
        Http.Response template = http.get("/api/imports/regions/template.csv");
        assertThat(template.body()).startsWith("\uFEFFid,name,population");
    }
}
