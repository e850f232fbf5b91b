package org.equiplan.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.access.Principal;
import org.equiplan.jobs.Job;
import org.equiplan.jobs.JobService;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.problem.Json;
import org.equiplan.scenarios.Sweeps;
import org.equiplan.solve.SolveOptions;

/** The sweep endpoints: create (one job per point), look at the points and their trade-off, as JSON or CSV. */
final class SweepHandlers {

    private final Sweeps sweeps;
    private final JobService jobs;

    SweepHandlers(Sweeps sweeps, JobService jobs) {
        this.sweeps = sweeps;
        this.jobs = jobs;
    }

    /**
     * {@code {"job": ID} or {"problem": {...}}, "parameter": "/budget", "values": [...], optional "parameter2" and
     * "values2", "seconds", "seed", "name"}.
     */
    void create(Context ctx) {
        AccessControl.requireJson(ctx);
        Principal principal = AccessControl.principal(ctx);
        JsonNode body = Json.readTree(ctx.body());
        String problem;
        if (body.hasNonNull("job")) {
            String id = body.get("job").asText();
            Job job = jobs.find(id)
                    .filter(j -> principal.sees(j.workspace()))
                    .orElseThrow(() -> EquiplanServer.notFound("job", id));
            problem = jobs.problem(job.id()).orElseThrow();
        } else if (body.path("problem").isObject()) {
            problem = Json.compact(body.get("problem"));
        } else {
            throw new InvalidProblemException("job", "give the job to sweep from, or the problem itself in 'problem'");
        }
        double seconds =
                body.path("seconds").isNumber() ? body.get("seconds").asDouble() : SolveOptions.DEFAULT_SECONDS;
        Sweeps.Definition definition = new Sweeps.Definition(
                body.path("name").isTextual() ? body.get("name").asText() : null,
                body.path("parameter").asText(null),
                list(body.get("values")),
                body.path("parameter2").asText(null),
                body.has("values2") ? list(body.get("values2")) : null,
                seconds,
                body.path("seed").asLong(0));
        Map.Entry<String, List<Job>> created = sweeps.create(principal.workspace(), problem, definition);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", created.getKey());
        answer.put("jobs", created.getValue().stream().map(Job::id).toList());
        ctx.status(HttpStatus.ACCEPTED)
                .header("Location", "/api/sweeps/" + created.getKey())
                .json(answer);
    }

    void view(Context ctx) {
        ctx.json(visible(ctx));
    }

    void csv(Context ctx) {
        Sweeps.View v = visible(ctx);
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"sweep-" + v.id() + ".csv\"")
                .result(Sweeps.csv(v));
    }

    private Sweeps.View visible(Context ctx) {
        String id = ctx.pathParam("id");
        Principal principal = AccessControl.principal(ctx);
        return sweeps.view(id)
                .filter(v -> principal.sees(v.workspace()))
                .orElseThrow(() -> EquiplanServer.notFound("sweep", id));
    }

    private static List<JsonNode> list(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }
}
