package org.equiplan.funds.importers;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.problem.CsvTable;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;

/**
 * A transfer problem from a spreadsheet of regions, as finance staff keep them: one row per region with
 * {@code id, name, population, standardRevenue, standardExpenditure} and optionally {@code previousTransfer,
 * minTransfer, maxTransfer, group}, read by a real CSV parser (quoted fields with commas, a byte-order mark,
 * Chinese names). Every bad cell is reported at once, by line and column: {@code line 3, population: 'abc' is not
 * a number}. The budget and unit come from the caller, not the file.
 */
public final class RegionsCsv {

    public static final List<String> REQUIRED = List.of("id", "population", "standardRevenue", "standardExpenditure");
    private static final List<String> NUMBERS = List.of(
            "population", "standardRevenue", "standardExpenditure", "previousTransfer", "minTransfer", "maxTransfer");

    /** A file to start from: the columns, two regions. */
    public static final String TEMPLATE =
            "id,name,population,standardRevenue,standardExpenditure,previousTransfer,group\n"
                    + "county-a,\"Anxian, north\",120000,350000000,610000000,180000000,north\n"
                    + "county-b,白河县,86000,120000000,400000000,210000000,south\n";

    private RegionsCsv() {}

    public static FundsProblem read(String text, String name, Double budget, Double unit) {
        List<FieldError> errors = new ArrayList<>();
        if (budget == null) {
            errors.add(new FieldError("budget", "is required: the total to allocate, in the same unit as the amounts"));
        }
        List<CSVRecord> rows = CsvTable.read(text, "csv", REQUIRED);
        List<RegionSpec> regions = new ArrayList<>();
        for (CSVRecord row : rows) {
            // The header is line 1; a record's own line number says where it starts (quoted fields may span lines).
            String at = "line " + (row.getRecordNumber() + 1) + ", ";
            Double[] values = new Double[NUMBERS.size()];
            for (int i = 0; i < NUMBERS.size(); i++) {
                String column = NUMBERS.get(i);
                String cell = row.isMapped(column) && row.isSet(column)
                        ? row.get(column).trim()
                        : "";
                if (cell.isEmpty()) {
                    if (REQUIRED.contains(column)) {
                        errors.add(new FieldError(at + column, "is empty"));
                    }
                    continue;
                }
                try {
                    values[i] = Double.valueOf(cell.replace("_", ""));
                } catch (NumberFormatException e) {
                    errors.add(new FieldError(at + column, "'" + cell + "' is not a number"));
                }
            }
            String id = row.get("id").trim();
            if (id.isEmpty()) {
                errors.add(new FieldError(at + "id", "is empty"));
            }
            regions.add(new RegionSpec(
                    id,
                    text(row, "name"),
                    values[0],
                    values[1],
                    values[2],
                    values[3],
                    values[4],
                    values[5],
                    text(row, "group")));
        }
        if (rows.isEmpty()) {
            errors.add(new FieldError("csv", "no regions: the file has a header and no rows"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        return new FundsProblem(
                FundsProblem.KIND,
                name,
                null,
                "imported from a CSV of " + regions.size() + " regions",
                budget,
                unit == null ? 1.0 : unit,
                regions,
                null);
    }

    private static String text(CSVRecord row, String column) {
        if (!row.isMapped(column) || !row.isSet(column)) {
            return null;
        }
        String v = row.get(column).trim();
        return v.isEmpty() ? null : v;
    }
}
