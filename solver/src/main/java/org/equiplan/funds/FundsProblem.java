package org.equiplan.funds;

import java.util.List;
import java.util.Map;

/**
 * A transfer-payment problem as users write it (JSON, {@code "kind": "funds"}); see docs/funds.md.
 * Amounts are in yuan (or any one currency unit); every transfer is a whole number of {@code unit}s.
 */
public record FundsProblem(
        String kind,
        String name,
        String description,
        String source,
        Double budget,
        Double unit,
        List<RegionSpec> regions,
        RulesSpec rules) {

    public static final String KIND = "funds";

    /**
     * One region. Coverage is (standardRevenue + transfer) / standardExpenditure.
     *
     * @param group e.g. the prefecture a county belongs to; used by group caps and the Theil split
     */
    public record RegionSpec(
            String id,
            String name,
            Double population,
            Double standardRevenue,
            Double standardExpenditure,
            Double previousTransfer,
            Double minTransfer,
            Double maxTransfer,
            String group) {}

    /**
     * Allocation rules; each is optional.
     *
     * @param holdHarmless h: no region gets less than h x its previous transfer
     * @param maxGrowth g: no region gets more than (1 + g) x its previous transfer
     * @param guaranteedCoverage c: every region reaches coverage >= c
     * @param groupCaps group id to the most its regions may receive together
     * @param eligibility only regions with standardExpenditure > standardRevenue receive anything
     */
    public record RulesSpec(
            Double holdHarmless,
            Double maxGrowth,
            Double guaranteedCoverage,
            Map<String, Double> groupCaps,
            Boolean eligibility) {}
}
