package org.equiplan.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored references: proven optima and best plans known are read apart, and a report says which is which. */
class ReferencesTest {

    @TempDir
    Path dir;

    @Test
    void provenOptimaAndBestKnownPlansAreToldApart() throws Exception {
        Path proven = dir.resolve("proven.csv");
        Files.writeString(proven, "# proven by CBC\ninstance,optimum,source\na,100,CBC 2.10 in 12 s\n");
        Path best = dir.resolve("best.csv");
        Files.writeString(
                best,
                "# long runs\ninstance,best,bound,source\nb,45422,45363,Equiplan 300 s\nc,30113,,Equiplan 180 s\n");

        References.Reference a = References.read(proven).get("a");
        assertThat(a.value()).isEqualTo(100.0);
        assertThat(a.proven()).isTrue();
        assertThat(a.describe()).isEqualTo("CBC 2.10 in 12 s");

        Map<String, References.Reference> known = References.read(best);
        assertThat(known.get("b").value()).isEqualTo(45422.0);
        assertThat(known.get("b").proven()).isFalse();
        assertThat(known.get("b").describe()).isEqualTo("best known, not proven (optimum >= 45363): Equiplan 300 s");
        assertThat(known.get("c").bound()).isNull();
        assertThat(known.get("c").describe()).isEqualTo("best known, not proven: Equiplan 180 s");
        assertThat(References.read(dir.resolve("missing.csv"))).isEmpty();
    }
}
