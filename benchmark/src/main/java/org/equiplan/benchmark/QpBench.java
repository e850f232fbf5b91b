package org.equiplan.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.equiplan.funds.FundsPlanBuilder;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.importers.Counties;
import org.equiplan.funds.solver.RankedRelaxation;
import org.equiplan.funds.solver.WaterFilling;

/**
 * The transfer bound two ways on the same plans in one run: Equiplan's structured relaxation (water-filling
 * within the rank rule's implied bounds) against ojAlgo's general convex QP with the rule pairwise. Reports the
 * relative difference of the optima and the ratio of the times.
 */
final class QpBench {

    private QpBench() {}

    /** Generated counties with growth caps and eligibility, and the rank rule or not: the plans both methods see. */
    static FundsPlan plan(int n, long seed, boolean rank) {
        FundsProblem base = Counties.generate(n, seed, false, 1e6);
        return FundsPlanBuilder.build(new FundsProblem(
                base.kind(),
                base.name(),
                null,
                null,
                base.budget(),
                base.unit(),
                base.regions(),
                new FundsProblem.RulesSpec(
                        null,
                        base.rules().maxGrowth(),
                        null,
                        null,
                        true,
                        rank ? FundsProblem.RankPreservation.of(true) : null,
                        null)));
    }

    static String run(Path out) throws IOException {
        StringBuilder md = new StringBuilder(
                "| counties | rank rule | Equiplan bound | ojAlgo optimum | (ojAlgo - Equiplan) / Equiplan | ojAlgo time / Equiplan time | ojAlgo constraints | ojAlgo state |\n"
                        + "|---|---|---|---|---|---|---|---|\n");
        int[][] sizes = {{50, 1}, {100, 1}, {200, 1}, {50, 0}, {200, 0}, {800, 0}, {2800, 0}};
        for (int[] size : sizes) {
            int n = size[0];
            boolean rank = size[1] == 1;
            FundsPlan plan = plan(n, 3, rank);
            long total = plan.getRules().placeableUnits();
            long t0 = System.nanoTime();
            double ours = rank ? RankedRelaxation.bound(plan, total) : WaterFilling.continuousBound(plan, total);
            double oursSeconds = (System.nanoTime() - t0) / 1e9;
            QpCheck.Result qp = QpCheck.solve(plan, total, rank);
            String row = String.format(
                    Locale.ROOT,
                    "| %d | %s | %.6e | %.6e | %.2e | %.0fx | %d | %s |%n",
                    n,
                    rank ? "pairwise" : "none",
                    ours,
                    qp.objective(),
                    (qp.objective() - ours) / ours,
                    qp.seconds() / Math.max(oursSeconds, 1e-6),
                    qp.constraints(),
                    qp.state());
            System.out.print(row);
            md.append(row);
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("qp-check.md"), md.toString());
        return md.toString();
    }
}
