package org.equiplan.facilities.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.facilities.FacilityAnswer;
import org.equiplan.facilities.FacilityModel;
import org.equiplan.facilities.FacilityPlanBuilder;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.FacilityProblem.DemandSpec;
import org.equiplan.facilities.FacilityProblem.EquityMode;
import org.equiplan.facilities.FacilityProblem.SiteSpec;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.importers.OrLibrary;
import org.equiplan.solve.SolveOptions;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;

/**
 * The solver must reach optima known independently: by enumerating every assignment of a small
 * instance with a scorer written here from the rules (not from the constraint streams), and the
 * published optimum of OR-Library pmed1.
 */
class FacilitySolverTest {

    /** Villages on a line (integer distances), capacities that bind, a budget, a travel standard. */
    private static FacilityProblem capacityTightLine(EquityMode equity, double equityWeight) {
        return TestProblems.builder()
                .service("school", 6.0, 2.0)
                .region("north", true)
                .region("south", false)
                .demand("v1", "north", 0, 0, "school", 40)
                .demand("v2", "north", 3, 0, "school", 25)
                .demand("v3", "north", 5, 0, "school", 30)
                .demand("v4", "south", 9, 0, "school", 20)
                .demand("v5", "south", 12, 0, "school", 35)
                .demand("v6", "south", 14, 0, "school", 15)
                .demand("v7", "south", 20, 0, "school", 10)
                .site("A", "school", 1, 0, 70.0, 0, SiteState.REQUIRED)
                .site("B", "school", 6, 0, 60.0, 150, SiteState.EXISTING)
                .site("C", "school", 12, 0, 80.0, 400, SiteState.CANDIDATE)
                .site("D", "school", 18, 0, 40.0, 250, SiteState.CANDIDATE)
                .budget(500)
                .open("school", null, 3, null)
                .equity(equity, equityWeight)
                .problem();
    }

    @Test
    void reachesTheEnumeratedOptimumOfACapacityTightInstance() {
        FacilityProblem problem = capacityTightLine(EquityMode.NONE, 0);
        HardMediumSoftLongScore optimum = enumerateOptimum(problem);
        // Sanity of the instance: feasible, and the standard cannot be met everywhere at once.
        assertThat(optimum.hardScore()).isZero();

        FacilityAnswer solution =
                new FacilityModel().solve(problem, new SolveOptions(20, null, optimum.toString(), 1), p -> {});
        assertThat(solution.score()).isEqualTo(optimum.toString());
        assertThat(solution.feasible()).isTrue();
        assertThat(solution.assignments()).hasSize(7);
        assertThat(solution.openSites()).contains("A");
    }

    @Test
    void reachesTheEnumeratedOptimumWithSquaredDistanceEquity() {
        FacilityProblem problem = capacityTightLine(EquityMode.SQUARED_DISTANCE, 3);
        HardMediumSoftLongScore optimum = enumerateOptimum(problem);
        FacilityAnswer solution =
                new FacilityModel().solve(problem, new SolveOptions(20, null, optimum.toString(), 7), p -> {});
        assertThat(solution.score()).isEqualTo(optimum.toString());
    }

    @Test
    void reachesThePublishedOptimumOfOrLibraryPmed1() throws Exception {
        FacilityProblem problem = OrLibrary.pMedian(Files.readString(Path.of("../data/orlib/pmed1.txt")), "pmed1");
        List<Long> bests = new ArrayList<>();
        FacilityAnswer solution = new FacilityModel()
                .solve(
                        problem,
                        new SolveOptions(60, null, "0hard/0medium/-5819soft", 0),
                        p -> bests.add(
                                HardMediumSoftLongScore.parseScore(p.score()).softScore()));
        assertThat(solution.score()).isEqualTo("0hard/0medium/-5819soft");
        assertThat(solution.openSites()).hasSize(5);
        // Progress was reported, improving monotonically.
        assertThat(bests).isNotEmpty().isSortedAccordingTo(Long::compare);
    }

    /**
     * Brute force over every single-source assignment (4^7 = 16,384), scored from the rules in the
     * README: hard = capacity excess + budget excess + open-count excess; medium = demand x km beyond
     * the standard (thousandths); soft = opening + 2 x demand x km + equity. Integer geometry keeps
     * every figure whole, so the scale is 1.
     */
    static HardMediumSoftLongScore enumerateOptimum(FacilityProblem p) {
        List<DemandSpec> demands = p.demands();
        List<SiteSpec> sites = p.sites();
        double standard = p.services().get(0).maxDistance();
        double perKm = p.services().get(0).costPerDistance();
        double equityWeight = p.objective().equity() == EquityMode.SQUARED_DISTANCE
                ? p.objective().equityWeight()
                : 0;
        int n = demands.size();
        int m = sites.size();
        int[] choice = new int[n];
        HardMediumSoftLongScore best = null;
        long combinations = (long) Math.pow(m, n);
        for (long code = 0; code < combinations; code++) {
            long c = code;
            for (int j = 0; j < n; j++) {
                choice[j] = (int) (c % m);
                c /= m;
            }
            long[] load = new long[m];
            boolean[] open = new boolean[m];
            long medium = 0;
            double soft = 0;
            for (int i = 0; i < m; i++) {
                open[i] = sites.get(i).state() == SiteState.REQUIRED;
            }
            for (int j = 0; j < n; j++) {
                SiteSpec s = sites.get(choice[j]);
                DemandSpec d = demands.get(j);
                double amount = d.demand().get("school");
                double km = Math.abs(s.x() - d.x());
                load[choice[j]] += (long) amount;
                open[choice[j]] = true;
                medium += Math.round(amount * Math.max(0, km - standard) * 1000);
                soft += amount * km * perKm + equityWeight * amount * km * km;
            }
            long hard = 0;
            long capital = 0;
            int openCount = 0;
            for (int i = 0; i < m; i++) {
                SiteSpec s = sites.get(i);
                hard += Math.max(0, load[i] - s.capacity().longValue());
                if (open[i]) {
                    openCount++;
                    soft += s.openingCost();
                    capital += s.state() == SiteState.EXISTING
                            ? 0
                            : s.openingCost().longValue();
                }
            }
            hard += Math.max(0, capital - p.limits().budget().longValue());
            hard += Math.max(0, openCount - p.limits().open().get("school").max());
            HardMediumSoftLongScore score = HardMediumSoftLongScore.of(-hard, -medium, -Math.round(soft));
            if (best == null || score.compareTo(best) > 0) {
                best = score;
            }
        }
        return best;
    }

    @Test
    void theEnumerationAgreesWithTheConstraintsOnAGivenPlan() {
        // Guards the brute force itself: one fixed plan, scored both ways.
        FacilityProblem problem = capacityTightLine(EquityMode.NONE, 0);
        var plan = FacilityPlanBuilder.build(problem);
        Map<String, String> chosen =
                new HashMap<>(Map.of("v1", "A", "v2", "A", "v3", "B", "v4", "B", "v5", "C", "v6", "C", "v7", "C"));
        chosen.forEach((demand, site) -> TestProblems.assign(plan, demand + "/school", site));
        SolutionManager<FacilityPlan, HardMediumSoftLongScore> scoring =
                SolutionManager.create(SolverFactory.create(FacilitySolver.scoringConfig()));
        HardMediumSoftLongScore score = scoring.update(plan);
        // By hand: loads A 65/70, B 50/60, C 60/80: no excess. Capital: C 400 (B exists) <= 500. 3 open <= 3.
        // Distances: v1 1, v2 2, v3 1, v4 3, v5 0, v6 2, v7 8 -> only v7 breaches 6 km: 10 x 2 = 20 -> 20,000.
        // Soft: opening A 0 + B 150 + C 400 = 550; assignment 2 x (40 + 50 + 30 + 60 + 0 + 30 + 80) = 580.
        assertThat(score).isEqualTo(HardMediumSoftLongScore.of(0, -20_000, -1130));
    }

    @Test
    void resumesFromAStoredAnswerAndExplainsIt() {
        FacilityProblem problem = capacityTightLine(EquityMode.NONE, 0);
        HardMediumSoftLongScore optimum = enumerateOptimum(problem);
        FacilityModel model = new FacilityModel();
        FacilityAnswer first = model.solve(problem, new SolveOptions(20, null, optimum.toString(), 1), p -> {});
        com.fasterxml.jackson.databind.JsonNode stored =
                org.equiplan.problem.Json.readTree(org.equiplan.problem.Json.write(first));
        // From the stored answer every assignment is kept: the optimum is there whatever the time limit.
        SolveOptions instant = new SolveOptions(0.001, null, null, 2);
        FacilityAnswer resumed = model.solve(
                problem, instant, org.equiplan.solve.SolveListener.ofProgress(p -> {}), model.readAnswer(stored));
        assertThat(resumed.score()).isEqualTo(optimum.toString());
        assertThat(resumed.assignments()).isEqualTo(first.assignments());
        var analysis = model.analyze(problem, model.readAnswer(stored));
        assertThat(analysis.score()).isEqualTo(optimum.toString());
        assertThat(analysis.villages()).hasSize(7);
        assertThat(analysis.constraints()).extracting(c -> c.name()).contains(FacilityConstraints.OPENING_COST);
    }
}
