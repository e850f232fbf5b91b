package org.equiplan.funds;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.equiplan.funds.FundsAnswer.Allocation;
import org.equiplan.problem.Decimals;

/**
 * A transfer answer as CSV: one row per region, with the formula's amount beside it, and with earmarked budgets each
 * category's amount ({@code amount:<category>}, the first year's in a plan, as the allocations are).
 */
final class FundsCsv {

    private static final String[] HEADER = {
        "region",
        "name",
        "group",
        "amount",
        "coverage",
        "perCapita",
        "coverageBefore",
        "floor",
        "cap",
        "reason",
        "formulaAmount",
        "formulaCoverage"
    };

    private FundsCsv() {}

    static String of(FundsAnswer answer) {
        StringWriter out = new StringWriter();
        List<Allocation> formula =
                answer.baseline() == null || answer.baseline().allocations() == null
                        ? List.of()
                        : answer.baseline().allocations();
        // Each region's first-year shares by category (regions are listed year by year, the first year first).
        java.util.Map<String, java.util.Map<String, Double>> shares = new java.util.HashMap<>();
        java.util.Set<String> categories = new java.util.LinkedHashSet<>();
        if (answer.earmarked() != null) {
            for (FundsAnswer.RegionShares r : answer.earmarked().regions()) {
                java.util.Map<String, Double> byCategory = new java.util.LinkedHashMap<>();
                for (FundsAnswer.Share share : r.shares()) {
                    byCategory.put(share.category(), share.amount());
                    categories.add(share.category());
                }
                shares.putIfAbsent(r.region(), byCategory);
            }
        }
        List<String> header = new java.util.ArrayList<>(List.of(HEADER));
        categories.forEach(c -> header.add("amount:" + c));
        try (CSVPrinter csv = new CSVPrinter(
                out,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(header.toArray(String[]::new))
                        .get())) {
            List<Allocation> allocations = answer.allocations() == null ? List.of() : answer.allocations();
            for (int i = 0; i < allocations.size(); i++) {
                Allocation a = allocations.get(i);
                Allocation f = i < formula.size() ? formula.get(i) : null;
                List<Object> row = new java.util.ArrayList<>(List.of(
                        a.region(),
                        orEmpty(a.name()),
                        orEmpty(a.group()),
                        Decimals.plain(a.amount()),
                        Decimals.plain(a.coverage()),
                        Decimals.plain(a.perCapita()),
                        Decimals.plain(a.coverageBefore()),
                        Decimals.plain(a.floor()),
                        Decimals.plain(a.cap()),
                        orEmpty(a.reason()),
                        Decimals.plain(f == null ? 0.0 : f.amount()),
                        Decimals.plain(f == null ? 0.0 : f.coverage())));
                for (String c : categories) {
                    Double amount =
                            shares.getOrDefault(a.region(), java.util.Map.of()).get(c);
                    row.add(amount == null ? "" : Decimals.plain(amount));
                }
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
