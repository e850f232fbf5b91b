package org.equiplan.problem;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** A CSV file with a header row, read for an importer: a missing column or a malformed file names the input. */
public final class CsvTable {

    private CsvTable() {}

    /**
     * The records of {@code text} (a leading byte-order mark is ignored); {@code field} names the input in
     * errors, {@code columns} are the columns that must be there.
     */
    public static List<CSVRecord> read(String text, String field, List<String> columns) {
        try (Reader reader = new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text)) {
            var records = CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(reader);
            for (String column : columns) {
                if (!records.getHeaderMap().containsKey(column)) {
                    throw new InvalidProblemException(field, "missing column '" + column + "'");
                }
            }
            return records.getRecords();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidProblemException(field, "cannot read the CSV: " + e.getMessage());
        }
    }
}
