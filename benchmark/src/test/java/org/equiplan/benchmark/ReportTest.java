package org.equiplan.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spread between seeds that the report adds when instances were solved more than once. */
class ReportTest {

    private static Row run(String instance, long seed, double objective, boolean maximize) {
        return new Row(
                "tight",
                instance,
                "30 x 200",
                null,
                "none",
                Map.of(30.0, objective),
                null,
                null,
                0,
                seed,
                null,
                null,
                null,
                "",
                maximize,
                null,
                null);
    }

    @Test
    void instancesSolvedWithSeveralSeedsGetTheirBestMeanWorstAndGaps() {
        List<Row> rows = List.of(
                run("a", 0, 100, false),
                run("a", 1, 102, false),
                run("a", 2, 101, false),
                run("b", 0, 50, false),
                run("c", 0, 200, true),
                run("c", 1, 190, true));

        String spread = Report.spread(rows, 30);

        assertThat(spread)
                .contains("| tight | a | 3 | 100.00 | 101.00 | 102.00 | 1.000 | 2.000 |")
                .contains("| tight | c | 2 | 200.00 | 195.00 | 190.00 | 2.500 | 5.000 |")
                .doesNotContain("| tight | b |");
    }

    @Test
    void oneSeedAddsNothing() {
        assertThat(Report.spread(List.of(run("a", 0, 100, false), run("b", 0, 50, false)), 30))
                .isEmpty();
    }
}
