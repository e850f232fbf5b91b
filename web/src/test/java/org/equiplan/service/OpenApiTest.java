package org.equiplan.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.equiplan.jobs.JobService;
import org.equiplan.problem.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-written OpenAPI description against the service: every declared route is documented and every
 * documented route exists, and the documented fields of the job answers and errors are exactly the fields
 * of the records the service writes.
 */
class OpenApiTest {

    @TempDir
    Path dataDir;

    private EquiplanServer server;
    private JsonNode api;

    @BeforeEach
    void start() throws Exception {
        server = new EquiplanServer(EquiplanServer.Settings.embedded(
                        0, dataDir, 1, 1 << 20, JobService.Limits.defaults(), 200, 100))
                .start();
        api = Json.readTree(new Http(server.port()).get("/api/openapi.json").body());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
        Set<String> documented = new TreeSet<>();
        api.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    if (!op.getKey().equals("parameters")) {
                        documented.add(op.getKey().toUpperCase() + " " + path.getKey());
                    }
                }));
        Set<String> declared = new TreeSet<>();
        server.routes().forEach(r -> declared.add(r.method() + " " + r.path()));
        assertThat(declared).hasSize(server.routes().size()); // none declared twice
        assertThat(documented).isEqualTo(declared);
    }

    @Test
    void everyOperationDocumentsTheAccessItsRouteNeeds() {
        for (EquiplanServer.Route r : server.routes()) {
            JsonNode op = api.get("paths").get(r.path()).get(r.method().toLowerCase());
            assertThat(op.path("x-equiplan-access").asText())
                    .as(r.method() + " " + r.path())
                    .isEqualTo(r.access().name().toLowerCase());
            if (r.access() != org.equiplan.access.Access.PUBLIC) {
                assertThat(op.get("responses").has("401"))
                        .as(r.method() + " " + r.path())
                        .isTrue();
            }
        }
    }

    @Test
    void documentedFieldsAreTheFieldsWritten() {
        JsonNode schemas = api.get("components").get("schemas");
        assertThat(properties(schemas.get("JobSummary"))).isEqualTo(components(JobViews.JobSummary.class));
        assertThat(properties(schemas.get("JobStatus"))).isEqualTo(components(JobViews.JobDetail.class));
        assertThat(properties(schemas.get("Error"))).isEqualTo(components(ApiError.class));
        JsonNode page = api.get("paths")
                .get("/api/jobs")
                .get("get")
                .get("responses")
                .get("200")
                .get("content")
                .get("application/json")
                .get("schema");
        assertThat(properties(page)).isEqualTo(components(JobViews.JobPage.class));
    }

    private static Set<String> properties(JsonNode schema) {
        Set<String> out = new HashSet<>();
        schema.get("properties").fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> components(Class<? extends Record> type) {
        return new HashSet<>(Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .toList());
    }
}
