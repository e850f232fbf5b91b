package org.equiplan.solve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.optaplanner.core.api.score.Score;
import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.constraint.ConstraintMatch;
import org.optaplanner.core.api.score.constraint.ConstraintMatchTotal;

/** A constraint's total and its worst matches, each with what it is about. */
public record ConstraintAnalysis(String name, String score, int matches, List<Match> top) {

    public static final int TOP = 10;

    public record Match(String score, List<String> about) {}

    public static <S extends Score<S>> List<ConstraintAnalysis> of(ScoreExplanation<?, S> explanation) {
        List<ConstraintAnalysis> out = new ArrayList<>();
        for (ConstraintMatchTotal<S> total :
                explanation.getConstraintMatchTotalMap().values()) {
            List<ConstraintMatch<S>> matches = new ArrayList<>(total.getConstraintMatchSet());
            matches.sort(Comparator.comparing(ConstraintMatch::getScore));
            List<Match> top = new ArrayList<>();
            for (ConstraintMatch<S> m : matches.subList(0, Math.min(TOP, matches.size()))) {
                top.add(new Match(
                        m.getScore().toString(),
                        m.getIndictedObjectList().stream().map(String::valueOf).toList()));
            }
            out.add(new ConstraintAnalysis(
                    total.getConstraintName(), total.getScore().toString(), total.getConstraintMatchCount(), top));
        }
        out.sort(Comparator.comparing(ConstraintAnalysis::name));
        return out;
    }
}
