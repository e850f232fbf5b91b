package org.equiplan.funds;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.FundsRules;
import org.equiplan.funds.domain.FundsYear;
import org.equiplan.funds.domain.Group;
import org.equiplan.funds.domain.RankOrder;
import org.equiplan.funds.domain.RegionAllocation;
import org.equiplan.funds.domain.YearCoupling;
import org.equiplan.funds.earmark.Earmarks;
import org.equiplan.funds.multiyear.YearProblems;
import org.equiplan.funds.multiyear.YearTightening;
import org.equiplan.funds.solver.WaterFilling;
import org.equiplan.problem.InvalidProblemException;

/** Turns a validated {@link FundsProblem} into the solver's {@link FundsPlan}, amounts in whole units. */
public final class FundsPlanBuilder {

    /** Largest total the soft score may reach, far below Long.MAX_VALUE so that sums cannot overflow. */
    static final double MAX_SCORE_TOTAL = 1e17;
    /** Finest soft resolution: thousandths of a currency unit of the objective. */
    static final double MAX_SCORE_SCALE = 1000;

    private FundsPlanBuilder() {}

    public static FundsPlan build(FundsProblem problem) {
        var errors = FundsValidator.validate(problem);
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        List<FundsProblem> years = YearProblems.of(problem);
        // One score scale for all years, so that their terms add up in the same units.
        double maxTerm = 0;
        for (FundsProblem p : years) {
            maxTerm = Math.max(maxTerm, maxTerm(p));
        }
        double scale = scoreScale(maxTerm, problem.regions().size() * years.size());
        YearCoupling coupling = coupling(problem);
        List<FundsYear> facts = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        List<RegionAllocation> allocations = new ArrayList<>();
        for (int y = 0; y < years.size(); y++) {
            FundsPlan plan = buildYear(years.get(y), y, scale);
            facts.add(new FundsYear(y, YearProblems.label(problem, y), plan.getRules()));
            groups.addAll(plan.getGroups());
            for (int i = 0; i < plan.getAllocations().size(); i++) {
                RegionAllocation cell = plan.getAllocations().get(i);
                cell.inYear(y, i, coupling);
                allocations.add(cell);
            }
        }
        if (problem.earmarked()) {
            // Each year's budget is its earmarked budgets' total in whole units, each of which must be placed.
            for (int y = 0; y < facts.size(); y++) {
                final int year = y;
                FundsRules r = facts.get(y).rules();
                long total = Earmarks.yearUnits(problem, y);
                List<RegionAllocation> cells =
                        allocations.stream().filter(a -> a.getYear() == year).toList();
                facts.set(
                        y,
                        new FundsYear(
                                y,
                                facts.get(y).label(),
                                new FundsRules(
                                        total,
                                        WaterFilling.placeable(cells, total),
                                        r.unit(),
                                        r.scoreScale(),
                                        r.difficulty())));
            }
        }
        if (years.size() == 1 && problem.earmarked()) {
            FundsPlan plan = new FundsPlan(facts.get(0).rules(), groups, allocations);
            Earmarks.attach(problem, plan);
            return plan;
        }
        if (years.size() == 1) {
            return new FundsPlan(facts.get(0).rules(), groups, allocations);
        }
        if (coupling != null) {
            narrowAcrossYears(allocations, years.size(), coupling);
            // What the narrowed ranges still let each year place.
            for (int y = 0; y < facts.size(); y++) {
                final int year = y;
                FundsRules r = facts.get(y).rules();
                long placeable = WaterFilling.placeable(
                        allocations.stream().filter(a -> a.getYear() == year).toList(), r.budgetUnits());
                facts.set(
                        y,
                        new FundsYear(
                                y,
                                facts.get(y).label(),
                                new FundsRules(r.budgetUnits(), placeable, r.unit(), r.scoreScale(), r.difficulty())));
            }
        }
        FundsPlan plan = new FundsPlan(facts.get(0).rules(), groups, allocations, facts);
        if (problem.earmarked()) {
            Earmarks.attach(problem, plan);
        }
        return plan;
    }

    /**
     * For a validated multi-year problem with year-on-year limits: the first region whose implied bounds clash
     * (no transfer path over the years keeps its floors, caps, rank and the limits), or -1.
     */
    static int yearClash(FundsProblem problem) {
        YearCoupling coupling = coupling(problem);
        if (coupling == null) {
            return -1;
        }
        List<FundsProblem> years = YearProblems.of(problem);
        List<RegionAllocation> cells = new ArrayList<>();
        for (int y = 0; y < years.size(); y++) {
            cells.addAll(buildYear(years.get(y), y, 1).getAllocations());
        }
        int n = cells.size() / years.size();
        long[][] lower = new long[years.size()][n];
        long[][] upper = new long[years.size()][n];
        List<RankOrder> orders = new ArrayList<>();
        for (int y = 0; y < years.size(); y++) {
            for (int i = 0; i < n; i++) {
                lower[y][i] = cells.get(y * n + i).getLower();
                upper[y][i] = cells.get(y * n + i).getUpper();
            }
            orders.add(cells.get(y * n).getRankOrder());
        }
        return YearTightening.tighten(lower, upper, coupling, orders);
    }

    /** Narrows every cell to the bounds the year-on-year limits imply (see YearTightening). */
    private static void narrowAcrossYears(List<RegionAllocation> cells, int years, YearCoupling coupling) {
        int n = cells.size() / years;
        long[][] lower = new long[years][n];
        long[][] upper = new long[years][n];
        List<RankOrder> orders = new ArrayList<>();
        for (int y = 0; y < years; y++) {
            for (int i = 0; i < n; i++) {
                lower[y][i] = cells.get(y * n + i).getLower();
                upper[y][i] = cells.get(y * n + i).getUpper();
            }
            orders.add(cells.get(y * n).getRankOrder());
        }
        YearTightening.tighten(lower, upper, coupling, orders);
        for (int y = 0; y < years; y++) {
            for (int i = 0; i < n; i++) {
                // A clash (floor above cap) is left to the score to report; the validator names it first.
                cells.get(y * n + i).narrow(lower[y][i], Math.max(lower[y][i], upper[y][i]));
            }
        }
    }

    /** The limits between years, or null for a plan without them. */
    private static YearCoupling coupling(FundsProblem p) {
        FundsProblem.YearOnYear limits = p.rules() == null ? null : p.rules().yearOnYear();
        if (!p.multiYear() || limits == null) {
            return null;
        }
        return new YearCoupling(
                limits.maxGrowth() == null ? Double.NaN : limits.maxGrowth(),
                limits.maxDecline() == null ? Double.NaN : limits.maxDecline());
    }

    /** The largest term (R + T)^2 / E any region can reach in a single-year problem. */
    private static double maxTerm(FundsProblem p) {
        double unit = p.unit();
        long budgetUnits = Bounds.floor(BigDecimal.valueOf(p.budget()), BigDecimal.valueOf(unit));
        double maxTerm = 0;
        for (RegionSpec r : p.regions()) {
            Bounds b = Bounds.of(r, p.rules(), unit);
            double most = r.standardRevenue() + Math.min(b.upper(budgetUnits), budgetUnits) * unit;
            maxTerm = Math.max(maxTerm, most * most / r.standardExpenditure());
        }
        return maxTerm;
    }

    /** One year (or the whole of a plan without years), from its single-year problem. */
    private static FundsPlan buildYear(FundsProblem p, int year, double scale) {
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
                                        : Bounds.floor(BigDecimal.valueOf(cap), BigDecimal.valueOf(unit)),
                                year));
            }
        }
        List<RegionAllocation> allocations = new ArrayList<>();
        for (int i = 0; i < p.regions().size(); i++) {
            RegionSpec r = p.regions().get(i);
            Bounds b = Bounds.of(r, p.rules(), unit);
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
        RankOrder rank = rankOrder(p);
        if (rank != null) {
            long[] lower = new long[allocations.size()];
            long[] upper = new long[allocations.size()];
            for (int i = 0; i < lower.length; i++) {
                lower[i] = allocations.get(i).getLower();
                upper[i] = allocations.get(i).getUpper();
            }
            rank.tighten(lower, upper);
            for (int i = 0; i < lower.length; i++) {
                allocations.get(i).rank(rank, i, lower[i], upper[i]);
            }
        }
        long placeable = WaterFilling.placeable(allocations, budgetUnits);
        double difficulty = p.formula() == null || p.formula().difficulty() == null
                ? 0
                : p.formula().difficulty();
        return new FundsPlan(
                new FundsRules(budgetUnits, placeable, unit, scale, difficulty),
                new ArrayList<>(groups.values()),
                allocations);
    }

    /** The rank rule over the problem's regions, or null when the problem has none. */
    public static RankOrder rankOrder(FundsProblem p) {
        FundsProblem.RankPreservation rule =
                p.rules() == null ? null : p.rules().rankPreservation();
        if (rule == null || !rule.on()) {
            return null;
        }
        int n = p.regions().size();
        double[] revenue = new double[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            RegionSpec r = p.regions().get(i);
            revenue[i] = r.standardRevenue();
            weight[i] = rule.perCapita() ? r.population() : r.standardExpenditure();
        }
        return new RankOrder(revenue, weight, p.unit(), rule.toleranceOrZero(), rule.perCapita());
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
