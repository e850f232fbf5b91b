package org.equiplan.facilities.bound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.importers.Holmberg;
import org.junit.jupiter.api.Test;

/** The bound on Holmberg et al.'s 71 instances never exceeds their published optimum. */
class HolmbergBoundTest {

    @Test
    void boundIsBelowEveryPublishedOptimum() throws Exception {
        List<String> optima = Files.readAllLines(Path.of("../data/sscflp-holmberg/os"));
        double worst = 0;
        double sum = 0;
        for (int k = 1; k <= 71; k++) {
            FacilityProblem p = Holmberg.read(
                    Files.readString(Path.of("../data/sscflp-holmberg/p" + k), StandardCharsets.ISO_8859_1), "p" + k);
            FacilityPlan plan = FacilityPlanBuilder.build(p);
            long start = System.nanoTime();
            FacilityBound.Computed c = FacilityBound.computeAndRefine(plan, () -> false);
            double optimum = Double.parseDouble(optima.get(k - 1).trim());
            double bound = c.bound().softScaled() / (double) plan.getLimits().costScale();
            double gap = (optimum - bound) / bound;
            worst = Math.max(worst, gap);
            sum += gap;
            System.out.printf(
                    "p%d bound %.0f optimum %.0f gap %.3f%% it %d %.0f ms ub %d%n",
                    k,
                    bound,
                    optimum,
                    gap * 100,
                    c.bound().iterations(),
                    (System.nanoTime() - start) / 1e6,
                    c.cost()[0].upperBound());
            assertThat(bound).as("p" + k).isLessThanOrEqualTo(optimum);
        }
        System.out.printf("mean gap %.3f%%, worst %.3f%%%n", sum / 71 * 100, worst * 100);
    }
}
