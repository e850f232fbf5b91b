package org.equiplan.funds.solver;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sumLong;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.equiplan.funds.Bounds;
import org.equiplan.funds.domain.CategoryShare;
import org.equiplan.funds.domain.FundsYear;
import org.equiplan.funds.domain.RankOrder;
import org.equiplan.funds.domain.RegionAllocation;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;
import org.optaplanner.core.api.score.stream.Joiners;
import org.optaplanner.core.api.score.stream.uni.UniConstraintCollector;

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
    public static final String BASIC_NEED = "Basic need";
    public static final String RANK_PRESERVATION = "Rank preservation";
    public static final String YEAR_ON_YEAR_GROWTH = "Year-on-year growth";
    public static final String YEAR_ON_YEAR_DECLINE = "Year-on-year decline";
    public static final String CATEGORY_BUDGET = "Category budget";
    public static final String CATEGORY_SPLIT = "Category split";
    public static final String CATEGORY_SPREAD = "Category coverage spread";
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
            basicNeed(factory),
            rankPreservation(factory),
            yearOnYearGrowth(factory),
            yearOnYearDecline(factory),
            unallocatedBudget(factory),
            coverageSpread(factory),
            categoryBudget(factory),
            categorySplit(factory),
            categorySpread(factory)
        };
    }

    /** Each year's transfers within that year's budget (a plan without years has one year). */
    Constraint budget(ConstraintFactory factory) {
        return factory.forEach(RegionAllocation.class)
                .groupBy(RegionAllocation::getYear, sumLong(RegionAllocation::getUnits))
                .join(FundsYear.class, Joiners.equal((year, total) -> year, FundsYear::index))
                .filter((year, total, fact) -> total > fact.rules().budgetUnits())
                .penalizeLong(
                        HardMediumSoftLongScore.ONE_HARD,
                        (year, total, fact) -> total - fact.rules().budgetUnits())
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

    /** Stage one of the two-stage floor: every county reaches its basic financial security level. */
    Constraint basicNeed(ConstraintFactory factory) {
        return belowFloor(factory, Bounds::basicNeed, BASIC_NEED);
    }

    /**
     * Units by which regions fall out of the order they had before transfers (see RankOrder). One group over
     * all regions: the rule couples every region with every one below it, and one O(n) pass per change is
     * cheaper than n^2 pairs.
     */
    Constraint rankPreservation(ConstraintFactory factory) {
        return factory.forEach(RegionAllocation.class)
                .filter(r -> r.getRankOrder() != null)
                .groupBy(RegionAllocation::getRankOrder, new RankShortfall())
                .filter((order, shortfall) -> shortfall > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (order, shortfall) -> shortfall)
                .asConstraint(RANK_PRESERVATION);
    }

    /** Collects every ranked region's units and sums the rank rule's shortfall over them. */
    static final class RankShortfall implements UniConstraintCollector<RegionAllocation, RankShortfall.Board, Long> {

        static final class Board {
            private RankOrder order;
            private RegionAllocation[] regions;

            long shortfall() {
                if (order == null) {
                    return 0;
                }
                return order.shortfall(
                        i -> regions[i] == null || regions[i].getUnits() == null ? 0 : regions[i].getUnits());
            }
        }

        @Override
        public Supplier<Board> supplier() {
            return Board::new;
        }

        @Override
        public BiFunction<Board, RegionAllocation, Runnable> accumulator() {
            return (board, r) -> {
                if (board.order == null) {
                    board.order = r.getRankOrder();
                    board.regions = new RegionAllocation[board.order.size()];
                }
                board.regions[r.getRankIndex()] = r;
                return () -> board.regions[r.getRankIndex()] = null;
            };
        }

        @Override
        public Function<Board, Long> finisher() {
            return Board::shortfall;
        }
    }

    /** Units of the budget that the rules would still let us place: spend the budget. */
    Constraint unallocatedBudget(ConstraintFactory factory) {
        return factory.forEach(RegionAllocation.class)
                .groupBy(RegionAllocation::getYear, sumLong(RegionAllocation::getUnits))
                .join(FundsYear.class, Joiners.equal((year, total) -> year, FundsYear::index))
                .filter((year, total, fact) -> total < fact.rules().placeableUnits())
                .penalizeLong(
                        HardMediumSoftLongScore.ONE_MEDIUM,
                        (year, total, fact) -> fact.rules().placeableUnits() - total)
                .asConstraint(UNALLOCATED_BUDGET);
    }

    /** A region's transfer grows at most so much from one year of a plan to the next. */
    Constraint yearOnYearGrowth(ConstraintFactory factory) {
        return consecutiveYears(factory)
                .filter((previous, current) ->
                        current.getUnits() > current.getCoupling().most(previous.getUnits()))
                .penalizeLong(
                        HardMediumSoftLongScore.ONE_HARD,
                        (previous, current) ->
                                current.getUnits() - current.getCoupling().most(previous.getUnits()))
                .asConstraint(YEAR_ON_YEAR_GROWTH);
    }

    /** A region's transfer falls at most so much from one year of a plan to the next. */
    Constraint yearOnYearDecline(ConstraintFactory factory) {
        return consecutiveYears(factory)
                .filter((previous, current) ->
                        current.getUnits() < current.getCoupling().least(previous.getUnits()))
                .penalizeLong(
                        HardMediumSoftLongScore.ONE_HARD,
                        (previous, current) -> current.getCoupling().least(previous.getUnits()) - current.getUnits())
                .asConstraint(YEAR_ON_YEAR_DECLINE);
    }

    /** Each region's cell in one year with its cell in the next. */
    private static org.optaplanner.core.api.score.stream.bi.BiConstraintStream<RegionAllocation, RegionAllocation>
            consecutiveYears(ConstraintFactory factory) {
        return factory.forEach(RegionAllocation.class)
                .filter(r -> r.getCoupling() != null)
                .join(
                        RegionAllocation.class,
                        Joiners.equal(RegionAllocation::getRegionIndex),
                        Joiners.equal(r -> r.getYear() + 1, RegionAllocation::getYear));
    }

    /** An earmarked category's shares within its budget. */
    Constraint categoryBudget(ConstraintFactory factory) {
        return factory.forEach(CategoryShare.class)
                .groupBy(CategoryShare::getFund, sumLong(CategoryShare::getUnits))
                .filter((fund, total) -> total > fund.units())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (fund, total) -> total - fund.units())
                .asConstraint(CATEGORY_BUDGET);
    }

    /**
     * A region's shares add up to its transfer, on which the region-level rules hold. Joined back to the region
     * so that a change of the region's own units re-checks the sum.
     */
    Constraint categorySplit(ConstraintFactory factory) {
        return factory.forEach(CategoryShare.class)
                .groupBy(CategoryShare::getRegion, sumLong(CategoryShare::getUnits))
                .join(RegionAllocation.class, Joiners.equal((region, sum) -> region, region -> region))
                .filter((key, sum, region) -> sum != region.getUnits())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (key, sum, region) -> Math.abs(sum - region.getUnits()))
                .asConstraint(CATEGORY_SPLIT);
    }

    /** With earmarks the objective is per share: sum over regions and categories of (R_c + T_c)^2 / E_c. */
    Constraint categorySpread(ConstraintFactory factory) {
        return factory.forEach(CategoryShare.class)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, CategoryShare::penalty)
                .asConstraint(CATEGORY_SPREAD);
    }

    Constraint coverageSpread(ConstraintFactory factory) {
        return factory.forEach(RegionAllocation.class)
                .filter(r -> !r.isSplit())
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
