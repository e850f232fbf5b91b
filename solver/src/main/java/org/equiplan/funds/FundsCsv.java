package org.equiplan.funds;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.equiplan.funds.FundsAnswer.Allocation;
import org.equiplan.problem.Decimals;

/** A transfer answer as CSV: one row per region, with the formula's amount beside it. */
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
        try (CSVPrinter csv = new CSVPrinter(
                out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            List<Allocation> allocations = answer.allocations() == null ? List.of() : answer.allocations();
            for (int i = 0; i < allocations.size(); i++) {
                Allocation a = allocations.get(i);
                Allocation f = i < formula.size() ? formula.get(i) : null;
                csv.printRecord(
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
                        Decimals.plain(f == null ? 0.0 : f.coverage()));
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
