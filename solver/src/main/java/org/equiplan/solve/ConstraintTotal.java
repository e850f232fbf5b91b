package org.equiplan.solve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.optaplanner.core.api.score.Score;
import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.constraint.ConstraintMatchTotal;

/** A constraint's share of the score and how many matches make it up. */
public record ConstraintTotal(String name, String score, int matches) {

    /** Every constraint of an explanation, by name. */
    public static <S extends Score<S>> List<ConstraintTotal> of(ScoreExplanation<?, S> explanation) {
        List<ConstraintTotal> totals = new ArrayList<>();
        for (ConstraintMatchTotal<S> total :
                explanation.getConstraintMatchTotalMap().values()) {
            totals.add(new ConstraintTotal(
                    total.getConstraintName(), total.getScore().toString(), total.getConstraintMatchCount()));
        }
        totals.sort(Comparator.comparing(ConstraintTotal::name));
        return totals;
    }
}
