package org.equiplan.funds.solver;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sumLong;

import org.equiplan.funds.Bounds;
import org.equiplan.funds.domain.FundsRules;
import org.equiplan.funds.domain.RegionAllocation;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

/**
 * The transfer rules. Hard: budget and every allocation rule, each in units. Medium: budget the
 * caps would still let us place. Soft: sum of (R + T)^2 / E, which with the total fixed is the
 * E-weighted variance of coverage, so minimising it evens coverage out.
 */
public class FundsConstraints implements ConstraintProvider {

    public static final String BUDGET = "Budget";
    public static final String MINIMUM_TRANSFER = "Minimum transfer";
    public static final String MAXIMUM_TRANSFER = "Maximum transfer";
    public static final String HOLD_HARMLESS = "Hold harmless";
    public static final String MAXIMUM_GROWTH = "Maximum growth";
    public static final String GUARANTEED_COVERAGE = "Guaranteed coverage";
    public static final String ELIGIBILITY = "Eligibility";
    public static final String GROUP_CAP = "Group cap";
    public static final String UNALLOCATED_BUDGET = "Unallocated budget";
    public static final String COVERAGE_SPREAD = "Coverage spread";

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
            budget(factory),
            minimumTransfer(factory),
            maximumTransfer(factory),
            holdHarmless(factory),
            maximumGrowth(factory),
            guaranteedCoverage(factory),
            eligibility(factory),
            groupCap(factory),
            unallocatedBudget(factory),
            coverageSpread(factory)
        };
    }

    Constraint budget(ConstraintFactory factory) {
        return factory.forEach(RegionAllocation.class)
                .groupBy(sumLong(RegionAllocation::getUnits))
                .join(FundsRules.class)
                .filter((total, rules) -> total > rules.budgetUnits())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (total, rules) -> total - rules.budgetUnits())
                .asConstraint(BUDGET);
    }

    Constraint minimumTransfer(ConstraintFactory factory) {
        return belowFloor(factory, Bounds::minTransfer, MINIMUM_TRANSFER);
    }

    Constraint maximumTransfer(ConstraintFactory factory) {
        return aboveCap(factory, Bounds::maxTransfer, MAXIMUM_TRANSFER);
    }

    Constraint holdHarmless(ConstraintFactory factory) {
        return belowFloor(factory, Bounds::holdHarmless, HOLD_HARMLESS);
    }

    Constraint maximumGrowth(ConstraintFactory factory) {
        return aboveCap(factory, Bounds::maxGrowth, MAXIMUM_GROWTH);
    }

    Constraint guaranteedCoverage(ConstraintFactory factory) {
        return belowFloor(factory, Bounds::guarantee, GUARANTEED_COVERAGE);
    }

    /** Regions that are not eligible receive nothing. */
    Constraint eligibility(ConstraintFactory factory) {
        return factory.forEach(RegionAllocation.class)
                .filter(r -> !r.getBounds().eligible() && r.getUnits() > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, RegionAllocation::getUnits)
                .asConstraint(ELIGIBILITY);
    }

    Constraint groupCap(ConstraintFactory factory) {
        return factory.forEach(RegionAllocation.class)
                .filter(r -> r.getGroup() != null && r.getGroup().hasCap())
                .groupBy(RegionAllocation::getGroup, sumLong(RegionAllocation::getUnits))
                .filter((group, total) -> total > group.capUnits())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (group, total) -> total - group.capUnits())
                .asConstraint(GROUP_CAP);
    }

    /** Units of the budget that the rules would still let us place: spend the budget. */
    Constraint unallocatedBudget(ConstraintFactory factory) {
        return factory.forEach(RegionAllocation.class)
                .groupBy(sumLong(RegionAllocation::getUnits))
                .join(FundsRules.class)
                .filter((total, rules) -> total < rules.placeableUnits())
                .penalizeLong(HardMediumSoftLongScore.ONE_MEDIUM, (total, rules) -> rules.placeableUnits() - total)
                .asConstraint(UNALLOCATED_BUDGET);
    }

    Constraint coverageSpread(ConstraintFactory factory) {
        return factory.forEach(RegionAllocation.class)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, RegionAllocation::penalty)
                .asConstraint(COVERAGE_SPREAD);
    }

    private static Constraint belowFloor(
            ConstraintFactory factory, java.util.function.ToLongFunction<Bounds> floor, String name) {
        return factory.forEach(RegionAllocation.class)
                .filter(r -> floor.applyAsLong(r.getBounds()) != Bounds.NONE
                        && r.getUnits() < floor.applyAsLong(r.getBounds()))
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, r -> floor.applyAsLong(r.getBounds()) - r.getUnits())
                .asConstraint(name);
    }

    private static Constraint aboveCap(
            ConstraintFactory factory, java.util.function.ToLongFunction<Bounds> cap, String name) {
        return factory.forEach(RegionAllocation.class)
                .filter(r ->
                        cap.applyAsLong(r.getBounds()) != Bounds.NONE && r.getUnits() > cap.applyAsLong(r.getBounds()))
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, r -> r.getUnits() - cap.applyAsLong(r.getBounds()))
                .asConstraint(name);
    }
}
