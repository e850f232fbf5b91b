package org.equiplan.funds.earmark;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.equiplan.funds.Bounds;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.CategorySpec;
import org.equiplan.funds.domain.CategoryFund;
import org.equiplan.funds.domain.CategoryShare;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RegionAllocation;
import org.equiplan.funds.expenditure.StandardExpenditure;
import org.equiplan.problem.Errors;

/**
 * Earmarked category budgets (专项): each category's budget is split over the regions on its own, while the
 * region-level rules (floors, caps, hold-harmless, growth caps, guarantees, basic needs, group caps, rank order)
 * hold on each region's sum over categories. Validation of the budgets, and the plan's shares.
 */
public final class Earmarks {

    private Earmarks() {}

    /** Checks the categories' budgets against each other and the problem's budget; adds errors with their fields. */
    public static void validate(FundsProblem p, Errors errors) {
        if (!p.earmarked()) {
            return;
        }
        if (p.categories() == null || p.categories().isEmpty()) {
            errors.add("years", "categoryBudgets need categories: earmarked budgets are split by category");
            return;
        }
        if (p.multiYear()) {
            validateYears(p, errors);
            return;
        }
        double total = 0;
        boolean complete = true;
        for (int k = 0; k < p.categories().size(); k++) {
            CategorySpec c = p.categories().get(k);
            if (c == null) {
                continue;
            }
            String field = "categories[" + k + "].budget";
            if (c.budget() == null) {
                errors.add(
                        field,
                        "is required: once one category has an earmarked budget, every category needs one (0 for none)");
                complete = false;
            } else if (errors.checkNumber(field, c.budget(), 0, true)) {
                total += c.budget();
            } else {
                complete = false;
            }
        }
        if (complete) {
            checkTotal(errors, "budget", total, p.budget(), p.unit(), "categories[].budget");
        }
    }

    /** A plan states each year's earmarked budgets in years[].categoryBudgets, for every category. */
    private static void validateYears(FundsProblem p, Errors errors) {
        for (int k = 0; k < p.categories().size(); k++) {
            CategorySpec c = p.categories().get(k);
            if (c != null && c.budget() != null) {
                errors.add(
                        "categories[" + k + "].budget",
                        "in a plan over years, give each year's earmarked budgets in years[].categoryBudgets instead");
            }
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (CategorySpec c : p.categories()) {
            if (c != null) {
                ids.add(c.id());
            }
        }
        for (int y = 0; y < p.years().size(); y++) {
            FundsProblem.YearSpec year = p.years().get(y);
            if (year == null) {
                continue;
            }
            String at = "years[" + y + "].categoryBudgets";
            if (year.categoryBudgets() == null) {
                errors.add(at, "is required: once one year has earmarked budgets, every year needs them");
                continue;
            }
            double total = 0;
            boolean complete = true;
            for (String id : ids) {
                Double amount = year.categoryBudgets().get(id);
                if (amount == null) {
                    errors.add(at + "." + id, "is required: every category needs the year's budget (0 for none)");
                    complete = false;
                } else if (errors.checkNumber(at + "." + id, amount, 0, true)) {
                    total += amount;
                } else {
                    complete = false;
                }
            }
            for (String id : year.categoryBudgets().keySet()) {
                if (!ids.contains(id)) {
                    errors.add(at + "." + id, "unknown category '" + id + "'");
                    complete = false;
                }
            }
            if (complete) {
                checkTotal(errors, "years[" + y + "].budget", total, year.budget(), p.unit(), at);
            }
        }
    }

    private static void checkTotal(
            Errors errors, String field, double total, Double budget, Double unit, String parts) {
        if (budget != null && unit != null && unit > 0 && Math.abs(total - budget) > unit / 2) {
            errors.add(
                    field,
                    "must equal the earmarked category budgets' total " + format(total) + " (" + parts + "), not "
                            + format(budget));
        }
    }

    /** Each category's earmarked budget in year y in whole units, in the categories' order. */
    public static long[] fundUnits(FundsProblem p, int year) {
        long[] units = new long[p.categories().size()];
        for (int k = 0; k < units.length; k++) {
            units[k] = Bounds.floor(BigDecimal.valueOf(p.categoryBudget(year, k)), BigDecimal.valueOf(p.unit()));
        }
        return units;
    }

    /**
     * Checks that the regions can take every earmarked unit: in total (their caps, group caps) and per category (the
     * regions with a need in it). {@code upper} are the regions' caps in units after every rule's tightening.
     */
    public static void validatePlaceable(FundsProblem p, long[] upper, Errors errors) {
        long[] funds = fundUnits(p, 0);
        long total = 0;
        for (long f : funds) {
            total += f;
        }
        java.util.Map<String, Long> groups = new java.util.LinkedHashMap<>();
        long room = 0;
        for (int i = 0; i < upper.length; i++) {
            String g = p.regions().get(i).group();
            Double cap = g == null || p.rules() == null || p.rules().groupCaps() == null
                    ? null
                    : p.rules().groupCaps().get(g);
            if (cap == null) {
                room += upper[i];
            } else {
                groups.merge(g, upper[i], Long::sum);
            }
        }
        for (var e : groups.entrySet()) {
            long cap = Bounds.floor(
                    BigDecimal.valueOf(p.rules().groupCaps().get(e.getKey())), BigDecimal.valueOf(p.unit()));
            room += Math.min(cap, e.getValue());
        }
        if (room < total) {
            errors.add(
                    "categories",
                    "earmarked budgets are placed in full, but the regions' caps let at most " + format(room * p.unit())
                            + " of " + format(total * p.unit()) + " be placed");
            return;
        }
        var builds = StandardExpenditure.of(p);
        for (int k = 0; k < funds.length; k++) {
            long reach = 0;
            for (int i = 0; i < upper.length; i++) {
                if (builds.get(i).parts().get(k).amount() > 0) {
                    reach += upper[i];
                }
            }
            if (reach < funds[k]) {
                errors.add(
                        "categories[" + k + "].budget",
                        format(funds[k] * p.unit()) + ", but the regions with a need in this category can take at most "
                                + format(reach * p.unit()));
            }
        }
    }

    /**
     * The plan's funds and shares: per year, one share per region and category in which the region has a need. A
     * later year's category needs grow with the region's standard expenditure (the years scale it as a whole), and
     * own revenue is apportioned to categories as their needs are (it is not earmarked).
     */
    public static void attach(FundsProblem problem, FundsPlan plan) {
        var builds = StandardExpenditure.of(problem);
        int years = plan.getYears().size();
        int n = plan.getAllocations().size() / years;
        List<CategoryFund> funds = new ArrayList<>();
        List<CategoryShare> shares = new ArrayList<>();
        for (int y = 0; y < years; y++) {
            long[] units = fundUnits(problem, y);
            List<CategoryFund> yearFunds = new ArrayList<>();
            for (int k = 0; k < units.length; k++) {
                CategorySpec c = problem.categories().get(k);
                yearFunds.add(new CategoryFund(y, k, c.id(), c.name() == null ? c.id() : c.name(), units[k]));
            }
            funds.addAll(yearFunds);
            for (int i = 0; i < n; i++) {
                RegionAllocation cell = plan.getAllocations().get(y * n + i);
                double built = builds.get(i).total();
                for (int k = 0; k < units.length; k++) {
                    double part = builds.get(i).parts().get(k).amount() / built;
                    if (part > 0) {
                        shares.add(new CategoryShare(
                                cell, yearFunds.get(k), cell.getRevenue() * part, cell.getExpenditure() * part));
                    }
                }
                cell.splitIntoCategories();
            }
        }
        plan.earmark(funds, shares);
    }

    /** Each year's earmarked total in whole units. */
    public static long yearUnits(FundsProblem problem, int year) {
        return java.util.Arrays.stream(fundUnits(problem, year)).sum();
    }

    /** Sum over shares of (R_c + T_c)^2 / E_c at the given share units: the earmarked plan's objective. */
    public static double objective(FundsPlan plan, long[] shareUnits) {
        double total = 0;
        for (int s = 0; s < shareUnits.length; s++) {
            CategoryShare share = plan.getShares().get(s);
            total += share.objectiveTermAt(shareUnits[s] * share.getRegion().getUnit());
        }
        return total;
    }

    static String format(double v) {
        return org.equiplan.funds.FundsValidator.format(v);
    }
}
