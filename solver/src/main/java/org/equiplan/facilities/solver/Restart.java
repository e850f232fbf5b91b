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
 * search), put into the working plan only if the score, with every rule of the format, says it is better, or handed
 * to another search as a copy.
 */
final class Restart {

    private Restart() {}

    /** Sends each assignment to its target; keeps the change if the score improves, else undoes it. */
    static boolean tryTargets(ScoreDirector<FacilityPlan> scoreDirector, List<Assignment> assignments, Site[] targets) {
        var inner = (InnerScoreDirector<FacilityPlan, ?>) scoreDirector;
        var score = (HardMediumSoftLongScore) inner.calculateScore();
        Site[] before = moveAll(scoreDirector, assignments, targets);
        var after = (HardMediumSoftLongScore) inner.calculateScore();
        if (after.compareTo(score) > 0) {
            return true;
        }
        moveAll(scoreDirector, assignments, before);
        inner.calculateScore();
        return false;
    }

    /**
     * A copy of the working plan, scored, with each assignment at its target; the working plan is left as it was (for a
     * search that starts elsewhere than this one goes on from).
     */
    static FacilityPlan copyWith(
            ScoreDirector<FacilityPlan> scoreDirector, List<Assignment> assignments, Site[] targets) {
        var inner = (InnerScoreDirector<FacilityPlan, ?>) scoreDirector;
        Site[] before = moveAll(scoreDirector, assignments, targets);
        inner.calculateScore();
        FacilityPlan copy = inner.cloneWorkingSolution();
        moveAll(scoreDirector, assignments, before);
        inner.calculateScore();
        return copy;
    }

    /** Sends each assignment to its target: the sites they had. */
    private static Site[] moveAll(
            ScoreDirector<FacilityPlan> scoreDirector, List<Assignment> assignments, Site[] targets) {
        Site[] before = new Site[targets.length];
        for (int j = 0; j < targets.length; j++) {
            before[j] = assignments.get(j).getSite();
            move(scoreDirector, assignments.get(j), targets[j]);
        }
        scoreDirector.triggerVariableListeners();
        return before;
    }

    private static void move(ScoreDirector<FacilityPlan> scoreDirector, Assignment a, Site target) {
        if (a.getSite() != target) {
            scoreDirector.beforeVariableChanged(a, "site");
            a.setSite(target);
            scoreDirector.afterVariableChanged(a, "site");
        }
    }
}
