package org.equiplan.funds.solver;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RegionAllocation;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.AbstractMove;

/** Sets one or two regions' units at once: a shift of k units from one region to another, or a single change. */
public final class UnitsMove extends AbstractMove<FundsPlan> {

    private final List<RegionAllocation> regions;
    private final List<Long> units;

    public UnitsMove(List<RegionAllocation> regions, List<Long> units) {
        this.regions = regions;
        this.units = units;
    }

    /** Moves {@code k} units from one region to another, keeping the total. */
    public static UnitsMove shift(RegionAllocation from, RegionAllocation to, long k) {
        return new UnitsMove(List.of(from, to), List.of(from.getUnits() - k, to.getUnits() + k));
    }

    @Override
    public boolean isMoveDoable(ScoreDirector<FundsPlan> scoreDirector) {
        for (int i = 0; i < regions.size(); i++) {
            if (!units.get(i).equals(regions.get(i).getUnits())) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected UnitsMove createUndoMove(ScoreDirector<FundsPlan> scoreDirector) {
        return new UnitsMove(
                regions, regions.stream().map(RegionAllocation::getUnits).toList());
    }

    @Override
    protected void doMoveOnGenuineVariables(ScoreDirector<FundsPlan> scoreDirector) {
        for (int i = 0; i < regions.size(); i++) {
            RegionAllocation r = regions.get(i);
            scoreDirector.beforeVariableChanged(r, "units");
            r.setUnits(units.get(i));
            scoreDirector.afterVariableChanged(r, "units");
        }
    }

    @Override
    public UnitsMove rebase(ScoreDirector<FundsPlan> destinationScoreDirector) {
        return new UnitsMove(rebaseList(regions, destinationScoreDirector), units);
    }

    @Override
    public Collection<? extends Object> getPlanningEntities() {
        return regions;
    }

    @Override
    public Collection<? extends Object> getPlanningValues() {
        return units;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitsMove other && regions.equals(other.regions) && units.equals(other.units);
    }

    @Override
    public int hashCode() {
        return Objects.hash(regions, units);
    }

    @Override
    public String toString() {
        return "UnitsMove" + regions + " -> " + units;
    }
}
