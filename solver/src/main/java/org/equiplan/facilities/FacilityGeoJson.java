package org.equiplan.facilities;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.equiplan.facilities.FacilityAnswer.AssignmentOut;
import org.equiplan.facilities.FacilityAnswer.SiteOut;
import org.equiplan.facilities.FacilityProblem.DemandSpec;
import org.equiplan.facilities.FacilityProblem.SiteSpec;
import org.equiplan.problem.Json;

/**
 * A facility answer as GeoJSON (RFC 7946) for QGIS and other GIS: sites and villages as points, each assignment
 * as a line from the village to its site, with names, services, states and distances as properties. Only for
 * problems in latitude and longitude (GeoJSON is WGS 84); planar x/y problems have none.
 */
final class FacilityGeoJson {

    private FacilityGeoJson() {}

    static Optional<String> of(FacilityProblem problem, FacilityAnswer answer) {
        boolean geographic = problem.sites().stream().allMatch(s -> s.lat() != null && s.lon() != null)
                && problem.demands().stream().allMatch(d -> d.lat() != null && d.lon() != null);
        if (!geographic) {
            return Optional.empty();
        }
        Map<String, SiteSpec> sites = new HashMap<>();
        problem.sites().forEach(s -> sites.put(s.id(), s));
        Map<String, DemandSpec> demands = new HashMap<>();
        problem.demands().forEach(d -> demands.put(d.id(), d));
        Map<String, Double> standards = new HashMap<>();
        problem.services().forEach(s -> standards.put(s.id(), s.maxDistance()));
        Set<String> open = new HashSet<>(answer.openSites() == null ? List.of() : answer.openSites());
        Map<String, SiteOut> reported = new HashMap<>();
        if (answer.sites() != null) {
            answer.sites().forEach(s -> reported.put(s.id(), s));
        }

        ObjectNode collection = Json.MAPPER.createObjectNode();
        collection.put("type", "FeatureCollection");
        collection.put("name", answer.name());
        ArrayNode features = collection.putArray("features");
        for (SiteSpec s : problem.sites()) {
            ObjectNode p = feature(features, point(s.lon(), s.lat()));
            p.put("layer", "site");
            p.put("id", s.id());
            p.put("name", s.name() == null ? s.id() : s.name());
            p.put("service", s.service());
            p.put("state", s.state() == null ? "candidate" : s.state().json());
            p.put("open", open.contains(s.id()));
            SiteOut out = reported.get(s.id());
            if (out != null) {
                p.put("load", out.load());
            }
            if (s.capacity() != null) {
                p.put("capacity", s.capacity());
            }
        }
        for (DemandSpec d : problem.demands()) {
            ObjectNode p = feature(features, point(d.lon(), d.lat()));
            p.put("layer", "village");
            p.put("id", d.id());
            p.put("name", d.name() == null ? d.id() : d.name());
            p.put("region", d.region());
        }
        if (answer.assignments() != null) {
            for (AssignmentOut a : answer.assignments()) {
                DemandSpec d = demands.get(a.demand());
                SiteSpec s = sites.get(a.site());
                if (d == null || s == null) {
                    continue;
                }
                ObjectNode line = Json.MAPPER.createObjectNode();
                line.put("type", "LineString");
                ArrayNode coordinates = line.putArray("coordinates");
                coordinates.add(pair(d.lon(), d.lat()));
                coordinates.add(pair(s.lon(), s.lat()));
                ObjectNode p = feature(features, line);
                p.put("layer", "assignment");
                p.put("demand", a.demand());
                p.put("service", a.service());
                p.put("site", a.site());
                if (a.distance() != null) {
                    p.put("distance", a.distance());
                    Double standard = standards.get(a.service());
                    if (standard != null) {
                        p.put("withinStandard", a.distance() <= standard + 1e-9);
                    }
                }
            }
        }
        return Optional.of(Json.compact(collection));
    }

    /** Adds a feature with this geometry; returns its properties. */
    private static ObjectNode feature(ArrayNode features, ObjectNode geometry) {
        ObjectNode f = features.addObject();
        f.put("type", "Feature");
        f.set("geometry", geometry);
        return f.putObject("properties");
    }

    private static ObjectNode point(double lon, double lat) {
        ObjectNode g = Json.MAPPER.createObjectNode();
        g.put("type", "Point");
        g.set("coordinates", pair(lon, lat));
        return g;
    }

    private static ArrayNode pair(double lon, double lat) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        a.add(lon);
        a.add(lat);
        return a;
    }
}
