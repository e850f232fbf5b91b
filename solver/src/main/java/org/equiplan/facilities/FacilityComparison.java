package org.equiplan.facilities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.equiplan.facilities.FacilityAnswer.AccessSpread;
import org.equiplan.facilities.FacilityAnswer.AssignmentOut;
import org.equiplan.facilities.FacilityAnswer.ServiceMetrics;
import org.equiplan.solve.Comparison;

/** Facility answers side by side: costs, bound, coverage and access spread; sites opened or closed, villages moved. */
final class FacilityComparison {

    private FacilityComparison() {}

    static Comparison of(List<String> labels, List<FacilityAnswer> answers) {
        List<Comparison.Item> items = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            items.add(Comparison.item(labels.get(i), answers.get(i), figures(answers.get(i))));
        }
        List<Comparison.Diff> diffs = new ArrayList<>();
        FacilityAnswer first = answers.get(0);
        for (int i = 1; i < answers.size(); i++) {
            FacilityAnswer other = answers.get(i);
            Set<String> openA = new LinkedHashSet<>(orEmpty(first.openSites()));
            Set<String> openB = new LinkedHashSet<>(orEmpty(other.openSites()));
            diffs.add(Comparison.diff(
                    items.get(0),
                    items.get(i),
                    openB.stream().filter(s -> !openA.contains(s)).toList(),
                    openA.stream().filter(s -> !openB.contains(s)).toList(),
                    reassigned(first, other),
                    List.of()));
        }
        return new Comparison(FacilityProblem.KIND, items, diffs);
    }

    private static Map<String, Double> figures(FacilityAnswer a) {
        Map<String, Double> f = new LinkedHashMap<>();
        if (a.metrics() != null && a.metrics().costs() != null) {
            FacilityAnswer.Costs c = a.metrics().costs();
            f.put("cost.openingCost", c.openingCost());
            f.put("cost.assignmentCost", c.assignmentCost());
            f.put("cost.equityCost", c.equityCost());
            f.put("cost.longestTripCost", c.longestTripCost());
            f.put("cost.objective", c.objective());
            f.put("cost.capitalSpent", c.capitalSpent());
            f.put("cost.budget", c.budget());
        }
        f.put("bound", a.bound());
        f.put("gapToBound", a.gapToBound());
        if (a.metrics() != null) {
            for (ServiceMetrics s : orEmpty(a.metrics().services())) {
                f.put(s.service() + ".coveredShare", s.coveredShare());
                f.put(s.service() + ".meanDistance", s.meanDistance());
                f.put(s.service() + ".maxDistance", s.maxDistance());
            }
            for (AccessSpread s : orEmpty(a.metrics().access())) {
                f.put(s.service() + ".access.gini", s.gini());
                f.put(s.service() + ".access.theilT", s.theilT());
                f.put(s.service() + ".access.cv", s.cv());
                f.put(s.service() + ".access.maxMinRatio", s.maxMinRatio());
            }
        }
        return f;
    }

    /** Villages (per service) whose site differs in {@code b}. */
    private static List<Comparison.Reassignment> reassigned(FacilityAnswer a, FacilityAnswer b) {
        Map<String, String> siteA = new LinkedHashMap<>();
        for (AssignmentOut x : orEmpty(a.assignments())) {
            siteA.put(x.demand() + "\u0000" + x.service(), x.site());
        }
        List<Comparison.Reassignment> out = new ArrayList<>();
        for (AssignmentOut x : orEmpty(b.assignments())) {
            String before = siteA.get(x.demand() + "\u0000" + x.service());
            if (!Objects.equals(before, x.site())) {
                out.add(new Comparison.Reassignment(x.demand(), x.service(), before, x.site()));
            }
        }
        return out;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
