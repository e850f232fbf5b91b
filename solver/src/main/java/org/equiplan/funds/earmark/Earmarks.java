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
        if (p.multiYear()) {
            errors.add(
                    "categories",
                    "earmarked budgets (categories[].budget) are not supported in a plan over years yet: give one "
                            + "year's problem, or leave the category budgets out");
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
        if (complete
                && p.budget() != null
                && p.unit() != null
                && p.unit() > 0
                && Math.abs(total - p.budget()) > p.unit() / 2) {
            errors.add(
                    "budget",
                    "must equal the earmarked category budgets' total " + format(total) + " (categories[].budget), not "
                            + format(p.budget()));
        }
    }

    /** Each category's earmarked budget in whole units, in the categories' order. */
    public static long[] fundUnits(FundsProblem p) {
        long[] units = new long[p.categories().size()];
        for (int k = 0; k < units.length; k++) {
            units[k] = Bounds.floor(BigDecimal.valueOf(p.categories().get(k).budget()), BigDecimal.valueOf(p.unit()));
        }
        return units;
    }

    /**
     * Checks that the regions can take every earmarked unit: in total (their caps, group caps) and per category (the
     * regions with a need in it). {@code upper} are the regions' caps in units after every rule's tightening.
     */
    public static void validatePlaceable(FundsProblem p, long[] upper, Errors errors) {
        long[] funds = fundUnits(p);
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

    /** The plan's funds and shares: one share per region and category in which the region has a need. */
    public static void attach(FundsProblem problem, FundsPlan plan) {
        long[] units = fundUnits(problem);
        List<CategoryFund> funds = new ArrayList<>();
        for (int k = 0; k < units.length; k++) {
            CategorySpec c = problem.categories().get(k);
            funds.add(new CategoryFund(0, k, c.id(), c.name() == null ? c.id() : c.name(), units[k]));
        }
        var builds = StandardExpenditure.of(problem);
        List<CategoryShare> shares = new ArrayList<>();
        for (int i = 0; i < plan.getAllocations().size(); i++) {
            RegionAllocation cell = plan.getAllocations().get(i);
            for (int k = 0; k < funds.size(); k++) {
                double need = builds.get(i).parts().get(k).amount();
                if (need > 0) {
                    // Own revenue is not earmarked: apportioned to categories as their needs are.
                    shares.add(new CategoryShare(
                            cell, funds.get(k), cell.getRevenue() * need / cell.getExpenditure(), need));
                }
            }
            cell.splitIntoCategories();
        }
        plan.earmark(funds, shares);
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
