package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Site;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.AbstractMove;

/**
 * Moves a set of assignments to new sites in one step. Every custom neighbourhood (close a site,
 * open a site, swap an open site for a closed one, change, swap) is expressed as one of these, so
 * that a capacity-tight plan can change which sites are open without passing through infeasible
 * intermediate states.
 */
public final class ReassignMove extends AbstractMove<FacilityPlan> {

    private final String kind;
    private final List<Assignment> assignments;
    private final List<Site> targets;

    public ReassignMove(String kind, List<Assignment> assignments, List<Site> targets) {
        if (assignments.size() != targets.size()) {
            throw new IllegalArgumentException("one target per assignment");
        }
        this.kind = kind;
        this.assignments = assignments;
        this.targets = targets;
    }

    @Override
    public boolean isMoveDoable(ScoreDirector<FacilityPlan> scoreDirector) {
        for (int i = 0; i < assignments.size(); i++) {
            if (assignments.get(i).getSite() != targets.get(i)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected ReassignMove createUndoMove(ScoreDirector<FacilityPlan> scoreDirector) {
        List<Site> previous = new ArrayList<>(assignments.size());
        for (Assignment a : assignments) {
            previous.add(a.getSite());
        }
        // Undo in reverse order so that an assignment listed twice ends where it started.
        List<Assignment> reversedAssignments = new ArrayList<>(assignments);
        java.util.Collections.reverse(reversedAssignments);
        java.util.Collections.reverse(previous);
        return new ReassignMove(kind, reversedAssignments, previous);
    }

    @Override
    protected void doMoveOnGenuineVariables(ScoreDirector<FacilityPlan> scoreDirector) {
        for (int i = 0; i < assignments.size(); i++) {
            Assignment a = assignments.get(i);
            Site target = targets.get(i);
            if (a.getSite() != target) {
                scoreDirector.beforeVariableChanged(a, "site");
                a.setSite(target);
                scoreDirector.afterVariableChanged(a, "site");
            }
        }
    }

    @Override
    public ReassignMove rebase(ScoreDirector<FacilityPlan> destinationScoreDirector) {
        return new ReassignMove(
                kind, rebaseList(assignments, destinationScoreDirector), rebaseList(targets, destinationScoreDirector));
    }

    @Override
    public String getSimpleMoveTypeDescription() {
        return "ReassignMove(" + kind + ")";
    }

    @Override
    public Collection<? extends Object> getPlanningEntities() {
        return assignments;
    }

    @Override
    public Collection<? extends Object> getPlanningValues() {
        return new LinkedHashSet<>(targets);
    }

    public String kind() {
        return kind;
    }

    public int size() {
        return assignments.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReassignMove other
                && kind.equals(other.kind)
                && assignments.equals(other.assignments)
                && targets.equals(other.targets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, assignments, targets);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(kind).append(" {");
        for (int i = 0; i < assignments.size(); i++) {
            s.append(i == 0 ? "" : ", ")
                    .append(assignments.get(i).getId())
                    .append(" -> ")
                    .append(targets.get(i));
        }
        return s.append('}').toString();
    }
}
