package org.equiplan.funds;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.FundsProblem.RulesSpec;
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

    public static List<FieldError> validate(FundsProblem p) {
        Errors errors = new Errors();
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
        Map<String, Long> groupFloors = new LinkedHashMap<>();
        for (int i = 0; i < p.regions().size(); i++) {
            RegionSpec r = p.regions().get(i);
            Bounds b = Bounds.of(r, p.rules(), p.unit());
            long lower = b.lower();
            long upper = b.upper(budgetUnits);
            if (lower > upper) {
                errors.add(
                        "regions[" + i + "]",
                        b.lowerRule() + " needs at least " + format(lower * p.unit()) + " but "
                                + b.upperRule(budgetUnits) + " allows at most " + format(upper * p.unit()));
            }
            floors += lower;
            floorsWithoutGuarantee += Math.max(0, Math.max(b.minTransfer(), b.holdHarmless()));
            if (r.group() != null) {
                groupFloors.merge(r.group(), lower, Long::sum);
            }
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
            if (floorsWithoutGuarantee <= budgetUnits
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
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format("%,d", (long) v);
        }
        return String.format("%,.2f", v);
    }
}
