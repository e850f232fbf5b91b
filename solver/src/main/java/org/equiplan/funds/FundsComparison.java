package org.equiplan.funds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.funds.FundsAnswer.Allocation;
import org.equiplan.metrics.Inequality;
import org.equiplan.solve.Comparison;

/** Transfer answers side by side: objective, bound gap and inequality of coverage; each region's change. */
final class FundsComparison {

    private FundsComparison() {}

    static Comparison of(List<String> labels, List<FundsAnswer> answers) {
        List<Comparison.Item> items = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            items.add(Comparison.item(labels.get(i), answers.get(i), figures(answers.get(i))));
        }
        List<Comparison.Diff> diffs = new ArrayList<>();
        for (int i = 1; i < answers.size(); i++) {
            diffs.add(Comparison.diff(
                    items.get(0),
                    items.get(i),
                    List.of(),
                    List.of(),
                    List.of(),
                    regions(answers.get(0), answers.get(i))));
        }
        return new Comparison(FundsProblem.KIND, items, diffs);
    }

    private static Map<String, Double> figures(FundsAnswer a) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("objective", a.objective());
        f.put("unallocated", a.unallocated());
        f.put("gapToBound", a.gapToBound());
        FundsAnswer.Distribution optimised =
                a.metrics() == null ? null : a.metrics().optimised();
        Inequality.Indices coverage = optimised == null ? null : optimised.coverage();
        if (coverage != null) {
            f.put("coverage.gini", coverage.gini());
            f.put("coverage.theilT", coverage.theilT());
            f.put("coverage.theilL", coverage.theilL());
            f.put("coverage.cv", coverage.cv());
            f.put("coverage.atkinson", coverage.atkinson());
            f.put("coverage.maxMinRatio", coverage.maxMinRatio());
        }
        if (optimised != null && optimised.perCapita() != null) {
            f.put("perCapita.gini", optimised.perCapita().gini());
        }
        return f;
    }

    /** Each region of {@code b} against {@code a}: amounts and coverage (a region new in b starts from 0). */
    private static List<Comparison.RegionChange> regions(FundsAnswer a, FundsAnswer b) {
        Map<String, Allocation> before = new LinkedHashMap<>();
        for (Allocation x : a.allocations() == null ? List.<Allocation>of() : a.allocations()) {
            before.put(x.region(), x);
        }
        List<Comparison.RegionChange> out = new ArrayList<>();
        for (Allocation y : b.allocations() == null ? List.<Allocation>of() : b.allocations()) {
            Allocation x = before.get(y.region());
            double amountA = x == null ? 0 : x.amount();
            out.add(new Comparison.RegionChange(
                    y.region(),
                    amountA,
                    y.amount(),
                    y.amount() - amountA,
                    x == null ? Double.NaN : x.coverage(),
                    y.coverage()));
        }
        return out;
    }
}
