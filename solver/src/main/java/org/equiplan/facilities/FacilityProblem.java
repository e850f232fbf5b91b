package org.equiplan.facilities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The facility-siting problem as users write it (JSON, {@code "kind": "facilities"}); see
 * docs/facilities.md. Plain records: validation is {@link FacilityValidator}'s, the solver's domain
 * model is built from this by {@link FacilityPlanBuilder}.
 */
public record FacilityProblem(
        String kind,
        String name,
        String description,
        String source,
        List<ServiceSpec> services,
        List<RegionSpec> regions,
        List<DemandSpec> demands,
        List<SiteSpec> sites,
        DistanceSpec distances,
        List<List<Double>> assignmentCosts,
        LimitsSpec limits,
        ObjectiveSpec objective) {

    public static final String KIND = "facilities";

    /** A kind of facility. {@code maxDistance} is the travel standard; null means none. */
    public record ServiceSpec(String id, String name, Double maxDistance, Double costPerDistance) {}

    /** A township or district; {@code rural} marks rural regions for the urban-rural comparison. */
    public record RegionSpec(String id, String name, Boolean rural) {}

    /**
     * A village or tract. {@code demand} maps service id to the amount of demand (pupils, residents),
     * a whole number; a missing service means no demand for it. {@code rural} defaults to the region's.
     */
    public record DemandSpec(
            String id,
            String name,
            String region,
            Double lat,
            Double lon,
            Double x,
            Double y,
            Map<String, Double> demand,
            Boolean rural) {}

    /** A place that has or may get a facility of one service. Null capacity means unlimited. */
    public record SiteSpec(
            String id,
            String name,
            String service,
            String region,
            Double lat,
            Double lon,
            Double x,
            Double y,
            Double capacity,
            Double openingCost,
            SiteState state) {}

    /**
     * How distances are known: computed from coordinates, or an explicit site x demand matrix
     * (rows in {@code sites} order, columns in {@code demands} order; null = the site cannot serve it).
     * {@code candidates}: each demand point may only be served by this many of its nearest sites of each
     * service (null = by any), which keeps province-scale problems small.
     */
    public record DistanceSpec(DistanceMethod method, String unit, List<List<Double>> matrix, Integer candidates) {

        public DistanceSpec(DistanceMethod method, String unit, List<List<Double>> matrix) {
            this(method, unit, matrix, null);
        }
    }

    /**
     * {@code budget}: capital available for opening candidate and required sites; {@code keepExisting}:
     * existing sites may not be closed; {@code open}: per service id, how many sites may be open.
     */
    public record LimitsSpec(Double budget, Boolean keepExisting, Map<String, OpenLimit> open) {}

    public record OpenLimit(Integer min, Integer max, Integer exactly) {

        /** The fewest sites that must be open: {@code exactly} if given, else {@code min} (null: no limit). */
        public Integer least() {
            return exactly != null ? exactly : min;
        }

        /** The most sites that may be open: {@code exactly} if given, else {@code max} (null: no limit). */
        public Integer most() {
            return exactly != null ? exactly : max;
        }
    }

    /** The open-count limit of a service, or null when none is set. The one reading of limits.open. */
    public OpenLimit openLimit(String service) {
        return limits == null || limits.open() == null ? null : limits.open().get(service);
    }

    /** Whether existing sites must stay open ({@code limits.keepExisting}). */
    public boolean keepsExisting() {
        return limits != null && Boolean.TRUE.equals(limits.keepExisting());
    }

    /** Whether a site is open in every plan: required, or existing while existing sites are kept. */
    public boolean alwaysOpen(SiteSpec site) {
        return site.state() == SiteState.REQUIRED || keepsExisting() && site.state() == SiteState.EXISTING;
    }

    /**
     * Weights of the soft terms, and how the travel standard is counted; see docs/facilities.md for
     * defaults and units.
     */
    public record ObjectiveSpec(
            Double openingCostWeight,
            Double assignmentCostWeight,
            EquityMode equity,
            Double equityWeight,
            Double longestTripWeight,
            TravelStandardPenalty travelStandardPenalty) {

        public ObjectiveSpec(
                Double openingCostWeight, Double assignmentCostWeight, EquityMode equity, Double equityWeight) {
            this(openingCostWeight, assignmentCostWeight, equity, equityWeight, null, null);
        }
    }

    /** What the medium level counts for demand served beyond its service's travel standard. */
    public enum TravelStandardPenalty {
        /** demand x (distance - standard): how far beyond counts (the default). */
        EXCESS_DISTANCE("excessDistance"),
        /** the whole demand, however far beyond: the uncovered demand of maximal covering. */
        UNCOVERED_DEMAND("uncoveredDemand");

        private final String json;

        TravelStandardPenalty(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }

        @JsonCreator
        public static TravelStandardPenalty from(String text) {
            return JsonEnums.parse(values(), TravelStandardPenalty::json, text);
        }
    }

    /**
     * A site's state: a candidate may open; an existing one costs no capital (and stays open with
     * {@code limits.keepExisting}); a required one is always open; a closed one may not open (a scenario that
     * rules a site out keeps it in the problem, and in the answer, as closed).
     */
    public enum SiteState {
        CANDIDATE("candidate"),
        EXISTING("existing"),
        REQUIRED("required"),
        CLOSED("closed");

        private final String json;

        SiteState(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }

        @JsonCreator
        public static SiteState from(String text) {
            return JsonEnums.parse(values(), SiteState::json, text);
        }
    }

    public enum DistanceMethod {
        HAVERSINE("haversine"),
        EUCLIDEAN("euclidean"),
        MATRIX("matrix"),
        NONE("none");

        private final String json;

        DistanceMethod(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }

        @JsonCreator
        public static DistanceMethod from(String text) {
            return JsonEnums.parse(values(), DistanceMethod::json, text);
        }
    }

    public enum EquityMode {
        /** No equity term. */
        NONE("none"),
        /** Sum over assignments of demand x distance^2: long trips cost more than their length. */
        SQUARED_DISTANCE("squaredDistance"),
        /** Sum over (region, service) of demand x (regional mean distance)^2: evens out regions. */
        REGIONAL_MEAN("regionalMean");

        private final String json;

        EquityMode(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }

        @JsonCreator
        public static EquityMode from(String text) {
            return JsonEnums.parse(values(), EquityMode::json, text);
        }
    }

    /** Lower-camel JSON names for enums, with an error that lists the allowed values. */
    static final class JsonEnums {
        private JsonEnums() {}

        static <E> E parse(E[] values, java.util.function.Function<E, String> name, String text) {
            for (E value : values) {
                if (name.apply(value).equals(text)) {
                    return value;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not one of "
                    + Arrays.stream(values).map(name).collect(Collectors.joining(", ")));
        }
    }
}
