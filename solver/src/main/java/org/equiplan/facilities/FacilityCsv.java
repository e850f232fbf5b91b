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

    /**
     * With the problem: one row per village and service with names, region, coordinates, the site, whether it is
     * open and the distance against the travel standard, for a spreadsheet or a GIS without more joins.
     */
    static String of(FacilityProblem problem, FacilityAnswer answer) {
        java.util.Map<String, FacilityProblem.DemandSpec> demands = new java.util.HashMap<>();
        problem.demands().forEach(d -> demands.put(d.id(), d));
        java.util.Map<String, FacilityProblem.SiteSpec> sites = new java.util.HashMap<>();
        problem.sites().forEach(s -> sites.put(s.id(), s));
        java.util.Map<String, Double> standards = new java.util.HashMap<>();
        problem.services().forEach(s -> standards.put(s.id(), s.maxDistance()));
        java.util.Set<String> open =
                new java.util.HashSet<>(answer.openSites() == null ? java.util.List.of() : answer.openSites());
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(
                out,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(
                                "demand",
                                "demandName",
                                "region",
                                "service",
                                "site",
                                "siteName",
                                "siteState",
                                "siteOpen",
                                "distance",
                                "withinStandard",
                                "demandLat",
                                "demandLon",
                                "demandX",
                                "demandY",
                                "siteLat",
                                "siteLon",
                                "siteX",
                                "siteY")
                        .get())) {
            if (answer.assignments() != null) {
                for (AssignmentOut a : answer.assignments()) {
                    FacilityProblem.DemandSpec d = demands.get(a.demand());
                    FacilityProblem.SiteSpec s = sites.get(a.site());
                    Double standard = standards.get(a.service());
                    csv.printRecord(
                            a.demand(),
                            d == null || d.name() == null ? "" : d.name(),
                            d == null || d.region() == null ? "" : d.region(),
                            a.service(),
                            a.site(),
                            s == null || s.name() == null ? "" : s.name(),
                            s == null || s.state() == null
                                    ? "candidate"
                                    : s.state().json(),
                            open.contains(a.site()),
                            org.equiplan.problem.Decimals.plain(a.distance()),
                            standard == null || a.distance() == null ? "" : a.distance() <= standard + 1e-9,
                            org.equiplan.problem.Decimals.plain(d == null ? null : d.lat()),
                            org.equiplan.problem.Decimals.plain(d == null ? null : d.lon()),
                            org.equiplan.problem.Decimals.plain(d == null ? null : d.x()),
                            org.equiplan.problem.Decimals.plain(d == null ? null : d.y()),
                            org.equiplan.problem.Decimals.plain(s == null ? null : s.lat()),
                            org.equiplan.problem.Decimals.plain(s == null ? null : s.lon()),
                            org.equiplan.problem.Decimals.plain(s == null ? null : s.x()),
                            org.equiplan.problem.Decimals.plain(s == null ? null : s.y()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
