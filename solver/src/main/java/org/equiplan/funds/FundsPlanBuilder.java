package org.equiplan.funds;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.FundsRules;
import org.equiplan.funds.domain.Group;
import org.equiplan.funds.domain.RegionAllocation;
import org.equiplan.funds.solver.WaterFilling;
import org.equiplan.problem.InvalidProblemException;

/** Turns a validated {@link FundsProblem} into the solver's {@link FundsPlan}, amounts in whole units. */
public final class FundsPlanBuilder {

    /** Largest total the soft score may reach, far below Long.MAX_VALUE so that sums cannot overflow. */
    static final double MAX_SCORE_TOTAL = 1e17;
    /** Finest soft resolution: thousandths of a currency unit of the objective. */
    static final double MAX_SCORE_SCALE = 1000;

    private FundsPlanBuilder() {}

    public static FundsPlan build(FundsProblem p) {
        var errors = FundsValidator.validate(p);
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        double unit = p.unit();
        long budgetUnits = Bounds.floor(BigDecimal.valueOf(p.budget()), BigDecimal.valueOf(unit));
        Map<String, Group> groups = new LinkedHashMap<>();
        for (RegionSpec r : p.regions()) {
            if (r.group() != null) {
                Double cap = p.rules() == null || p.rules().groupCaps() == null
                        ? null
                        : p.rules().groupCaps().get(r.group());
                groups.computeIfAbsent(
                        r.group(),
                        g -> new Group(
                                g,
                                cap == null
                                        ? Group.NO_CAP
                                        : Bounds.floor(BigDecimal.valueOf(cap), BigDecimal.valueOf(unit))));
            }
        }
        List<Bounds> bounds = new ArrayList<>();
        double maxTerm = 0;
        for (RegionSpec r : p.regions()) {
            Bounds b = Bounds.of(r, p.rules(), unit);
            bounds.add(b);
            double most = r.standardRevenue() + Math.min(b.upper(budgetUnits), budgetUnits) * unit;
            maxTerm = Math.max(maxTerm, most * most / r.standardExpenditure());
        }
        double scale = scoreScale(maxTerm, p.regions().size());
        List<RegionAllocation> allocations = new ArrayList<>();
        for (int i = 0; i < p.regions().size(); i++) {
            RegionSpec r = p.regions().get(i);
            Bounds b = bounds.get(i);
            allocations.add(new RegionAllocation(
                    r.id(),
                    r.name() == null ? r.id() : r.name(),
                    r.population(),
                    r.standardRevenue(),
                    r.standardExpenditure(),
                    r.group() == null ? null : groups.get(r.group()),
                    b,
                    b.lower(),
                    b.upper(budgetUnits),
                    unit,
                    scale));
        }
        long placeable = WaterFilling.placeable(allocations, budgetUnits);
        return new FundsPlan(
                new FundsRules(budgetUnits, placeable, unit, scale), new ArrayList<>(groups.values()), allocations);
    }

    /** The largest power of ten (at most 1000) that keeps n regions' scaled terms within range. */
    static double scoreScale(double maxTerm, int regions) {
        double scale = MAX_SCORE_SCALE;
        while (scale > 1e-12 && maxTerm * regions * scale > MAX_SCORE_TOTAL) {
            scale /= 10;
        }
        return scale;
    }
}
