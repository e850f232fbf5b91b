package org.equiplan.funds.earmark;

import java.util.ArrayList;
import java.util.List;
import org.equiplan.funds.domain.CategoryShare;
import org.equiplan.funds.domain.FundsPlan;

/**
 * Today's method for earmarked funds: each category's budget split by its own formula, T_c = max(E_c - R_c, 0) x
 * k_c with one k_c per category so that its budget is placed (proportional to need where no region has a gap),
 * rounded by largest remainder. It knows nothing of the region-level rules on the sum; the score of its plan
 * says which it breaks.
 */
public final class EarmarkFormula {

    private EarmarkFormula() {}

    /** The formula's share units, in the plan's share order. */
    public static long[] shares(FundsPlan plan) {
        List<CategoryShare> shares = plan.getShares();
        long[] out = new long[shares.size()];
        for (var fund : plan.getFunds()) {
            List<Integer> members = new ArrayList<>();
            double gaps = 0;
            double needs = 0;
            for (int s = 0; s < shares.size(); s++) {
                CategoryShare share = shares.get(s);
                if (share.getFund() == fund && share.getRegion().getBounds().eligible()) {
                    members.add(s);
                    gaps += Math.max(0, share.getExpenditure() - share.getRevenue());
                    needs += share.getExpenditure();
                }
            }
            if (members.isEmpty()) {
                continue;
            }
            double[] exact = new double[members.size()];
            long placed = 0;
            for (int k = 0; k < exact.length; k++) {
                CategoryShare share = shares.get(members.get(k));
                double weight = gaps > 0
                        ? Math.max(0, share.getExpenditure() - share.getRevenue()) / gaps
                        : share.getExpenditure() / needs;
                exact[k] = fund.units() * weight;
                out[members.get(k)] = (long) Math.floor(exact[k]);
                placed += out[members.get(k)];
            }
            Integer[] byRemainder = new Integer[exact.length];
            for (int k = 0; k < exact.length; k++) {
                byRemainder[k] = k;
            }
            java.util.Arrays.sort(
                    byRemainder,
                    (p, q) -> Double.compare(exact[q] - Math.floor(exact[q]), exact[p] - Math.floor(exact[p])));
            for (int k = 0; placed < fund.units() && k < exact.length; k++) {
                out[members.get(byRemainder[k])]++;
                placed++;
            }
        }
        return out;
    }

    /** Each region's total of the given shares, in the plan's region order. */
    public static long[] totals(FundsPlan plan, long[] shareUnits) {
        java.util.Map<Object, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < plan.getAllocations().size(); i++) {
            index.put(plan.getAllocations().get(i), i);
        }
        long[] totals = new long[plan.getAllocations().size()];
        for (int s = 0; s < shareUnits.length; s++) {
            totals[index.get(plan.getShares().get(s).getRegion())] += shareUnits[s];
        }
        return totals;
    }
}
