package org.equiplan.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Stored references of generated instances: proven optima ({@code instance,optimum,source}), so that a benchmark run
 * does not have to prove them again with CBC, or the best plans known where none is proven ({@code
 * instance,best,bound,source}: the cheapest plan any long run found and the highest lower bound, the optimum between
 * them). Lines starting with '#' say how the file was made.
 */
final class References {

    /** A proven optimum, or with {@code proven} false the best plan known and the best bound known (else null). */
    record Reference(double value, String source, boolean proven, Double bound) {

        /** The source as a report shows it: a best known value says that it is not proven and where the bound is. */
        String describe() {
            return proven
                    ? source
                    : "best known, not proven"
                            + (bound == null ? "" : " (optimum >= " + FacilityNumbers.fixed(bound, 0) + ")")
                            + ": " + source;
        }
    }

    private References() {}

    static Map<String, Reference> read(Path file) throws IOException {
        Map<String, Reference> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setCommentMarker('#')
                    .get()
                    .parse(reader)) {
                boolean proven = r.isMapped("optimum");
                String bound = r.isMapped("bound") ? r.get("bound") : "";
                out.put(
                        r.get("instance"),
                        new Reference(
                                Double.parseDouble(r.get(proven ? "optimum" : "best")),
                                r.get("source"),
                                proven,
                                bound.isBlank() ? null : Double.valueOf(bound)));
            }
        }
        return out;
    }
}
