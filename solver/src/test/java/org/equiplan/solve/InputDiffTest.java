package org.equiplan.solve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.equiplan.problem.Json;
import org.junit.jupiter.api.Test;

class InputDiffTest {

    @Test
    void recordsAreMatchedByIdNumbersByValueAndLabelsAreNotInputs() {
        var a = Json.readTree(
                "{\"name\":\"a\",\"budget\":7.4E12,\"regions\":[{\"id\":\"x\",\"standardRevenue\":3.16E11},"
                        + "{\"id\":\"y\",\"standardRevenue\":5}],\"rules\":{\"holdHarmless\":0.9}}");
        var b = Json.readTree("{\"name\":\"b\",\"budget\":6.5E12,\"regions\":[{\"id\":\"y\",\"standardRevenue\":6},"
                + "{\"id\":\"x\",\"standardRevenue\":316000000000}],\"rules\":{}}");
        List<InputDiff.Change> changes = InputDiff.between(a, b);
        assertThat(changes)
                .extracting(InputDiff.Change::path)
                .containsExactly("/budget", "/regions[id=y]/standardRevenue", "/rules/holdHarmless");
        assertThat(changes.get(2).to()).isNull();
        assertThat(InputDiff.between(a, a)).isEmpty();
    }
}
