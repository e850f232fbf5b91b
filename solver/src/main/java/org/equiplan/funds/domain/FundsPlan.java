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

    @ProblemFactCollectionProperty
    private List<FundsYear> years;

    @PlanningEntityCollectionProperty
    private List<RegionAllocation> allocations;

    /**
     * The plan's cells and groups without earmarks: copies whose own (R + T)^2 / E counts again, for the machinery
     * that plans region totals (water-filling, the multi-year start) before the totals are split into categories.
     */
    public FundsPlan totalsOnly() {
        List<RegionAllocation> copies = new java.util.ArrayList<>();
        for (RegionAllocation r : allocations) {
            copies.add(r.copyWhole());
        }
        FundsPlan copy = new FundsPlan(rules, groups, copies, years);
        copy.shareProblemCache(this);
        return copy;
    }

    /** Earmarked category budgets (empty without them) and each region's share of each. */
    @ProblemFactCollectionProperty
    private List<CategoryFund> funds = List.of();

    @PlanningEntityCollectionProperty
    private List<CategoryShare> shares = List.of();

    @PlanningScore
    private HardMediumSoftLongScore score;

    /**
     * Results that depend on the problem only (a multi-year plan's relaxation per set of year totals), shared by
     * every copy of this plan: a cache keyed by this problem's identity, never by equal-looking figures of another.
     */
    private java.util.Map<Object, Object> problemCache = new java.util.concurrent.ConcurrentHashMap<>();

    public FundsPlan() {}

    public FundsPlan(FundsRules rules, List<Group> groups, List<RegionAllocation> allocations) {
        this(rules, groups, allocations, List.of(new FundsYear(0, "", rules)));
    }

    /** A plan over several years: {@code rules} are the first year's, each year's are in {@code years}. */
    public FundsPlan(FundsRules rules, List<Group> groups, List<RegionAllocation> allocations, List<FundsYear> years) {
        this.rules = rules;
        this.groups = groups;
        this.allocations = allocations;
        this.years = years;
    }

    /** Splits the regions' transfers into earmarked category shares. */
    public void earmark(List<CategoryFund> funds, List<CategoryShare> shares) {
        this.funds = funds;
        this.shares = shares;
    }

    /** True when earmarked category budgets split every region's transfer into shares. */
    public boolean earmarked() {
        return !funds.isEmpty();
    }

    public List<CategoryFund> getFunds() {
        return funds;
    }

    public List<CategoryShare> getShares() {
        return shares;
    }

    /** Units per share in list order (null counts 0). */
    public long[] shareUnits() {
        long[] units = new long[shares.size()];
        for (int i = 0; i < units.length; i++) {
            Long u = shares.get(i).getUnits();
            units[i] = u == null ? 0 : u;
        }
        return units;
    }

    public void setShareUnits(long[] units) {
        for (int i = 0; i < units.length; i++) {
            shares.get(i).setUnits(units[i]);
        }
    }

    public java.util.Map<Object, Object> problemCache() {
        return problemCache;
    }

    /** A copy shares the problem's cache. */
    public void shareProblemCache(FundsPlan original) {
        this.problemCache = original.problemCache;
    }

    public List<FundsYear> getYears() {
        return years;
    }

    public boolean multiYear() {
        return years.size() > 1;
    }

    /**
     * One year of the plan as a plan of its own, sharing the cells (not copies): what the per-year machinery
     * (water-filling, the formula, the rank rule) works on. A plan without years is its own year 0.
     */
    public FundsPlan year(int year) {
        if (!multiYear()) {
            return this;
        }
        List<RegionAllocation> cells =
                allocations.stream().filter(a -> a.getYear() == year).toList();
        List<Group> yearGroups = groups.stream().filter(g -> g.year() == year).toList();
        FundsPlan view = new FundsPlan(years.get(year).rules(), yearGroups, cells, List.of(years.get(year)));
        if (earmarked()) {
            view.earmark(
                    funds.stream().filter(f -> f.year() == year).toList(),
                    shares.stream().filter(s -> s.getRegion().getYear() == year).toList());
        }
        return view;
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
