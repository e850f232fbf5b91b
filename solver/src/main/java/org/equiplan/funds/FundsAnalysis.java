package org.equiplan.funds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RegionAllocation;
import org.equiplan.funds.solver.FundsSolver;
import org.equiplan.solve.ConstraintAnalysis;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.constraint.Indictment;

/** Explains a transfer answer: per constraint its total and worst matches, per region its share and reason. */
public final class FundsAnalysis {

    private FundsAnalysis() {}

    public record Analysis(
            String kind, String score, List<ConstraintAnalysis> constraints, List<RegionShare> regions) {}

    public record RegionShare(String region, double amount, double coverage, String score, String reason) {}

    public static Analysis of(FundsProblem problem, FundsAnswer answer) {
        FundsPlan plan = FundsPlanBuilder.build(problem);
        // A multi-year answer lists every year's allocations under years; the top-level ones are the first year's.
        List<List<FundsAnswer.Allocation>> byYear = new ArrayList<>();
        if (answer.years() != null) {
            for (FundsAnswer.Year y : answer.years()) {
                byYear.add(y.allocations());
            }
        } else {
            byYear.add(answer.allocations() == null ? List.of() : answer.allocations());
        }
        List<Map<String, FundsAnswer.Allocation>> lookup = new ArrayList<>();
        for (List<FundsAnswer.Allocation> year : byYear) {
            Map<String, FundsAnswer.Allocation> m = new HashMap<>();
            for (FundsAnswer.Allocation a : year) {
                m.put(a.region(), a);
            }
            lookup.add(m);
        }
        Map<String, FundsAnswer.Allocation> byRegion = lookup.get(0);
        for (RegionAllocation r : plan.getAllocations()) {
            FundsAnswer.Allocation a =
                    r.getYear() < lookup.size() ? lookup.get(r.getYear()).get(r.getId()) : null;
            if (a == null) {
                throw new IllegalStateException("the answer has no allocation for region " + r.getId());
            }
            // Answers written before units were part of them carry only the amount.
            r.setUnits(a.units() != 0 || a.amount() == 0 ? a.units() : Math.round(a.amount() / r.getUnit()));
        }
        if (plan.earmarked()) {
            // Each share from the answer's regions by category (year label, region, category); missing ones count 0.
            Map<String, Long> shares = new HashMap<>();
            if (answer.earmarked() != null) {
                for (FundsAnswer.RegionShares r : answer.earmarked().regions()) {
                    for (FundsAnswer.Share share : r.shares()) {
                        shares.put(r.year() + "/" + r.region() + "/" + share.category(), share.units());
                    }
                }
            }
            for (var share : plan.getShares()) {
                RegionAllocation cell = share.getRegion();
                String label = plan.getYears().get(cell.getYear()).label();
                share.setUnits(shares.getOrDefault(
                        label + "/" + cell.getId() + "/" + share.getFund().id(), 0L));
            }
        }
        var explanation = FundsSolver.SCORING.explain(plan);
        Map<Object, Indictment<HardMediumSoftLongScore>> indictments = explanation.getIndictmentMap();
        List<RegionShare> regions = new ArrayList<>();
        for (RegionAllocation r : plan.year(0).getAllocations()) {
            Indictment<HardMediumSoftLongScore> i = indictments.get(r);
            regions.add(new RegionShare(
                    r.getId(),
                    r.transfer(),
                    r.coverage(),
                    i == null
                            ? HardMediumSoftLongScore.ZERO.toString()
                            : i.getScore().toString(),
                    byRegion.get(r.getId()).reason()));
        }
        return new Analysis(
                FundsProblem.KIND, explanation.getScore().toString(), ConstraintAnalysis.of(explanation), regions);
    }
}
