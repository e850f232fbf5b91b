package org.equiplan.facilities.importers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.FacilityProblem.DemandSpec;
import org.equiplan.facilities.FacilityProblem.DistanceMethod;
import org.equiplan.facilities.FacilityProblem.DistanceSpec;
import org.equiplan.facilities.FacilityProblem.RegionSpec;
import org.equiplan.facilities.FacilityProblem.ServiceSpec;
import org.equiplan.facilities.FacilityProblem.SiteSpec;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.problem.CsvTable;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;

/**
 * A facility problem from two spreadsheets, as planners keep them: villages ({@code id, name, region, lat, lon}
 * or {@code x, y}, optionally {@code rural}, and one column per service with its demand, such as {@code school})
 * and sites ({@code id, name, service, region, lat, lon} or {@code x, y}, optionally {@code capacity,
 * openingCost, state}). Every bad cell is reported at once as {@code villages line 3, lat: ...}. Distances are
 * great-circle kilometres for latitude and longitude, straight lines for x and y.
 */
public final class PlacesCsv {

    private PlacesCsv() {}

    public static FacilityProblem read(String villagesCsv, String sitesCsv, List<ServiceSpec> services, String name) {
        List<FieldError> errors = new ArrayList<>();
        if (services.isEmpty()) {
            errors.add(
                    new FieldError("services", "name at least one service, such as school:5 (id and travel standard)"));
        }
        List<CSVRecord> villages = CsvTable.read(villagesCsv, "villages", List.of("id", "region"));
        List<CSVRecord> siteRows = CsvTable.read(sitesCsv, "sites", List.of("id", "service"));
        boolean geographic = !villages.isEmpty() && villages.get(0).isMapped("lat");

        Map<String, Boolean> regionRural = new LinkedHashMap<>();
        List<DemandSpec> demands = new ArrayList<>();
        for (CSVRecord row : villages) {
            Cells c = new Cells(row, "villages", errors);
            String region = c.text("region", true);
            Boolean rural = c.bool("rural");
            Map<String, Double> demand = new LinkedHashMap<>();
            for (ServiceSpec s : services) {
                if (!row.isMapped(s.id())) {
                    errors.add(new FieldError(
                            "villages", "missing column '" + s.id() + "' (demand for service " + s.id() + ")"));
                    continue;
                }
                Double d = c.number(s.id(), false);
                if (d != null && d > 0) {
                    demand.put(s.id(), d);
                }
            }
            if (region != null) {
                regionRural.merge(region, rural == null || rural, (a, b) -> a && b);
            }
            demands.add(new DemandSpec(
                    c.text("id", true),
                    c.text("name", false),
                    region,
                    geographic ? c.number("lat", true) : null,
                    geographic ? c.number("lon", true) : null,
                    geographic ? null : c.number("x", true),
                    geographic ? null : c.number("y", true),
                    demand,
                    rural));
        }
        List<SiteSpec> sites = new ArrayList<>();
        for (CSVRecord row : siteRows) {
            Cells c = new Cells(row, "sites", errors);
            String stateText = c.text("state", false);
            SiteState state = null;
            if (stateText != null) {
                try {
                    state = SiteState.from(stateText);
                } catch (RuntimeException e) {
                    errors.add(new FieldError(
                            c.at + "state", "'" + stateText + "' is not one of candidate, existing, required, closed"));
                }
            }
            sites.add(new SiteSpec(
                    c.text("id", true),
                    c.text("name", false),
                    c.text("service", true),
                    c.text("region", false),
                    geographic ? c.number("lat", true) : null,
                    geographic ? c.number("lon", true) : null,
                    geographic ? null : c.number("x", true),
                    geographic ? null : c.number("y", true),
                    c.number("capacity", false),
                    c.number("openingCost", false),
                    state));
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        List<RegionSpec> regions = new ArrayList<>();
        regionRural.forEach((id, rural) -> regions.add(new RegionSpec(id, id, rural)));
        return new FacilityProblem(
                FacilityProblem.KIND,
                name,
                null,
                "imported from CSVs of " + demands.size() + " villages and " + sites.size() + " sites",
                services,
                regions,
                demands,
                sites,
                new DistanceSpec(geographic ? DistanceMethod.HAVERSINE : DistanceMethod.EUCLIDEAN, "km", null),
                null,
                null,
                null);
    }

    /** The cells of one row, each error named by file, line and column. */
    private static final class Cells {
        final CSVRecord row;
        final String at;
        final List<FieldError> errors;

        Cells(CSVRecord row, String file, List<FieldError> errors) {
            this.row = row;
            this.at = file + " line " + (row.getRecordNumber() + 1) + ", ";
            this.errors = errors;
        }

        String text(String column, boolean required) {
            String v =
                    row.isMapped(column) && row.isSet(column) ? row.get(column).trim() : "";
            if (v.isEmpty()) {
                if (required) {
                    errors.add(new FieldError(at + column, "is empty"));
                }
                return null;
            }
            return v;
        }

        Double number(String column, boolean required) {
            String v = text(column, required);
            if (v == null) {
                return null;
            }
            try {
                return Double.valueOf(v.replace("_", ""));
            } catch (NumberFormatException e) {
                errors.add(new FieldError(at + column, "'" + v + "' is not a number"));
                return null;
            }
        }

        Boolean bool(String column) {
            String v = text(column, false);
            if (v == null) {
                return null;
            }
            return switch (v.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "1", "rural", "是" -> true;
                case "false", "no", "0", "urban", "否" -> false;
                default -> {
                    errors.add(new FieldError(at + column, "'" + v + "' is not true or false"));
                    yield null;
                }
            };
        }
    }
}
