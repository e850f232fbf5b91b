package org.equiplan.funds;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.FundsProblem.RulesSpec;

/**
 * What each rule allows one region, in whole units: floors round up and caps round down, computed
 * in exact decimals (0.95 x 100,000,000 / 1,000,000 is 95 units, not 96 by a floating-point hair).
 * {@link #NONE} marks a rule that does not apply.
 */
public record Bounds(
        long minTransfer,
        long maxTransfer,
        long holdHarmless,
        long maxGrowth,
        long guarantee,
        boolean eligible,
        long basicNeed) {

    public static final long NONE = -1;

    public static Bounds of(RegionSpec r, RulesSpec rules, double unit) {
        BigDecimal u = BigDecimal.valueOf(unit);
        long min = r.minTransfer() == null ? NONE : ceil(BigDecimal.valueOf(r.minTransfer()), u);
        long max = r.maxTransfer() == null ? NONE : floor(BigDecimal.valueOf(r.maxTransfer()), u);
        long hold = NONE;
        long growth = NONE;
        long guarantee = NONE;
        boolean eligible = true;
        long basic = NONE;
        if (r.basicNeed() != null) {
            BigDecimal need = BigDecimal.valueOf(r.basicNeed()).subtract(BigDecimal.valueOf(r.standardRevenue()));
            basic = need.signum() <= 0 ? 0 : ceil(need, u);
        }
        if (rules != null) {
            if (rules.holdHarmless() != null && r.previousTransfer() != null) {
                hold = ceil(
                        BigDecimal.valueOf(rules.holdHarmless()).multiply(BigDecimal.valueOf(r.previousTransfer())), u);
            }
            if (rules.maxGrowth() != null && r.previousTransfer() != null) {
                growth = floor(
                        BigDecimal.ONE
                                .add(BigDecimal.valueOf(rules.maxGrowth()))
                                .multiply(BigDecimal.valueOf(r.previousTransfer())),
                        u);
            }
            if (rules.guaranteedCoverage() != null) {
                BigDecimal need = BigDecimal.valueOf(rules.guaranteedCoverage())
                        .multiply(BigDecimal.valueOf(r.standardExpenditure()))
                        .subtract(BigDecimal.valueOf(r.standardRevenue()));
                guarantee = need.signum() <= 0 ? 0 : ceil(need, u);
            }
            if (Boolean.TRUE.equals(rules.eligibility())) {
                eligible = r.standardExpenditure() > r.standardRevenue();
            }
        }
        return new Bounds(min, max, hold, growth, guarantee, eligible, basic);
    }

    /** The highest floor, in units (0 when no rule sets one). */
    public long lower() {
        return Math.max(0, Math.max(Math.max(minTransfer, basicNeed), Math.max(holdHarmless, guarantee)));
    }

    /** The lowest cap, in units; {@code budgetUnits} when no rule sets one. */
    public long upper(long budgetUnits) {
        long upper = budgetUnits;
        if (maxTransfer != NONE) {
            upper = Math.min(upper, maxTransfer);
        }
        if (maxGrowth != NONE) {
            upper = Math.min(upper, maxGrowth);
        }
        if (!eligible) {
            upper = 0;
        }
        return upper;
    }

    /** Which rule sets the floor, for messages. */
    public String lowerRule() {
        long lower = lower();
        if (lower == 0) {
            return "none";
        }
        if (lower == basicNeed) {
            return "basicNeed";
        }
        if (lower == guarantee) {
            return "rules.guaranteedCoverage";
        }
        if (lower == holdHarmless) {
            return "rules.holdHarmless";
        }
        return "minTransfer";
    }

    /** Which rule sets the cap, for messages. */
    public String upperRule(long budgetUnits) {
        if (!eligible) {
            return "rules.eligibility";
        }
        long upper = upper(budgetUnits);
        if (upper == maxGrowth) {
            return "rules.maxGrowth";
        }
        if (upper == maxTransfer) {
            return "maxTransfer";
        }
        return "budget";
    }

    /** A rule's name in words, for the reasons people read (validation messages keep the field path). */
    public static String ruleName(String field) {
        return switch (field) {
            case "minTransfer" -> "its minimum transfer (minTransfer)";
            case "maxTransfer" -> "its maximum transfer (maxTransfer)";
            case "rules.holdHarmless" -> "hold-harmless (rules.holdHarmless)";
            case "rules.maxGrowth" -> "the growth cap (rules.maxGrowth)";
            case "rules.guaranteedCoverage" -> "the guaranteed coverage (rules.guaranteedCoverage)";
            case "rules.eligibility" -> "eligibility (rules.eligibility)";
            case "basicNeed" -> "its basic need (basicNeed)";
            default -> field;
        };
    }

    static long ceil(BigDecimal amount, BigDecimal unit) {
        return amount.divide(unit, 0, RoundingMode.CEILING).longValueExact();
    }

    public static long floor(BigDecimal amount, BigDecimal unit) {
        return amount.divide(unit, 0, RoundingMode.FLOOR).longValueExact();
    }
}
