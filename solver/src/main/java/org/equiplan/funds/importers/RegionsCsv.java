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
 *
 * <p>For standard expenditure built from categories (given by the caller), {@code standardExpenditure} may be left
 * out and the inputs come as prefixed columns: {@code people:children}, {@code coefficient:heating},
 * {@code satisfaction:education}; {@code basicNeed} is read too.
 */
public final class RegionsCsv {

    public static final List<String> REQUIRED = List.of("id", "population", "standardRevenue", "standardExpenditure");
    private static final List<String> NUMBERS = List.of(
            "population",
            "standardRevenue",
            "standardExpenditure",
            "previousTransfer",
            "minTransfer",
            "maxTransfer",
            "basicNeed");
    /** Prefixes of the columns that fill a region's maps: people by group, cost coefficients, satisfaction. */
    public static final List<String> PREFIXES = List.of("people:", "coefficient:", "satisfaction:");

    /** A file to start from: the columns, two regions. */
    public static final String TEMPLATE =
            "id,name,population,standardRevenue,standardExpenditure,previousTransfer,group\n"
                    + "county-a,\"Anxian, north\",120000,350000000,610000000,180000000,north\n"
                    + "county-b,白河县,86000,120000000,400000000,210000000,south\n";

    private RegionsCsv() {}

    public static FundsProblem read(String text, String name, Double budget, Double unit) {
        return read(text, name, budget, unit, null);
    }

    /** With {@code categories}, standard expenditure is built from them and its column may be left out. */
    public static FundsProblem read(
            String text, String name, Double budget, Double unit, List<FundsProblem.CategorySpec> categories) {
        List<FieldError> errors = new ArrayList<>();
        if (budget == null
                && categories != null
                && !categories.isEmpty()
                && categories.stream().allMatch(c -> c != null && c.budget() != null)) {
            // Earmarked categories: the budget is their total.
            budget = categories.stream()
                    .mapToDouble(FundsProblem.CategorySpec::budget)
                    .sum();
        }
        if (budget == null) {
            errors.add(new FieldError(
                    "budget",
                    "is required: the total to allocate, in the same unit as the amounts"
                            + (categories == null || categories.isEmpty()
                                    ? ""
                                    : " (or an earmarked budget in every category)")));
        }
        boolean built = categories != null && !categories.isEmpty();
        List<String> required = built
                ? REQUIRED.stream()
                        .filter(c -> !c.equals("standardExpenditure"))
                        .toList()
                : REQUIRED;
        List<CSVRecord> rows = CsvTable.read(text, "csv", required);
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
                    if (required.contains(column)) {
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
            List<java.util.Map<String, Double>> maps = new ArrayList<>();
            for (String prefix : PREFIXES) {
                maps.add(prefixed(row, prefix, at, errors));
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
                    text(row, "group"),
                    maps.get(0),
                    maps.get(1),
                    maps.get(2),
                    values[6]));
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
                null,
                built ? categories : null,
                null);
    }

    /** The numbers in this row's columns named {@code prefix + key}, by key; null when the file has none. */
    private static java.util.Map<String, Double> prefixed(
            CSVRecord row, String prefix, String at, List<FieldError> errors) {
        java.util.Map<String, Double> out = null;
        for (String column : row.getParser().getHeaderNames()) {
            if (!column.startsWith(prefix) || !row.isSet(column)) {
                continue;
            }
            String cell = row.get(column).trim();
            if (cell.isEmpty()) {
                continue;
            }
            if (out == null) {
                out = new java.util.LinkedHashMap<>();
            }
            try {
                out.put(column.substring(prefix.length()), Double.valueOf(cell.replace("_", "")));
            } catch (NumberFormatException e) {
                errors.add(new FieldError(at + column, "'" + cell + "' is not a number"));
            }
        }
        return out;
    }

    private static String text(CSVRecord row, String column) {
        if (!row.isMapped(column) || !row.isSet(column)) {
            return null;
        }
        String v = row.get(column).trim();
        return v.isEmpty() ? null : v;
    }
}
