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
 * Stored optima of generated instances ({@code instance,optimum,source}), so that a benchmark run does not
 * have to prove them again with CBC; lines starting with '#' say how the file was made.
 */
final class References {

    record Reference(double value, String source) {}

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
                out.put(r.get("instance"), new Reference(Double.parseDouble(r.get("optimum")), r.get("source")));
            }
        }
        return out;
    }
}
