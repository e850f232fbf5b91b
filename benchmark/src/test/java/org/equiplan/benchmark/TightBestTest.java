package org.equiplan.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Site;
import org.equiplan.facilities.solver.FacilitySolver;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The best plans known for the tight sets (benchmark/references/tight-best.csv) are real: each stored plan, scored
 * by the solver's own constraints, is feasible and costs exactly what its line says, no best value lies above a
 * stored plan's cost, and none below the bound stored beside it.
 */
class TightBestTest {

    private static final Path REFERENCES = Path.of("references");

    @Test
    void storedPlansCostWhatTheReferencesSay() throws Exception {
        Map<String, References.Reference> best = References.read(REFERENCES.resolve("tight-best.csv"));
        assertThat(best).hasSize(20);
        for (var e : best.entrySet()) {
            assertThat(e.getValue().proven()).isFalse();
            assertThat(e.getValue().bound()).as(e.getKey()).isNotNull();
            assertThat(e.getValue().bound())
                    .as(e.getKey())
                    .isLessThanOrEqualTo(e.getValue().value());
        }
        int checked = 0;
        for (CSVRecord plan : plans()) {
            String name = plan.get("instance");
            FacilityPlan built = FacilityPlanBuilder.build(instance(name));
            Map<String, Site> sites = new HashMap<>();
            for (Site s : built.getSites()) {
                sites.put(s.getId(), s);
            }
            String[] siteOf = plan.get("sites").trim().split(" ");
            assertThat(siteOf).as(name).hasSize(built.getAssignments().size());
            for (Assignment a : built.getAssignments()) {
                int customer = Integer.parseInt(a.getDemand().id().substring(1)) - 1;
                Site site = sites.get(siteOf[customer]);
                a.setSite(site);
                site.getAssignments().add(a); // both sides of the inverse relation, as OptaPlanner checks
            }
            HardMediumSoftLongScore score = FacilitySolver.SCORING.update(built);
            assertThat(score.isFeasible()).as(name).isTrue();
            assertThat(score.mediumScore()).as(name).isZero();
            double cost = -score.softScore() / (double) built.getLimits().costScale();
            assertThat(cost).as(name).isEqualTo(Double.parseDouble(plan.get("cost")));
            assertThat(best.get(name).value()).as(name).isLessThanOrEqualTo(cost);
            checked++;
        }
        assertThat(checked).isPositive();
    }

    /** "tight-80x400-r3.5-s1": the generator's sizes, ratio and seed. */
    private static org.equiplan.facilities.FacilityProblem instance(String name) {
        String[] part = name.split("-");
        String[] size = part[1].split("x");
        return Instances.tight(
                Integer.parseInt(size[0]),
                Integer.parseInt(size[1]),
                Double.parseDouble(part[2].substring(1)),
                Long.parseLong(part[3].substring(1)));
    }

    private static java.util.List<CSVRecord> plans() throws Exception {
        try (Reader reader = Files.newBufferedReader(REFERENCES.resolve("tight-best-plans.csv"))) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setCommentMarker('#')
                    .get()
                    .parse(reader)
                    .getRecords();
        }
    }
}
