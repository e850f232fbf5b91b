package org.equiplan.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.equiplan.jobs.Job;
import org.equiplan.jobs.JobService;
import org.equiplan.jobs.JobStatus;
import org.equiplan.jobs.JobStore;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.problem.Json;
import org.equiplan.solve.Models;
import org.equiplan.solve.PlanningModel.Figure;

/**
 * Sweeps: one problem solved once per value of a parameter (a JSON Pointer into the problem), or per pair of
 * values of two parameters, each point an ordinary job (so a cluster spreads them over its workers). A sweep's
 * view gathers the points' status, score and headline figures, and marks the efficient ones ({@link TradeOff}).
 */
public final class Sweeps {

    /** The most points one sweep may have. */
    public static final int MAX_POINTS = 100;

    /** What a sweep is: the problem (given or a job's), the parameter(s) and values, and each point's limits. */
    public record Definition(
            String name,
            String parameter,
            List<JsonNode> values,
            String parameter2,
            List<JsonNode> values2,
            double seconds,
            long seed) {}

    /** One point: its value(s), its job and where it stands; figures and {@code efficient} once it has an answer. */
    public record Point(
            int point,
            JsonNode value,
            JsonNode value2,
            String job,
            JobStatus status,
            String score,
            Boolean feasible,
            Map<String, Double> figures,
            boolean efficient) {}

    /** {@code GET /api/sweeps/{id}}. */
    public record View(
            String id,
            String name,
            String kind,
            String workspace,
            String parameter,
            String parameter2,
            OffsetDateTime created,
            List<Figure> figures,
            List<String> tradeOff,
            List<Point> points) {}

    private final DataSource dataSource;
    private final JobService jobs;

    public Sweeps(DataSource dataSource, JobService jobs) {
        this.dataSource = dataSource;
        this.jobs = jobs;
    }

    /** The points' problems, in order: every value of the first parameter, times every value of the second. */
    public static List<String> problems(String problem, Definition d) {
        checkShape(d);
        List<String> out = new ArrayList<>();
        for (JsonNode v : d.values()) {
            String one = Patches.set(problem, d.parameter(), Json.compact(v), "parameter");
            if (d.parameter2() == null) {
                out.add(one);
            } else {
                for (JsonNode w : d.values2()) {
                    out.add(Patches.set(one, d.parameter2(), Json.compact(w), "parameter2"));
                }
            }
        }
        return out;
    }

    private static void checkShape(Definition d) {
        List<FieldError> errors = new ArrayList<>();
        if (d.parameter() == null || !d.parameter().startsWith("/")) {
            errors.add(new FieldError("parameter", "give a JSON Pointer into the problem, such as /budget"));
        }
        if (d.values() == null || d.values().isEmpty()) {
            errors.add(new FieldError("values", "give one or more values"));
        }
        if ((d.parameter2() == null) != (d.values2() == null || d.values2().isEmpty())) {
            errors.add(new FieldError("parameter2", "a second parameter needs its values2, and values2 a parameter2"));
        }
        if (d.parameter2() != null && !d.parameter2().startsWith("/")) {
            errors.add(new FieldError("parameter2", "give a JSON Pointer into the problem"));
        }
        long points = (d.values() == null ? 0 : d.values().size())
                * (d.values2() == null || d.values2().isEmpty()
                        ? 1L
                        : d.values2().size());
        if (points > MAX_POINTS) {
            errors.add(new FieldError("values", "at most " + MAX_POINTS + " points in one sweep, got " + points));
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
    }

    /** Stores the sweep and queues one job per point, all or none; returns the sweep id and the jobs. */
    public Map.Entry<String, List<Job>> create(String workspace, String problem, Definition d) {
        List<String> bodies = problems(problem, d);
        String id = UUID.randomUUID().toString();
        List<JobService.Submission> submissions = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            submissions.add(
                    new JobService.Submission(bodies.get(i), d.seconds(), d.seed(), JobStore.Origin.sweep(id, i)));
        }
        String kind = Models.load(problem).model().kind();
        String name = d.name() != null
                ? d.name()
                : Models.load(problem).name() + " over " + d.parameter()
                        + (d.parameter2() == null ? "" : " x " + d.parameter2());
        // The sweep row first: the jobs name it, and a failed admission leaves only this row, never half a sweep.
        insert(id, workspace, name, kind, d);
        List<Job> created;
        try {
            created = jobs.submitAll(workspace, submissions);
        } catch (RuntimeException e) {
            delete(id);
            throw e;
        }
        return Map.entry(id, created);
    }

    /** The sweep with its points as they stand now. */
    public Optional<View> view(String id) {
        Optional<Stored> stored = find(id);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Stored s = stored.get();
        Definition d = Json.bind(Json.readTree(s.definition()), Definition.class);
        Map<Integer, Job> byPoint = new HashMap<>();
        for (Job j : jobs.ofSweep(id)) {
            byPoint.put(j.sweepPoint(), j);
        }
        List<Figure> figures = Models.figureDefinitions(s.kind());
        int count = d.values().size()
                * (d.values2() == null || d.values2().isEmpty()
                        ? 1
                        : d.values2().size());
        List<Map<String, Double>> values = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            Job j = byPoint.get(p);
            Map<String, Double> v = null;
            if (j != null && !j.status().active()) {
                Optional<String> answer = jobs.solution(j.id());
                if (answer.isPresent()) {
                    v = Models.figures(Json.readTree(answer.get())).values();
                }
            }
            values.add(v);
        }
        List<Map<String, Double>> answered =
                values.stream().filter(v -> v != null).toList();
        List<Figure> tradeOff = TradeOff.of(figures, Models.tradeOff(s.kind()), answered);
        boolean[] efficient = TradeOff.efficient(tradeOff, values);
        List<Point> points = new ArrayList<>();
        int n2 = d.values2() == null || d.values2().isEmpty() ? 1 : d.values2().size();
        for (int p = 0; p < count; p++) {
            Job j = byPoint.get(p);
            points.add(new Point(
                    p,
                    d.values().get(p / n2),
                    d.parameter2() == null ? null : d.values2().get(p % n2),
                    j == null ? null : j.id(),
                    j == null ? null : j.status(),
                    j == null ? null : j.score(),
                    j == null ? null : j.feasible(),
                    values.get(p),
                    efficient[p]));
        }
        return Optional.of(new View(
                id,
                s.name(),
                s.kind(),
                s.workspace(),
                d.parameter(),
                d.parameter2(),
                s.created(),
                figures,
                tradeOff.stream().map(Figure::name).toList(),
                points));
    }

    /** A sweep's points as CSV: value(s), job, status, score, each figure, efficient. */
    public static String csv(View v) {
        StringBuilder b = new StringBuilder();
        b.append(quote(v.parameter()));
        if (v.parameter2() != null) {
            b.append(',').append(quote(v.parameter2()));
        }
        b.append(",job,status,score");
        for (Figure f : v.figures()) {
            b.append(',').append(f.name());
        }
        b.append(",efficient\n");
        for (Point p : v.points()) {
            b.append(cell(p.value()));
            if (v.parameter2() != null) {
                b.append(',').append(cell(p.value2()));
            }
            b.append(',').append(p.job() == null ? "" : p.job());
            b.append(',').append(p.status() == null ? "" : p.status().name());
            b.append(',').append(p.score() == null ? "" : p.score());
            for (Figure f : v.figures()) {
                Double x = p.figures() == null ? null : p.figures().get(f.name());
                b.append(',')
                        .append(x == null ? "" : java.math.BigDecimal.valueOf(x).toPlainString());
            }
            b.append(',').append(p.efficient()).append('\n');
        }
        return b.toString();
    }

    /** A value as a spreadsheet reads it: numbers as plain decimals (5500000000000, not 5.5E12), text as text. */
    private static String cell(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isNumber()) {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        }
        return quote(value.isTextual() ? value.asText() : Json.compact(value));
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    // --- storage ---

    private record Stored(String workspace, String name, String kind, String definition, OffsetDateTime created) {}

    private void insert(String id, String workspace, String name, String kind, Definition d) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO sweep (id, workspace, name, kind, definition, created) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, workspace);
            s.setString(3, name.length() > 500 ? name.substring(0, 500) : name);
            s.setString(4, kind);
            s.setString(5, Json.compact(d));
            s.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new JobStore.StoreException("cannot store the sweep", e);
        }
    }

    private void delete(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM sweep WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new JobStore.StoreException("cannot remove the sweep", e);
        }
    }

    private Optional<Stored> find(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT workspace, name, kind, definition, created FROM sweep WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new Stored(
                                r.getString(1),
                                r.getString(2),
                                r.getString(3),
                                r.getString(4),
                                r.getObject(5, OffsetDateTime.class)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new JobStore.StoreException("cannot read the sweep", e);
        }
    }
}
