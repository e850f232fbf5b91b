package org.equiplan.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * Compares answers of the same kind (as the command line writes them or a job stores them): each
 * one's score by level, constraint totals, cost parts and fairness figures; and, against the first,
 * what changed: per constraint better or worse; for facilities the sites opened or closed and the
 * villages whose site changed; for transfers each region's amount and coverage.
 */
public record Comparison(String kind, List<Item> items, List<Diff> diffs) {

    public record Item(String label, String name, String score, long hard, long medium, long soft,
                       Map<String, String> constraints, Map<String, Double> figures) {
    }

    public record ConstraintChange(String constraint, String from, String to, String change) {
    }

    public record Reassignment(String demand, String service, String from, String to) {
    }

    public record RegionChange(String region, double amountFrom, double amountTo, double amountChange,
                               double coverageFrom, double coverageTo) {
    }

    /** Differences of one answer against the first. */
    public record Diff(String from, String to, String score, List<ConstraintChange> constraints, List<String> opened,
                       List<String> closed, List<Reassignment> reassigned, List<RegionChange> regions) {
    }

    /** @param labels one per answer, e.g. job ids or file names */
    public static Comparison of(List<String> labels, List<JsonNode> answers) {
        if (answers.size() < 2) {
            throw new InvalidProblemException("ids", "compare needs at least two answers");
        }
        String kind = answers.get(0).path("kind").asText();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            String k = answers.get(i).path("kind").asText();
            if (!k.equals(kind)) {
                errors.add(new FieldError(labels.get(i), "is a '" + k + "' answer, the first is '" + kind + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            items.add(item(labels.get(i), answers.get(i)));
        }
        List<Diff> diffs = new ArrayList<>();
        for (int i = 1; i < answers.size(); i++) {
            diffs.add(diff(kind, items.get(0), items.get(i), answers.get(0), answers.get(i)));
        }
        return new Comparison(kind, items, diffs);
    }

    private static Item item(String label, JsonNode a) {
        HardMediumSoftLongScore score = HardMediumSoftLongScore.parseScore(a.path("score").asText());
        Map<String, String> constraints = new LinkedHashMap<>();
        for (JsonNode c : a.path("constraints")) {
            constraints.put(c.path("name").asText(), c.path("score").asText());
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        if ("funds".equals(a.path("kind").asText())) {
            put(figures, "objective", a.path("objective"));
            put(figures, "unallocated", a.path("unallocated"));
            put(figures, "gapToBound", a.path("gapToBound"));
            JsonNode coverage = a.path("metrics").path("optimised").path("coverage");
            for (String index : List.of("gini", "theilT", "theilL", "cv", "atkinson", "maxMinRatio")) {
                put(figures, "coverage." + index, coverage.path(index));
            }
            JsonNode perCapita = a.path("metrics").path("optimised").path("perCapita");
            put(figures, "perCapita.gini", perCapita.path("gini"));
        } else {
            for (var e : a.path("metrics").path("costs").properties()) {
                put(figures, "cost." + e.getKey(), e.getValue());
            }
            put(figures, "bound", a.path("bound"));
            put(figures, "gapToBound", a.path("gapToBound"));
            for (JsonNode s : a.path("metrics").path("services")) {
                String id = s.path("service").asText();
                put(figures, id + ".coveredShare", s.path("coveredShare"));
                put(figures, id + ".meanDistance", s.path("meanDistance"));
                put(figures, id + ".maxDistance", s.path("maxDistance"));
            }
            for (JsonNode s : a.path("metrics").path("access")) {
                String id = s.path("service").asText();
                for (String index : List.of("gini", "theilT", "cv", "maxMinRatio")) {
                    put(figures, id + ".access." + index, s.path(index));
                }
            }
        }
        return new Item(label, a.path("name").asText(null), score.toString(), score.hardScore(), score.mediumScore(),
                score.softScore(), constraints, figures);
    }

    private static void put(Map<String, Double> figures, String name, JsonNode value) {
        if (value.isNumber()) {
            figures.put(name, value.asDouble());
        }
    }

    private static Diff diff(String kind, Item from, Item to, JsonNode a, JsonNode b) {
        List<ConstraintChange> constraints = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(from.constraints().keySet());
        names.addAll(to.constraints().keySet());
        for (String name : names) {
            String x = from.constraints().getOrDefault(name, HardMediumSoftLongScore.ZERO.toString());
            String y = to.constraints().getOrDefault(name, HardMediumSoftLongScore.ZERO.toString());
            int c = HardMediumSoftLongScore.parseScore(y).compareTo(HardMediumSoftLongScore.parseScore(x));
            constraints.add(new ConstraintChange(name, x, y, c > 0 ? "better" : c < 0 ? "worse" : "same"));
        }
        int total = HardMediumSoftLongScore.parseScore(to.score()).compareTo(HardMediumSoftLongScore.parseScore(from.score()));
        String score = total > 0 ? "better" : total < 0 ? "worse" : "same";
        if ("funds".equals(kind)) {
            return new Diff(from.label(), to.label(), score, constraints, List.of(), List.of(), List.of(), regions(a, b));
        }
        Set<String> openA = texts(a.path("openSites"));
        Set<String> openB = texts(b.path("openSites"));
        List<String> opened = openB.stream().filter(s -> !openA.contains(s)).toList();
        List<String> closed = openA.stream().filter(s -> !openB.contains(s)).toList();
        Map<String, String> siteA = new LinkedHashMap<>();
        for (JsonNode x : a.path("assignments")) {
            siteA.put(x.path("demand").asText() + "\u0000" + x.path("service").asText(), x.path("site").asText());
        }
        List<Reassignment> reassigned = new ArrayList<>();
        for (JsonNode x : b.path("assignments")) {
            String key = x.path("demand").asText() + "\u0000" + x.path("service").asText();
            String before = siteA.get(key);
            if (!Objects.equals(before, x.path("site").asText())) {
                reassigned.add(new Reassignment(x.path("demand").asText(), x.path("service").asText(), before,
                        x.path("site").asText()));
            }
        }
        return new Diff(from.label(), to.label(), score, constraints, opened, closed, reassigned, List.of());
    }

    private static List<RegionChange> regions(JsonNode a, JsonNode b) {
        Map<String, JsonNode> before = new LinkedHashMap<>();
        for (JsonNode x : a.path("allocations")) {
            before.put(x.path("region").asText(), x);
        }
        List<RegionChange> out = new ArrayList<>();
        for (JsonNode y : b.path("allocations")) {
            JsonNode x = before.get(y.path("region").asText());
            double amountA = x == null ? 0 : x.path("amount").asDouble();
            double coverageA = x == null ? Double.NaN : x.path("coverage").asDouble();
            out.add(new RegionChange(y.path("region").asText(), amountA, y.path("amount").asDouble(),
                    y.path("amount").asDouble() - amountA, coverageA, y.path("coverage").asDouble()));
        }
        return out;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }
}
