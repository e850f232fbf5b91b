package org.equiplan.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke suite, so that the benchmark code cannot rot: it must run, write its table, and never
 * report an objective better than a proven or published optimum (that would be a scoring bug).
 */
class SmokeTest {

    @TempDir
    Path out;

    @Test
    void smokeSuiteWritesRowsThatRespectTheReferences() throws Exception {
        assertThat(Main.run(
                        "--suite", "smoke", "--data", "../data", "--references", "references", "--out", out.toString()))
                .isZero();
        Path csv;
        try (var files = Files.list(out)) {
            csv = files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow();
        }
        List<CSVRecord> rows;
        try (Reader reader = Files.newBufferedReader(csv)) {
            rows = CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(reader)
                    .getRecords();
        }
        assertThat(rows)
                .extracting(r -> r.get("suite"))
                .contains("pmed", "pcenter", "sf", "cflp", "tight", "holmberg", "province", "covering", "funds");
        // The San Francisco models: p-median, p-center and maximal covering (which is maximised).
        assertThat(rows)
                .extracting(r -> r.get("instance") + " " + r.get("goal"))
                .contains("sf-pmedian-p2 min", "sf-pcenter-p2 min", "sf-mclp-p2 max");
        for (CSVRecord r : rows) {
            String objective = r.get("objective_at_3s");
            // A best plan known (not proven) may be beaten; a proven or published optimum may not.
            String reference = r.get("reference_source").startsWith("best known") ? "" : r.get("reference");
            assertThat(objective).as(r.get("instance")).isNotBlank();
            if (!reference.isBlank() && r.get("goal").equals("min")) {
                assertThat(Double.parseDouble(objective))
                        .as(r.get("instance"))
                        .isGreaterThanOrEqualTo(Double.parseDouble(reference) * (1 - 1e-9));
            } else if (!reference.isBlank()) {
                assertThat(Double.parseDouble(objective))
                        .as(r.get("instance"))
                        .isLessThanOrEqualTo(Double.parseDouble(reference) * (1 + 1e-9));
            }
        }
        // Every facility row that has Equiplan's bound respects it: a bound above the answer would be a bug.
        for (CSVRecord r : rows) {
            if (!r.get("bound").isBlank() && r.get("goal").equals("min")) {
                assertThat(Double.parseDouble(r.get("bound")))
                        .as(r.get("instance"))
                        .isLessThanOrEqualTo(Double.parseDouble(r.get("objective_at_3s")) * (1 + 1e-9));
            }
        }
        // Holmberg p1: the published optimum, proven by the bound.
        CSVRecord p1 = rows.stream()
                .filter(r -> r.get("instance").equals("holmberg-p1"))
                .findFirst()
                .orElseThrow();
        assertThat(Double.parseDouble(p1.get("objective_at_3s"))).isEqualTo(8848.0);
        assertThat(Double.parseDouble(p1.get("bound"))).isEqualTo(8848.0);
        // The exact transfer solver agrees with the textbook greedy.
        assertThat(rows.stream()
                        .filter(r -> r.get("suite").equals("funds"))
                        .findFirst()
                        .orElseThrow()
                        .get("note"))
                .contains("fast = reference: true");
        try (var files = Files.list(out)) {
            assertThat(files.filter(f -> f.toString().endsWith(".md"))).hasSize(1);
        }
    }
}
