package org.equiplan.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** An answer as CSV: one row per assignment (facilities) or per region (funds), for spreadsheets. */
public final class SolutionCsv {

    private SolutionCsv() {
    }

    public static String of(JsonNode answer) {
        StringWriter out = new StringWriter();
        boolean funds = "funds".equals(answer.path("kind").asText());
        String[] header = funds
                ? new String[] {"region", "name", "group", "amount", "coverage", "perCapita", "coverageBefore", "floor",
                        "cap", "reason", "formulaAmount", "formulaCoverage"}
                : new String[] {"demand", "service", "site", "distance"};
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header).get())) {
            if (funds) {
                JsonNode baseline = answer.path("baseline").path("allocations");
                int i = 0;
                for (JsonNode a : answer.path("allocations")) {
                    JsonNode f = baseline.path(i++);
                    csv.printRecord(a.path("region").asText(), a.path("name").asText(""), a.path("group").asText(""),
                            a.path("amount").asDouble(), a.path("coverage").asDouble(), a.path("perCapita").asDouble(),
                            a.path("coverageBefore").asDouble(), a.path("floor").asDouble(), a.path("cap").asDouble(),
                            a.path("reason").asText(""), f.path("amount").asDouble(), f.path("coverage").asDouble());
                }
            } else {
                for (JsonNode a : answer.path("assignments")) {
                    csv.printRecord(a.path("demand").asText(), a.path("service").asText(), a.path("site").asText(),
                            a.path("distance").isNumber() ? a.path("distance").asDouble() : "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
