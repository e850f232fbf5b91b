package org.equiplan.solve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * Answers of the same kind side by side: each one's score by level, constraint totals and the kind's
 * figures (cost parts, fairness indices); and, against the first, what changed: per constraint better or
 * worse, and the kind's own changes (sites opened or closed and villages moved for facilities, each
 * region's amount and coverage for transfers). Each kind builds its comparison with {@link #item} and
 * {@link #diff}; this class holds what is common.
 */
public record Comparison(
        String kind, Boolean sameProblem, List<InputDiff.Change> inputs, List<Item> items, List<Diff> diffs) {

    public Comparison(String kind, List<Item> items, List<Diff> diffs) {
        this(kind, null, List.of(), items, diffs);
    }

    /**
     * The same comparison told with the problems the answers solve. When they differ, a score is no verdict (a
     * smaller budget has a smaller objective and is not better for it): the diffs' {@code score} and the
     * constraints' {@code change} say "not comparable", {@code inputs} lists what differs in the problems against
     * the first, and the figures (cost parts, coverage, fairness) are what to read.
     */
    public Comparison withProblems(List<JsonNode> problems) {
        if (problems.size() != items.size()) {
            throw new IllegalArgumentException("one problem per answer");
        }
        List<InputDiff.Change> changes = new ArrayList<>();
        for (int i = 1; i < problems.size(); i++) {
            for (InputDiff.Change c : InputDiff.between(problems.get(0), problems.get(i))) {
                changes.add(new InputDiff.Change(items.get(i).label(), c.path(), c.from(), c.to()));
            }
        }
        boolean same = changes.isEmpty();
        List<Diff> told =
                same ? diffs : diffs.stream().map(Comparison::withoutVerdict).toList();
        return new Comparison(kind, same, changes, items, told);
    }

    private static Diff withoutVerdict(Diff d) {
        return new Diff(
                d.from(),
                d.to(),
                NOT_COMPARABLE,
                d.constraints().stream()
                        .map(c -> new ConstraintChange(c.constraint(), c.from(), c.to(), NOT_COMPARABLE))
                        .toList(),
                d.opened(),
                d.closed(),
                d.reassigned(),
                d.regions());
    }

    /** What a diff's verdict says when the answers solve different problems. */
    public static final String NOT_COMPARABLE = "not comparable: different problems";

    public record Item(
            String label,
            String name,
            String score,
            long hard,
            long medium,
            long soft,
            Map<String, String> constraints,
            Map<String, Double> figures) {}

    public record ConstraintChange(String constraint, String from, String to, String change) {}

    public record Reassignment(String demand, String service, String from, String to) {}

    public record RegionChange(
            String region,
            double amountFrom,
            double amountTo,
            double amountChange,
            double coverageFrom,
            double coverageTo) {}

    /** Differences of one answer against the first; the lists that do not apply to the kind are empty. */
    public record Diff(
            String from,
            String to,
            String score,
            List<ConstraintChange> constraints,
            List<String> opened,
            List<String> closed,
            List<Reassignment> reassigned,
            List<RegionChange> regions) {}

    /** One answer's row: its score by level, constraint totals and the kind's figures (nulls left out). */
    public static Item item(String label, Answer answer, Map<String, Double> figures) {
        HardMediumSoftLongScore score = HardMediumSoftLongScore.parseScore(answer.score());
        Map<String, String> constraints = new LinkedHashMap<>();
        for (ConstraintTotal c : answer.constraints() == null ? List.<ConstraintTotal>of() : answer.constraints()) {
            constraints.put(c.name(), c.score());
        }
        Map<String, Double> present = new LinkedHashMap<>();
        figures.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                present.put(k, v);
            }
        });
        return new Item(
                label,
                answer.name(),
                score.toString(),
                score.hardScore(),
                score.mediumScore(),
                score.softScore(),
                constraints,
                present);
    }

    /** A diff of {@code to} against {@code from}: the score and each constraint better, worse or the same. */
    public static Diff diff(
            Item from,
            Item to,
            List<String> opened,
            List<String> closed,
            List<Reassignment> reassigned,
            List<RegionChange> regions) {
        List<ConstraintChange> constraints = new java.util.ArrayList<>();
        Set<String> names = new LinkedHashSet<>(from.constraints().keySet());
        names.addAll(to.constraints().keySet());
        for (String name : names) {
            String x = from.constraints().getOrDefault(name, HardMediumSoftLongScore.ZERO.toString());
            String y = to.constraints().getOrDefault(name, HardMediumSoftLongScore.ZERO.toString());
            constraints.add(new ConstraintChange(name, x, y, change(x, y)));
        }
        return new Diff(
                from.label(),
                to.label(),
                change(from.score(), to.score()),
                constraints,
                opened,
                closed,
                reassigned,
                regions);
    }

    private static String change(String from, String to) {
        int c = HardMediumSoftLongScore.parseScore(to).compareTo(HardMediumSoftLongScore.parseScore(from));
        return c > 0 ? "better" : c < 0 ? "worse" : "same";
    }
}
