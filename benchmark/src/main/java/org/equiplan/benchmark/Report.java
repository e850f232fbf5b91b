package org.equiplan.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes the results as a Markdown table (also printed) and a CSV file. */
final class Report {

    private Report() {}

    static String markdown(List<Row> rows, double[] limits, String header) {
        StringBuilder s = new StringBuilder(header).append("\n\n");
        List<String> columns = new ArrayList<>(List.of("suite", "instance", "size", "goal", "reference", "source"));
        for (double l : limits) {
            columns.add("obj @" + label(l));
            columns.add("gap % @" + label(l));
        }
        double longest = limits[limits.length - 1];
        columns.addAll(List.of(
                "bound",
                "gap to bound % @" + label(longest),
                "to 1% (s)",
                "to 0.1% (s)",
                "score calc/s",
                "seed",
                "CBC obj",
                "CBC status",
                "CBC s",
                "note"));
        s.append("| ").append(String.join(" | ", columns)).append(" |\n");
        s.append("|").append("---|".repeat(columns.size())).append("\n");
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(List.of(
                    r.suite(),
                    r.instance(),
                    r.size(),
                    goal(r),
                    FacilityNumbers.fixed(r.reference(), 2),
                    r.referenceSource()));
            boolean funds = "funds".equals(r.suite());
            for (double l : limits) {
                Double objective = funds
                        ? r.objectiveAt().values().stream().findFirst().orElse(null)
                        : r.objectiveAt().get(l);
                Double gap = funds
                        ? (objective == null ? null : (objective - r.reference()) / r.reference() * 100)
                        : r.gapPercentAt(l);
                cells.add(FacilityNumbers.fixed(objective, 2));
                cells.add(FacilityNumbers.fixed(gap, 3));
            }
            cells.addAll(List.of(
                    FacilityNumbers.fixed(r.bound(), 2),
                    FacilityNumbers.fixed(r.gapToBoundPercentAt(longest), 3),
                    FacilityNumbers.fixed(r.secondsToWithin1Percent(), 1),
                    FacilityNumbers.fixed(r.secondsToWithin01Percent(), 1),
                    r.scoreCalculationsPerSecond() > 0 ? String.format("%,.0f", r.scoreCalculationsPerSecond()) : "",
                    Long.toString(r.seed()),
                    FacilityNumbers.fixed(r.cbcObjective(), 2),
                    r.cbcStatus() == null ? "" : r.cbcStatus(),
                    FacilityNumbers.fixed(r.cbcSeconds(), 1),
                    r.note()));
            s.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return s.append(summary(rows, limits))
                .append(spread(rows, limits[limits.length - 1]))
                .toString();
    }

    /**
     * Where instances were solved with several seeds: per instance the best, mean and worst objective at the longest
     * limit and each run's mean gap to the best of its instance's runs; two runs of one solver can end apart by more
     * than a change between solvers moves them, so a comparison needs this spread beside it. Empty with one seed.
     */
    static String spread(List<Row> rows, double limit) {
        Map<String, List<Row>> byInstance = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!"funds".equals(r.suite()) && r.objectiveAt().get(limit) != null) {
                byInstance
                        .computeIfAbsent(r.suite() + " " + r.instance(), k -> new ArrayList<>())
                        .add(r);
            }
        }
        if (byInstance.values().stream().allMatch(runs -> runs.size() < 2)) {
            return "";
        }
        StringBuilder s = new StringBuilder("\nSpread between seeds at " + label(limit)
                + " (gap: a run's objective against the best run of its instance, worse side positive)\n\n"
                + "| suite | instance | runs | best | mean | worst | mean gap to best % | widest gap % |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (List<Row> runs : byInstance.values()) {
            if (runs.size() < 2) {
                continue;
            }
            boolean max = runs.get(0).maximize();
            List<Double> values =
                    runs.stream().map(r -> r.objectiveAt().get(limit)).toList();
            double best = max ? Collections.max(values) : Collections.min(values);
            double worst = max ? Collections.min(values) : Collections.max(values);
            double mean =
                    values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double meanGap = values.stream()
                    .mapToDouble(v -> gapTo(best, v, max))
                    .average()
                    .orElseThrow();
            s.append("| ")
                    .append(String.join(
                            " | ",
                            runs.get(0).suite(),
                            runs.get(0).instance(),
                            Integer.toString(runs.size()),
                            FacilityNumbers.fixed(best, 2),
                            FacilityNumbers.fixed(mean, 2),
                            FacilityNumbers.fixed(worst, 2),
                            String.format("%.3f", meanGap),
                            String.format("%.3f", gapTo(best, worst, max))))
                    .append(" |\n");
        }
        return s.toString();
    }

    /** How far {@code value} lies from {@code best} on the worse side, in percent of the best. */
    private static double gapTo(double best, double value, boolean maximize) {
        return best == 0 ? 0 : (maximize ? best - value : value - best) / Math.abs(best) * 100;
    }

    /**
     * Per suite and limit: how many rows reach their reference, how many are within 0.1% and 0.5% of it,
     * the mean and worst gap, and the worst gap to Equiplan's own bound at the longest limit.
     */
    static String summary(List<Row> rows, double[] limits) {
        StringBuilder s = new StringBuilder(
                "\n| suite | limit | with reference | at reference | within 0.1% | within 0.5% "
                        + "| mean gap % | worst gap % | worst gap to bound % |\n|---|---|---|---|---|---|---|---|---|\n");
        List<String> suites = rows.stream()
                .map(Row::suite)
                .filter(x -> !"funds".equals(x))
                .distinct()
                .toList();
        double longest = limits[limits.length - 1];
        for (String suite : suites) {
            List<Row> mine = rows.stream().filter(r -> r.suite().equals(suite)).toList();
            for (double l : limits) {
                List<Double> gaps = mine.stream()
                        .map(r -> r.gapPercentAt(l))
                        .filter(g -> g != null)
                        .toList();
                List<Double> toBound = mine.stream()
                        .map(r -> r.gapToBoundPercentAt(l))
                        .filter(g -> g != null)
                        .toList();
                long at = gaps.stream().filter(g -> g <= 1e-9).count();
                long within01 = gaps.stream().filter(g -> g <= 0.1 + 1e-9).count();
                long within05 = gaps.stream().filter(g -> g <= 0.5 + 1e-9).count();
                double mean =
                        gaps.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                double worst =
                        gaps.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                double worstBound =
                        toBound.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                s.append("| ")
                        .append(suite)
                        .append(" | ")
                        .append(label(l))
                        .append(" | ")
                        .append(gaps.size())
                        .append(" of ")
                        .append(mine.size())
                        .append(" | ")
                        .append(at)
                        .append(" | ")
                        .append(within01)
                        .append(" | ")
                        .append(within05)
                        .append(" | ")
                        .append(gaps.isEmpty() ? "" : String.format("%.3f", mean))
                        .append(" | ")
                        .append(gaps.isEmpty() ? "" : String.format("%.3f", worst))
                        .append(" | ")
                        .append(l == longest && !toBound.isEmpty() ? String.format("%.3f", worstBound) : "")
                        .append(" |\n");
            }
        }
        return s.toString();
    }

    static void csv(List<Row> rows, double[] limits, Path file) throws IOException {
        List<String> header =
                new ArrayList<>(List.of("suite", "instance", "size", "goal", "reference", "reference_source"));
        for (double l : limits) {
            header.add("objective_at_" + label(l));
            header.add("gap_percent_at_" + label(l));
        }
        header.addAll(List.of(
                "bound",
                "gap_to_bound_percent",
                "seconds_to_within_1pct",
                "seconds_to_within_0.1pct",
                "score_calculations_per_second",
                "seed",
                "cbc_objective",
                "cbc_status",
                "cbc_seconds",
                "note"));
        try (CSVPrinter out = new CSVPrinter(
                Files.newBufferedWriter(file),
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(header.toArray(String[]::new))
                        .get())) {
            for (Row r : rows) {
                List<Object> cells = new ArrayList<>(
                        List.of(r.suite(), r.instance(), r.size(), goal(r), value(r.reference()), r.referenceSource()));
                boolean funds = "funds".equals(r.suite());
                for (double l : limits) {
                    Double objective = funds
                            ? r.objectiveAt().values().stream().findFirst().orElse(null)
                            : r.objectiveAt().get(l);
                    cells.add(value(objective));
                    cells.add(value(funds || objective == null ? null : r.gapPercentAt(l)));
                }
                cells.addAll(List.of(
                        value(r.bound()),
                        value(r.gapToBoundPercentAt(limits[limits.length - 1])),
                        value(r.secondsToWithin1Percent()),
                        value(r.secondsToWithin01Percent()),
                        r.scoreCalculationsPerSecond(),
                        r.seed(),
                        value(r.cbcObjective()),
                        r.cbcStatus() == null ? "" : r.cbcStatus(),
                        value(r.cbcSeconds()),
                        r.note()));
                out.printRecord(cells);
            }
        }
    }

    /** min or max: which way the objective is better. */
    private static String goal(Row r) {
        return r.maximize() ? "max" : "min";
    }

    private static Object value(Double v) {
        return v == null ? "" : v;
    }

    static String label(double seconds) {
        return seconds == Math.rint(seconds) ? (long) seconds + "s" : seconds + "s";
    }
}
