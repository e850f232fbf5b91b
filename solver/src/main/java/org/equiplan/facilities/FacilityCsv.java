package org.equiplan.facilities;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.equiplan.facilities.FacilityAnswer.AssignmentOut;

/** A facility answer as CSV: one row per village and service, with its site and distance. */
final class FacilityCsv {

    private FacilityCsv() {}

    static String of(FacilityAnswer answer) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(
                out,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader("demand", "service", "site", "distance")
                        .get())) {
            if (answer.assignments() != null) {
                for (AssignmentOut a : answer.assignments()) {
                    csv.printRecord(a.demand(), a.service(), a.site(), a.distance() == null ? "" : a.distance());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
