package org.equiplan.facilities.bound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.FacilityProblem.EquityMode;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.FacilityProblem.TravelStandardPenalty;
import org.equiplan.facilities.FacilityValidator;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.LowerBound;
import org.equiplan.facilities.domain.Site;
import org.equiplan.facilities.importers.OrLibrary;
import org.equiplan.facilities.solver.FacilitySolver;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;

/**
 * The lower bound against optima found without it: by enumerating every assignment of small random
 * problems (scored by the constraints), and the published optima of OR-Library pmed1.
 */
class FacilityBoundTest {

    private static final SolutionManager<FacilityPlan, HardMediumSoftLongScore> SCORING =
            SolutionManager.create(SolverFactory.create(FacilitySolver.scoringConfig()));

    /** The least soft and medium scores over every assignment that meets the hard rules; null if none does. */
    private record Optimum(long soft, long medium) {}

    private static Optimum enumerate(FacilityPlan plan) {
        List<Assignment> assignments = plan.getAssignments();
        int n = assignments.size();
        int[] choice = new int[n];
        long bestSoft = Long.MAX_VALUE;
        long bestMedium = Long.MAX_VALUE;
        boolean any = false;
        while (true) {
            for (Site s : plan.getSites()) {
                s.getAssignments().clear();
            }
            for (int j = 0; j < n; j++) {
                Assignment a = assignments.get(j);
                Site site = a.getAllowedSites().get(choice[j]);
                a.setSite(site);
                site.getAssignments().add(a);
            }
            HardMediumSoftLongScore score = SCORING.update(plan);
            if (score.hardScore() == 0) {
                any = true;
                bestSoft = Math.min(bestSoft, -score.softScore());
                bestMedium = Math.min(bestMedium, -score.mediumScore());
            }
            int j = 0;
            while (j < n && ++choice[j] == assignments.get(j).getAllowedSites().size()) {
                choice[j++] = 0;
            }
            if (j == n) {
                break;
            }
        }
        return any ? new Optimum(bestSoft, bestMedium) : null;
    }

    /** A random small problem: any mix of capacities, states, counts, budget, equity, longest trip, standards. */
    private static FacilityProblem random(Random r) {
        TestProblems.Builder b = TestProblems.builder();
        boolean standard = r.nextBoolean();
        b.service("s", standard ? 3.0 + r.nextInt(4) : null, 1 + r.nextInt(3));
        b.region("north", true).region("south", false);
        int sites = 2 + r.nextInt(3);
        int demands = sites == 4 ? 5 : 6;
        long totalDemand = 0;
        for (int j = 0; j < demands; j++) {
            int amount = 1 + r.nextInt(9);
            totalDemand += amount;
            b.demand("d" + j, r.nextBoolean() ? "north" : "south", r.nextInt(10), r.nextInt(10), "s", amount);
        }
        for (int i = 0; i < sites; i++) {
            Double capacity = r.nextInt(4) == 0 ? null : (double) (totalDemand / sites + 2 + r.nextInt(12));
            SiteState state = SiteState.values()[r.nextInt(SiteState.values().length)];
            b.site("x" + i, "s", r.nextInt(10), r.nextInt(10), capacity, r.nextInt(30), state);
        }
        switch (r.nextInt(4)) {
            case 0 -> b.open("s", null, null, 1 + r.nextInt(sites));
            case 1 -> b.open("s", 1, 1 + r.nextInt(sites), null);
            default -> {}
        }
        if (r.nextInt(4) == 0) {
            b.budget(20 + r.nextInt(40));
        }
        EquityMode equity = EquityMode.values()[r.nextInt(EquityMode.values().length)];
        b.equity(equity, r.nextInt(3));
        if (r.nextInt(3) == 0) {
            b.longestTrip(1 + r.nextInt(20));
        }
        if (standard && r.nextBoolean()) {
            b.travelStandardPenalty(TravelStandardPenalty.UNCOVERED_DEMAND);
        }
        return b.problem();
    }

    @Test
    void boundIsBelowTheEnumeratedOptimumOfRandomSmallProblems() {
        Random r = new Random(20261129);
        int checked = 0;
        int exact = 0;
        for (int instance = 0; instance < 300 && checked < 60; instance++) {
            FacilityProblem problem = random(r);
            if (!FacilityValidator.validate(problem).isEmpty()) {
                continue;
            }
            FacilityPlan plan = FacilityPlanBuilder.build(problem);
            LowerBound bound = FacilityBound.computeAndRefine(plan, () -> false).bound();
            Optimum optimum = enumerate(plan);
            if (optimum == null) {
                continue;
            }
            checked++;
            assertThat(bound.softScaled())
                    .as("soft bound of instance %d", instance)
                    .isLessThanOrEqualTo(optimum.soft());
            assertThat(bound.breach())
                    .as("breach bound of instance %d", instance)
                    .isLessThanOrEqualTo(optimum.medium());
            exact += bound.softScaled() == optimum.soft() ? 1 : 0;
        }
        assertThat(checked).isGreaterThanOrEqualTo(40);
        // Not a requirement of validity, but a bound that is never tight would be useless.
        assertThat(exact).isGreaterThan(checked / 4);
    }

    @Test
    void boundIsExactWithOneSitePerService() {
        FacilityProblem problem = TestProblems.builder()
                .service("school", null, 2.0)
                .service("clinic", null, 1.0)
                .region("r", true)
                .demand("v1", "r", 0, 0, Map.of("school", 10.0, "clinic", 4.0))
                .demand("v2", "r", 3, 4, Map.of("school", 5.0))
                .demand("v3", "r", 6, 8, Map.of("clinic", 7.0))
                .site("S", "school", 0, 0, 50.0, 100, SiteState.CANDIDATE)
                .site("C", "clinic", 6, 8, null, 40, SiteState.EXISTING)
                .problem();
        FacilityPlan plan = FacilityPlanBuilder.build(problem);
        // School: 100 + 2 x (10 x 0 + 5 x 5) = 150; clinic: 40 + 4 x 10 + 7 x 0 = 80.
        assertThat(FacilityBound.computeAndRefine(plan, () -> false).bound().softScaled())
                .isEqualTo(230);
    }

    @Test
    void pmed1BoundIsAtMostItsPublishedOptimumAndClose() throws Exception {
        FacilityProblem problem = OrLibrary.pMedian(Files.readString(Path.of("../data/orlib/pmed1.txt")), "pmed1");
        LowerBound bound = FacilityBound.computeAndRefine(FacilityPlanBuilder.build(problem), () -> false)
                .bound();
        assertThat(bound.softScaled()).isLessThanOrEqualTo(5819).isGreaterThanOrEqualTo(Math.round(5819 * 0.99));
    }

    @Test
    void boundIsAtMostThePublishedOptimumOfEveryOrLibraryPmedInstance() throws Exception {
        Map<String, Long> optima = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("../data/orlib/pmedopt.txt"))) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].startsWith("pmed")) {
                optima.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        int tight = 0;
        for (int n = 1; n <= 40; n++) {
            FacilityProblem problem =
                    OrLibrary.pMedian(Files.readString(Path.of("../data/orlib/pmed" + n + ".txt")), "pmed" + n);
            long bound = FacilityBound.computeAndRefine(FacilityPlanBuilder.build(problem), () -> false)
                    .bound()
                    .softScaled();
            long optimum = optima.get("pmed" + n);
            assertThat(bound).as("pmed%d", n).isLessThanOrEqualTo(optimum).isGreaterThan(optimum * 98 / 100);
            tight += bound == optimum ? 1 : 0;
        }
        // The p-median Lagrangian is exact on many of them (it then proves the optimum).
        assertThat(tight).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aStopRequestLeavesAValidButWeakerBound() throws Exception {
        FacilityProblem problem = OrLibrary.pMedian(Files.readString(Path.of("../data/orlib/pmed1.txt")), "pmed1");
        LowerBound bound = FacilityBound.computeAndRefine(FacilityPlanBuilder.build(problem), () -> true)
                .bound();
        assertThat(bound.softScaled()).isBetween(0L, 5819L);
        assertThat(bound.iterations()).isEqualTo(1);
    }
}
