package org.equiplan.facilities.solver;

import java.util.List;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Site;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.score.director.InnerScoreDirector;

/**
 * A whole new plan for some demands, found outside the moves (by the Lagrangian heuristic or the covering
 * search), put into the working plan only if the score, with every rule of the format, says it is better.
 */
final class Restart {

    private Restart() {}

    /** Sends each assignment to its target; keeps the change if the score improves, else undoes it. */
    static boolean tryTargets(ScoreDirector<FacilityPlan> scoreDirector, List<Assignment> assignments, Site[] targets) {
        var inner = (InnerScoreDirector<FacilityPlan, ?>) scoreDirector;
        var score = (HardMediumSoftLongScore) inner.calculateScore();
        Site[] before = new Site[targets.length];
        for (int j = 0; j < targets.length; j++) {
            before[j] = assignments.get(j).getSite();
            move(scoreDirector, assignments.get(j), targets[j]);
        }
        scoreDirector.triggerVariableListeners();
        var after = (HardMediumSoftLongScore) inner.calculateScore();
        if (after.compareTo(score) > 0) {
            return true;
        }
        for (int j = 0; j < targets.length; j++) {
            move(scoreDirector, assignments.get(j), before[j]);
        }
        scoreDirector.triggerVariableListeners();
        inner.calculateScore();
        return false;
    }

    private static void move(ScoreDirector<FacilityPlan> scoreDirector, Assignment a, Site target) {
        if (a.getSite() != target) {
            scoreDirector.beforeVariableChanged(a, "site");
            a.setSite(target);
            scoreDirector.afterVariableChanged(a, "site");
        }
    }
}
