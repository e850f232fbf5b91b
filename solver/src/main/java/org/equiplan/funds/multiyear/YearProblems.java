package org.equiplan.funds.multiyear;

import java.util.ArrayList;
import java.util.List;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.FundsProblem.RulesSpec;
import org.equiplan.funds.FundsProblem.YearSpec;
import org.equiplan.funds.expenditure.StandardExpenditure;

/**
 * A multi-year plan as one single-year problem per year: each year's standard revenue, expenditure and basic
 * need grown by the rates so far, its own budget, and the rules that hold within a year. Only the first year
 * is held to last year's transfers (holdHarmless, maxGrowth); later years are held to the year before by
 * {@code rules.yearOnYear}, which couples them and is not part of any one year's problem.
 */
public final class YearProblems {

    private YearProblems() {}

    /** One problem per year (the problem itself when it has no years), standard expenditure already built. */
    public static List<FundsProblem> of(FundsProblem problem) {
        FundsProblem p = StandardExpenditure.resolve(problem);
        if (!p.multiYear()) {
            return List.of(p);
        }
        List<FundsProblem> out = new ArrayList<>();
        double[] revenueFactor = new double[p.regions().size()];
        java.util.Arrays.fill(revenueFactor, 1);
        double expenditureFactor = 1;
        for (int y = 0; y < p.years().size(); y++) {
            YearSpec year = p.years().get(y);
            expenditureFactor *= 1 + (year.expenditureGrowth() == null ? 0 : year.expenditureGrowth());
            List<RegionSpec> regions = new ArrayList<>();
            for (int i = 0; i < p.regions().size(); i++) {
                RegionSpec r = p.regions().get(i);
                double rate = year.revenueGrowth() == null ? 0 : year.revenueGrowth();
                if (y > 0 && r.revenueGrowth() != null) {
                    rate = r.revenueGrowth();
                }
                revenueFactor[i] *= 1 + rate;
                regions.add(new RegionSpec(
                        r.id(),
                        r.name(),
                        r.population(),
                        r.standardRevenue() == null ? null : r.standardRevenue() * revenueFactor[i],
                        r.standardExpenditure() == null ? null : r.standardExpenditure() * expenditureFactor,
                        r.previousTransfer(),
                        r.minTransfer(),
                        r.maxTransfer(),
                        r.group(),
                        null,
                        null,
                        null,
                        r.basicNeed() == null ? null : r.basicNeed() * expenditureFactor));
            }
            RulesSpec rules = p.rules();
            if (rules != null) {
                // Evaluation is already in the built expenditure; year-on-year limits couple years.
                rules = new RulesSpec(
                        y == 0 ? rules.holdHarmless() : null,
                        y == 0 ? rules.maxGrowth() : null,
                        rules.guaranteedCoverage(),
                        rules.groupCaps(),
                        rules.eligibility(),
                        rules.rankPreservation(),
                        null,
                        null);
            }
            out.add(new FundsProblem(
                    p.kind(),
                    (p.name() == null ? "funds" : p.name()) + " " + label(p, y),
                    p.description(),
                    p.source(),
                    year.budget(),
                    p.unit(),
                    regions,
                    rules,
                    null,
                    p.formula(),
                    null));
        }
        return out;
    }

    /** The year's label, or its position from 1. */
    public static String label(FundsProblem p, int year) {
        if (!p.multiYear()) {
            return "";
        }
        String label = p.years().get(year).label();
        return label == null || label.isBlank() ? "year " + (year + 1) : label;
    }
}
