package org.equiplan.funds.domain;

import org.equiplan.funds.Bounds;
import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.CountableValueRange;
import org.optaplanner.core.api.domain.valuerange.ValueRangeFactory;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * One region's transfer, as a whole number of units. The variable's range is already cut to the
 * rules' floors and caps; the rule constraints still exist so that any plan (the formula's, a
 * user's) is scored and explained by the same rules.
 */
@PlanningEntity
public class RegionAllocation {

    private String id;

    private String name;
    private double population;
    private double revenue;
    private double expenditure;
    private Group group;
    private Bounds bounds;
    private long lower;
    private long upper;
    private double unit;
    private double scoreScale;
    /** The floor and cap of the region's own rules, before rank preservation tightens them. */
    private long ruleLower;

    private long ruleUpper;
    /** The rank rule shared by all regions and this region's index in it; null without the rule. */
    private RankOrder rankOrder;

    private int rankIndex = -1;
    /** Year of a multi-year plan (0 otherwise), the region's position in the region list, and the year limits. */
    private int year;

    private int regionIndex;
    private YearCoupling coupling;

    /** True when the transfer is split into earmarked category shares, which then carry the objective. */
    private boolean split;

    @PlanningVariable(valueRangeProviderRefs = "units")
    private Long units;

    public RegionAllocation() {}

    public RegionAllocation(
            String id,
            String name,
            double population,
            double revenue,
            double expenditure,
            Group group,
            Bounds bounds,
            long lower,
            long upper,
            double unit,
            double scoreScale) {
        this.id = id;
        this.name = name;
        this.population = population;
        this.revenue = revenue;
        this.expenditure = expenditure;
        this.group = group;
        this.bounds = bounds;
        this.lower = lower;
        this.upper = upper;
        this.unit = unit;
        this.scoreScale = scoreScale;
        this.ruleLower = lower;
        this.ruleUpper = upper;
    }

    /** Places the cell in a multi-year plan. */
    public void inYear(int year, int regionIndex, YearCoupling coupling) {
        this.year = year;
        this.regionIndex = regionIndex;
        this.coupling = coupling;
    }

    public int getYear() {
        return year;
    }

    public int getRegionIndex() {
        return regionIndex;
    }

    public YearCoupling getCoupling() {
        return coupling;
    }

    /** A copy that is not split into categories: its own objective term counts. */
    public RegionAllocation copyWhole() {
        RegionAllocation c = copy();
        c.split = false;
        return c;
    }

    /** Marks the transfer as the sum of earmarked category shares (see CategoryShare). */
    public void splitIntoCategories() {
        this.split = true;
    }

    public boolean isSplit() {
        return split;
    }

    public double getScoreScale() {
        return scoreScale;
    }

    /** Takes part in rank preservation, with the bounds the rule implies (the own rules' stay for the formula). */
    public void rank(RankOrder order, int index, long tightenedLower, long tightenedUpper) {
        this.rankOrder = order;
        this.rankIndex = index;
        this.lower = tightenedLower;
        this.upper = tightenedUpper;
    }

    /** Narrows the value range to bounds that other rules imply (the year-on-year limits). */
    public void narrow(long impliedLower, long impliedUpper) {
        this.lower = impliedLower;
        this.upper = impliedUpper;
    }

    /** A copy with the same facts and units, for reports while the original changes. */
    public RegionAllocation copy() {
        RegionAllocation c = new RegionAllocation(
                id, name, population, revenue, expenditure, group, bounds, lower, upper, unit, scoreScale);
        c.ruleLower = ruleLower;
        c.ruleUpper = ruleUpper;
        c.rankOrder = rankOrder;
        c.rankIndex = rankIndex;
        c.year = year;
        c.regionIndex = regionIndex;
        c.coupling = coupling;
        c.split = split;
        c.units = units;
        return c;
    }

    @ValueRangeProvider(id = "units")
    public CountableValueRange<Long> getUnitRange() {
        return ValueRangeFactory.createLongValueRange(lower, upper + 1);
    }

    /** The transfer in currency. */
    public double transfer() {
        return units * unit;
    }

    public double coverage() {
        return (revenue + transfer()) / expenditure;
    }

    /** (R + T)^2 / E in currency, the region's term of the objective, at its current transfer. */
    public double objectiveTerm() {
        return objectiveTermAt(transfer());
    }

    /**
     * (R + T)^2 / E for a transfer T in currency: the one definition of the objective, used by the score, the
     * report and the continuous bound.
     */
    public double objectiveTermAt(double transfer) {
        double resources = revenue + transfer;
        return resources * resources / expenditure;
    }

    /** The soft penalty: the objective term scaled to whole score units. */
    public long penalty() {
        return Math.round(objectiveTerm() * scoreScale);
    }

    /** Cost of one more unit here, in currency: what greedy water-filling compares. */
    public double marginalCost(long atUnits) {
        double x = revenue + atUnits * unit;
        return unit * (2 * x + unit) / expenditure;
    }

    /** Unique per cell: the region's id, and the year after it in a multi-year plan. */
    @PlanningId
    public String getPlanningId() {
        return year == 0 ? id : id + "@" + year;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public double getPopulation() {
        return population;
    }

    public double getRevenue() {
        return revenue;
    }

    public double getExpenditure() {
        return expenditure;
    }

    public Group getGroup() {
        return group;
    }

    public Bounds getBounds() {
        return bounds;
    }

    public long getLower() {
        return lower;
    }

    public long getUpper() {
        return upper;
    }

    /** The floor of the region's own rules (the formula clips to it; rank preservation may lift {@link #getLower}). */
    public long getRuleLower() {
        return ruleLower;
    }

    public long getRuleUpper() {
        return ruleUpper;
    }

    public RankOrder getRankOrder() {
        return rankOrder;
    }

    public int getRankIndex() {
        return rankIndex;
    }

    public double getUnit() {
        return unit;
    }

    public Long getUnits() {
        return units;
    }

    public void setUnits(Long units) {
        this.units = units;
    }

    @Override
    public String toString() {
        return id + (year == 0 ? "" : "@" + year) + "=" + units;
    }
}
