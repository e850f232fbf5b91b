package org.equiplan.facilities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Site;
import org.junit.jupiter.api.Test;

class FacilityReportTest {

    /** 120 villages on a line, 6 schools; village i goes to school i / 20. */
    private static final FacilityProblem PROBLEM = problem();

    private static FacilityProblem problem() {
        TestProblems.Builder b =
                TestProblems.builder().service("school", null, 1.0).region("r", true);
        for (int s = 0; s < 6; s++) {
            b.site("s" + s, "school", s * 20 + 10, 0, null, 100, SiteState.CANDIDATE);
        }
        for (int i = 0; i < 120; i++) {
            b.demand("v" + i, "r", i, 0, "school", 1);
        }
        return b.problem();
    }

    private static FacilityPlan plan() {
        FacilityPlan plan = FacilityPlanBuilder.build(PROBLEM);
        for (int i = 0; i < 120; i++) {
            TestProblems.assign(plan, "v" + i + "/school", "s" + (i / 20));
        }
        return plan;
    }

    private static List<List<String>> inverseLists(FacilityPlan plan) {
        List<List<String>> lists = new ArrayList<>();
        for (Site s : plan.getSites()) {
            lists.add(s.getAssignments().stream().map(Assignment::getId).toList());
        }
        return lists;
    }

    @Test
    void reportLeavesThePlanAsItWas() {
        FacilityPlan plan = plan();
        List<List<String>> before = inverseLists(plan);
        FacilityAnswer report = FacilityReport.of(PROBLEM, plan);
        assertThat(report.score()).isEqualTo("0hard/0medium/-" + (600 + sumOfDistances()) + "soft");
        assertThat(plan.getScore()).isNull();
        assertThat(inverseLists(plan)).isEqualTo(before);
    }

    /** Each school's villages are 10 units either side of it: 0+1+...+10 + 1+...+9 per school, times 1000 (cost scale). */
    private static long sumOfDistances() {
        return 6 * (55 + 45);
    }

    /**
     * The job store reports a best-solution snapshot while the solver thread reports the same plan as
     * its final answer. Both must get the same, whole answer.
     */
    @Test
    void twoThreadsReportTheSamePlanAtOnce() throws Exception {
        FacilityPlan plan = plan();
        String expected = FacilityReport.of(PROBLEM, plan).score();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Callable<List<String>> task = () -> {
                    start.await();
                    List<String> scores = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        scores.add(FacilityReport.of(PROBLEM, plan).score());
                    }
                    return scores;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            for (Future<List<String>> f : results) {
                assertThat(f.get()).hasSize(200).containsOnly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
