package org.equiplan.funds.domain;

import java.util.List;
import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.solution.ProblemFactProperty;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/** The planning solution: how many units each region receives. */
@PlanningSolution
public class FundsPlan {

    @ProblemFactProperty
    private FundsRules rules;

    @ProblemFactCollectionProperty
    private List<Group> groups;

    @PlanningEntityCollectionProperty
    private List<RegionAllocation> allocations;

    @PlanningScore
    private HardMediumSoftLongScore score;

    public FundsPlan() {}

    public FundsPlan(FundsRules rules, List<Group> groups, List<RegionAllocation> allocations) {
        this.rules = rules;
        this.groups = groups;
        this.allocations = allocations;
    }

    public FundsRules getRules() {
        return rules;
    }

    public List<Group> getGroups() {
        return groups;
    }

    public List<RegionAllocation> getAllocations() {
        return allocations;
    }

    public HardMediumSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardMediumSoftLongScore score) {
        this.score = score;
    }

    /** Units per region in list order (null where unset). */
    public long[] units() {
        long[] units = new long[allocations.size()];
        for (int i = 0; i < units.length; i++) {
            Long u = allocations.get(i).getUnits();
            units[i] = u == null ? 0 : u;
        }
        return units;
    }

    public void setUnits(long[] units) {
        for (int i = 0; i < units.length; i++) {
            allocations.get(i).setUnits(units[i]);
        }
    }
}
