package org.equiplan.funds;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.FundsProblem.RulesSpec;
import org.equiplan.funds.domain.RankOrder;
import org.equiplan.funds.earmark.Earmarks;
import org.equiplan.funds.expenditure.StandardExpenditure;
import org.equiplan.problem.Errors;
import org.equiplan.problem.FieldError;

/**
 * Checks a transfer problem before solving and reports every error with its field path. When the
 * floors cannot all be met, it says which rule and by how much, not just "infeasible".
 */
public final class FundsValidator {

    /** Amounts above this (yuan) are refused: far beyond any budget, and safe from overflow in units. */
    static final double MAX_AMOUNT = 1e15;

    /**
     * The largest coverage a region could reach, (standardRevenue + budget) / standardExpenditure. Beyond it the
     * amounts are almost surely in different units, and the objective's terms (coverage squared times need) leave
     * the range the score can hold: a tiny positive need such as 1e-320 made coverage infinite.
     */
    static final double MAX_COVERAGE = 1e9;

    private FundsValidator() {}

    public static List<FieldError> validate(FundsProblem problem) {
        if (problem.multiYear()) {
            return validateYears(problem);
        }
        Errors errors = new Errors();
        if (problem.rules() != null && problem.rules().yearOnYear() != null) {
            errors.add("rules.yearOnYear", "needs years: it limits change from one year of a plan to the next");
        }
        FundsProblem p = problem;
        StandardExpenditure.validate(problem, errors);
        Earmarks.validate(problem, errors);
        if (StandardExpenditure.applies(problem)) {
            if (!errors.isEmpty()) {
                return errors.list();
            }
            p = StandardExpenditure.resolve(problem);
        }
        if (!FundsProblem.KIND.equals(p.kind())) {
            errors.add("kind", "must be '" + FundsProblem.KIND + "'");
        }
        // A budget of 0 (or "-0", which JSON reads as 0) leaves nothing to allocate: a slip, not a problem to solve.
        positive(errors, "budget", p.budget());
        if (amount(errors, "unit", p.unit(), true) && p.unit() <= 0) {
            errors.add("unit", "must be > 0");
        } else if (p.unit() != null && p.budget() != null && p.unit() > 0 && p.budget() / p.unit() > MAX_AMOUNT) {
            errors.add("unit", "is too small: the budget would be more than 1e15 units");
        }
        Set<String> groups = regions(p, errors);
        rules(p, errors, groups);
        if (errors.isEmpty()) {
            feasibility(p, errors);
        }
        return errors.list();
    }

    /** Most years in one plan: a medium-term fiscal plan covers three to five. */
    static final int MAX_YEARS = 10;

    /**
     * A multi-year plan: the years themselves, then each year as its own problem, its errors under
     * {@code years[k].}.
     */
    private static List<FieldError> validateYears(FundsProblem p) {
        Errors errors = new Errors();
        if (p.budget() != null) {
            errors.add("budget", "give each year's budget in years[].budget instead");
        }
        if (p.years().size() > MAX_YEARS) {
            errors.add("years", "at most " + MAX_YEARS + " years");
        }
        Set<String> labels = new HashSet<>();
        for (int y = 0; y < p.years().size(); y++) {
            FundsProblem.YearSpec year = p.years().get(y);
            String at = "years[" + y + "]";
            if (year == null) {
                errors.add(at, "must be an object");
                continue;
            }
            if (year.label() != null && !labels.add(year.label())) {
                errors.add(at + ".label", "duplicate year '" + year.label() + "'");
            }
            positive(errors, at + ".budget", year.budget());
            for (String rate : List.of("revenueGrowth", "expenditureGrowth")) {
                Double value = rate.equals("revenueGrowth") ? year.revenueGrowth() : year.expenditureGrowth();
                if (errors.checkNumber(at + "." + rate, value, -0.5, false) && value != null && value > 1) {
                    errors.add(at + "." + rate, "must be <= 1 (a share: 0.05 is 5%)");
                }
            }
        }
        FundsProblem.YearOnYear limits = p.rules() == null ? null : p.rules().yearOnYear();
        if (limits != null) {
            errors.checkNumber("rules.yearOnYear.maxGrowth", limits.maxGrowth(), 0, false);
            if (errors.checkNumber("rules.yearOnYear.maxDecline", limits.maxDecline(), 0, false)
                    && limits.maxDecline() != null
                    && limits.maxDecline() > 1) {
                errors.add("rules.yearOnYear.maxDecline", "must be <= 1 (a share of the year before)");
            }
        }
        if (p.regions() != null) {
            for (int i = 0; i < p.regions().size(); i++) {
                RegionSpec r = p.regions().get(i);
                String field = "regions[" + i + "].revenueGrowth";
                if (r != null
                        && r.revenueGrowth() != null
                        && errors.checkNumber(field, r.revenueGrowth(), -0.5, true)
                        && r.revenueGrowth() > 1) {
                    errors.add(field, "must be <= 1 (a share: 0.05 is 5%)");
                }
            }
        }
        StandardExpenditure.validate(p, errors);
        Earmarks.validate(p, errors);
        if (!errors.isEmpty()) {
            return errors.list();
        }
        // Region fields are the same every year: once they are right in the first, later years check their rules.
        List<FundsProblem> years = org.equiplan.funds.multiyear.YearProblems.of(p);
        for (int y = 0; y < years.size() && errors.isEmpty(); y++) {
            for (FieldError e : validate(years.get(y))) {
                errors.add("years[" + y + "]." + e.field(), e.message());
            }
        }
        if (errors.isEmpty()) {
            int clash = FundsPlanBuilder.yearClash(p);
            if (clash >= 0) {
                errors.add(
                        "regions[" + clash + "]",
                        "'" + label(p, clash)
                                + "': no path of transfers over the years keeps rules.yearOnYear together "
                                + "with each year's floors and caps"
                                + (p.rules().rankPreservation() != null
                                                && p.rules().rankPreservation().on()
                                        ? " and rank order (a region that must stay level with others in one year "
                                                + "cannot grow or fall to it from the year before; a tolerance in "
                                                + "rules.rankPreservation or wider yearOnYear limits loosen this)"
                                        : " (e.g. eligibility ends in a later year but maxDecline allows no fall to 0)"));
            }
        }
        return errors.list();
    }

    private static boolean amount(Errors errors, String field, Double value, boolean required) {
        if (!errors.checkNumber(field, value, 0, required)) {
            return false;
        }
        if (value != null && value > MAX_AMOUNT) {
            errors.add(field, "must be <= 1e15");
            return false;
        }
        return value != null;
    }

    private static Set<String> regions(FundsProblem p, Errors errors) {
        Set<String> groups = new HashSet<>();
        if (p.regions() == null || p.regions().isEmpty()) {
            errors.add("regions", "at least one region is required");
            return groups;
        }
        Set<String> ids = new HashSet<>();
        boolean needsPrevious = p.rules() != null
                && (p.rules().holdHarmless() != null || p.rules().maxGrowth() != null);
        String previousRule =
                p.rules() != null && p.rules().holdHarmless() != null ? "rules.holdHarmless" : "rules.maxGrowth";
        for (int i = 0; i < p.regions().size(); i++) {
            RegionSpec r = p.regions().get(i);
            String at = "regions[" + i + "]";
            if (r == null) {
                errors.add(at, "must be an object");
                continue;
            }
            if (errors.checkText(at + ".id", r.id()) && !ids.add(r.id())) {
                errors.add(at + ".id", "duplicate region id '" + r.id() + "'");
            }
            positive(errors, at + ".population", r.population());
            amount(errors, at + ".standardRevenue", r.standardRevenue(), true);
            if (positive(errors, at + ".standardExpenditure", r.standardExpenditure())
                    && r.standardRevenue() != null
                    && p.budget() != null
                    && Double.isFinite(r.standardRevenue())
                    && Double.isFinite(p.budget())
                    && (r.standardRevenue() + p.budget()) / r.standardExpenditure() > MAX_COVERAGE) {
                errors.add(
                        at + ".standardExpenditure",
                        "is too small: coverage (standardRevenue + transfer) / standardExpenditure could reach "
                                + String.format("%.3g", (r.standardRevenue() + p.budget()) / r.standardExpenditure())
                                + ", above 1e9; give it in the same unit as standardRevenue and budget (here at least "
                                + String.format("%.3g", (r.standardRevenue() + p.budget()) / MAX_COVERAGE) + ")");
            }
            amount(errors, at + ".previousTransfer", r.previousTransfer(), false);
            amount(errors, at + ".basicNeed", r.basicNeed(), false);
            if (r.revenueGrowth() != null) {
                errors.add(at + ".revenueGrowth", "is used only in a plan over years");
            }
            boolean min = amount(errors, at + ".minTransfer", r.minTransfer(), false);
            boolean max = amount(errors, at + ".maxTransfer", r.maxTransfer(), false);
            if (min && max && r.minTransfer() > r.maxTransfer()) {
                errors.add(at + ".minTransfer", "is above maxTransfer (" + format(r.maxTransfer()) + ")");
            }
            if (needsPrevious && r.previousTransfer() == null) {
                errors.add(at + ".previousTransfer", "is required by " + previousRule);
            }
            if (r.group() != null) {
                if (r.group().isBlank()) {
                    errors.add(at + ".group", "must not be blank");
                } else {
                    groups.add(r.group());
                }
            }
        }
        return groups;
    }

    /** True when the value is a valid positive amount. */
    private static boolean positive(Errors errors, String field, Double value) {
        if (amount(errors, field, value, true) && value <= 0) {
            errors.add(field, "must be > 0");
            return false;
        }
        return value != null && value > 0 && value <= MAX_AMOUNT;
    }

    private static void rules(FundsProblem p, Errors errors, Set<String> groups) {
        RulesSpec rules = p.rules();
        if (rules == null) {
            return;
        }
        errors.checkNumber("rules.holdHarmless", rules.holdHarmless(), 0, false);
        errors.checkNumber("rules.maxGrowth", rules.maxGrowth(), -1, false);
        errors.checkNumber("rules.guaranteedCoverage", rules.guaranteedCoverage(), 0, false);
        FundsProblem.RankPreservation rank = rules.rankPreservation();
        if (rank != null) {
            if (rank.by() != null
                    && !List.of(
                                    FundsProblem.RankPreservation.COVERAGE,
                                    FundsProblem.RankPreservation.PER_CAPITA,
                                    FundsProblem.RankPreservation.OFF)
                            .contains(rank.by())) {
                errors.add("rules.rankPreservation.by", "must be 'coverage' or 'perCapita', not '" + rank.by() + "'");
            }
            errors.checkNumber("rules.rankPreservation.tolerance", rank.tolerance(), 0, false);
        }
        if (rules.groupCaps() != null) {
            for (Map.Entry<String, Double> e : rules.groupCaps().entrySet()) {
                String at = "rules.groupCaps." + e.getKey();
                if (!groups.contains(e.getKey())) {
                    errors.add(at, "unknown group '" + e.getKey() + "': no region has it");
                } else {
                    amount(errors, at, e.getValue(), true);
                }
            }
        }
    }

    private static void feasibility(FundsProblem p, Errors errors) {
        long budgetUnits = Bounds.floor(BigDecimal.valueOf(p.budget()), BigDecimal.valueOf(p.unit()));
        long floors = 0;
        long floorsWithoutGuarantee = 0;
        long basicNeeds = 0;
        Map<String, Long> groupFloors = new LinkedHashMap<>();
        int n = p.regions().size();
        Bounds[] bounds = new Bounds[n];
        long[] lowers = new long[n];
        long[] uppers = new long[n];
        for (int i = 0; i < n; i++) {
            bounds[i] = Bounds.of(p.regions().get(i), p.rules(), p.unit());
            lowers[i] = bounds[i].lower();
            uppers[i] = bounds[i].upper(budgetUnits);
        }
        RankOrder rank = FundsPlanBuilder.rankOrder(p);
        RankOrder.Setters setters = rank == null ? null : rank.tighten(lowers, uppers);
        // Where the rank rule makes many regions collide with one region's floor, one error names that region.
        Map<Integer, List<Integer>> liftedBy = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            RegionSpec r = p.regions().get(i);
            Bounds b = bounds[i];
            long lower = lowers[i];
            long upper = uppers[i];
            if (lower > upper) {
                if (setters != null && setters.floorFrom()[i] >= 0) {
                    liftedBy.computeIfAbsent(setters.floorFrom()[i], k -> new java.util.ArrayList<>())
                            .add(i);
                } else {
                    errors.add("regions[" + i + "]", collision(p, i, b, lower, upper, budgetUnits, setters));
                }
            }
            floors += lower;
            floorsWithoutGuarantee += Math.max(0, Math.max(b.minTransfer(), b.holdHarmless()));
            basicNeeds += Math.max(0, b.basicNeed());
            if (r.group() != null) {
                groupFloors.merge(r.group(), lower, Long::sum);
            }
        }
        for (Map.Entry<Integer, List<Integer>> e : liftedBy.entrySet()) {
            int k = e.getKey();
            List<Integer> regions = e.getValue();
            int first = regions.get(0);
            errors.add(
                    "rules.rankPreservation",
                    "regions[" + k + "] '" + label(p, k) + "' has a floor from "
                            + bounds[k].lowerRule() + " that lifts its coverage to "
                            + String.format("%.4f", rank.after(k, bounds[k].lower()))
                            + "; " + regions.size() + " region(s) above it before transfers cannot follow, e.g. "
                            + "regions[" + first + "] '" + label(p, first) + "': "
                            + collision(p, first, bounds[first], lowers[first], uppers[first], budgetUnits, setters)
                            + ". Loosen rules.rankPreservation.tolerance or the floor");
        }
        if (p.rules() != null && p.rules().groupCaps() != null) {
            for (Map.Entry<String, Double> e : p.rules().groupCaps().entrySet()) {
                long cap = Bounds.floor(BigDecimal.valueOf(e.getValue()), BigDecimal.valueOf(p.unit()));
                long groupFloor = groupFloors.getOrDefault(e.getKey(), 0L);
                if (groupFloor > cap) {
                    errors.add(
                            "rules.groupCaps." + e.getKey(),
                            "the floors of its regions add up to "
                                    + format(groupFloor * p.unit()) + ", above the cap " + format(e.getValue()) + " by "
                                    + format((groupFloor - cap) * p.unit()));
                }
            }
        }
        if (floors > budgetUnits) {
            double shortBy = (floors - budgetUnits) * p.unit();
            if (basicNeeds > budgetUnits) {
                errors.add(
                        "budget",
                        format(p.budget()) + " does not reach every county's basic need (basicNeed): that needs "
                                + format(basicNeeds * p.unit()) + " in transfers, short by "
                                + format((basicNeeds - budgetUnits) * p.unit()));
            } else if (floorsWithoutGuarantee <= budgetUnits
                    && p.rules() != null
                    && p.rules().guaranteedCoverage() != null) {
                errors.add(
                        "rules.guaranteedCoverage",
                        "coverage " + p.rules().guaranteedCoverage()
                                + " in every region needs transfers of at least " + format(floors * p.unit())
                                + " in total, " + format(shortBy) + " more than the budget of " + format(p.budget()));
            } else {
                errors.add(
                        "budget",
                        format(p.budget()) + " is below the floors the rules set, which add up to "
                                + format(floors * p.unit()) + ": short by " + format(shortBy));
            }
        }
        if (errors.isEmpty() && p.earmarked()) {
            Earmarks.validatePlaceable(p, uppers, errors);
        }
    }

    /** Why a region's floor is above its cap: its own rules, or rank preservation and whose floor or cap. */
    private static String collision(
            FundsProblem p, int i, Bounds b, long lower, long upper, long budgetUnits, RankOrder.Setters setters) {
        String floorRule = b.lowerRule();
        String capRule = b.upperRule(budgetUnits);
        if (setters != null && setters.floorFrom()[i] >= 0) {
            int k = setters.floorFrom()[i];
            floorRule = "rules.rankPreservation (to stay level with regions[" + k + "] '" + label(p, k)
                    + "', below it before transfers, whose "
                    + Bounds.of(p.regions().get(k), p.rules(), p.unit()).lowerRule()
                    + " lifts it)";
        }
        if (setters != null && setters.capFrom()[i] >= 0) {
            int k = setters.capFrom()[i];
            capRule = "rules.rankPreservation (not to pass regions[" + k + "] '" + label(p, k)
                    + "', above it before transfers, held by its "
                    + Bounds.of(p.regions().get(k), p.rules(), p.unit()).upperRule(budgetUnits) + ")";
        }
        return floorRule + " needs at least " + format(lower * p.unit()) + " but " + capRule + " allows at most "
                + format(upper * p.unit());
    }

    private static String label(FundsProblem p, int i) {
        RegionSpec r = p.regions().get(i);
        return r.name() == null ? r.id() : r.name();
    }

    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format("%,d", (long) v);
        }
        return String.format("%,.2f", v);
    }
}
