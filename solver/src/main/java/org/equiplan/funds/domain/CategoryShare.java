package org.equiplan.funds.domain;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.CountableValueRange;
import org.optaplanner.core.api.domain.valuerange.ValueRangeFactory;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * A region's transfer from one earmarked category fund, in whole units. The region's total (its
 * {@link RegionAllocation}) is the sum of its shares: region-level rules hold on that total, the category's budget
 * on the sum of its shares, and the objective is each share's (R_c + T_c)^2 / E_c, where R_c is the region's own
 * revenue apportioned to the category in proportion to its standard expenditure (so that without earmarks every
 * category of a region would end at the region's coverage, and the objective would be today's).
 */
@PlanningEntity
public class CategoryShare {

    private RegionAllocation region;
    private CategoryFund fund;
    private double revenue;
    private double expenditure;

    @PlanningVariable(valueRangeProviderRefs = "shareUnits")
    private Long units;

    public CategoryShare() {}

    public CategoryShare(RegionAllocation region, CategoryFund fund, double revenue, double expenditure) {
        this.region = region;
        this.fund = fund;
        this.revenue = revenue;
        this.expenditure = expenditure;
    }

    /** A copy on another copy of the region's cell, with the same units. */
    public CategoryShare copyFor(RegionAllocation regionCopy) {
        CategoryShare c = new CategoryShare(regionCopy, fund, revenue, expenditure);
        c.units = units;
        return c;
    }

    @ValueRangeProvider(id = "shareUnits")
    public CountableValueRange<Long> getUnitRange() {
        return ValueRangeFactory.createLongValueRange(0, region.getUpper() + 1);
    }

    /** (R_c + T_c)^2 / E_c for a transfer T_c in currency. */
    public double objectiveTermAt(double transfer) {
        double resources = revenue + transfer;
        return resources * resources / expenditure;
    }

    public double objectiveTerm() {
        return objectiveTermAt(units * region.getUnit());
    }

    /** The soft penalty: the objective term scaled to whole score units, as the regions' terms are. */
    public long penalty() {
        return Math.round(objectiveTerm() * region.getScoreScale());
    }

    /** The category's coverage in this region, (R_c + T_c) / E_c. */
    public double coverage() {
        return (revenue + units * region.getUnit()) / expenditure;
    }

    @PlanningId
    public String getPlanningId() {
        return region.getPlanningId() + "/" + fund.id();
    }

    public RegionAllocation getRegion() {
        return region;
    }

    public CategoryFund getFund() {
        return fund;
    }

    public double getRevenue() {
        return revenue;
    }

    public double getExpenditure() {
        return expenditure;
    }

    public Long getUnits() {
        return units;
    }

    public void setUnits(Long units) {
        this.units = units;
    }

    @Override
    public String toString() {
        return getPlanningId() + "=" + units;
    }
}
