package org.equiplan.facilities;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equiplan.facilities.FacilityProblem.DemandSpec;
import org.equiplan.facilities.FacilityProblem.DistanceMethod;
import org.equiplan.facilities.FacilityProblem.EquityMode;
import org.equiplan.facilities.FacilityProblem.OpenLimit;
import org.equiplan.facilities.FacilityProblem.RegionSpec;
import org.equiplan.facilities.FacilityProblem.ServiceSpec;
import org.equiplan.facilities.FacilityProblem.SiteSpec;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.problem.Errors;
import org.equiplan.problem.FieldError;

/**
 * Checks a facility problem before anything is solved and reports every error with its field path.
 * Structural checks come first; the feasibility checks (capacity, reach, open counts, budget) run
 * only on a structurally sound problem, so that one typo does not cause a cascade of messages.
 *
 * <p>Over 300 lines because every field of the format has its check and message here, in the order of the
 * format (docs/facilities.md), so that a reader can hold the two side by side.
 */
public final class FacilityValidator {

    private FacilityValidator() {}

    public static List<FieldError> validate(FacilityProblem p) {
        Errors errors = new Errors();
        if (!FacilityProblem.KIND.equals(p.kind())) {
            errors.add("kind", "must be '" + FacilityProblem.KIND + "'");
        }
        DistanceMethod method = FacilityPlanBuilder.method(p);
        Map<String, Integer> services = services(p, errors, method);
        Set<String> regions = regions(p, errors);
        demands(p, errors, services.keySet(), regions, method);
        sites(p, errors, services.keySet(), regions, method);
        matrices(p, errors, method);
        limits(p, errors, services.keySet());
        objective(p, errors, method);
        if (errors.isEmpty()) {
            feasibility(p, errors);
        }
        return errors.list();
    }

    private static Map<String, Integer> services(FacilityProblem p, Errors errors, DistanceMethod method) {
        Map<String, Integer> ids = new HashMap<>();
        if (p.services() == null || p.services().isEmpty()) {
            errors.add("services", "at least one service is required");
            return ids;
        }
        for (int i = 0; i < p.services().size(); i++) {
            ServiceSpec s = p.services().get(i);
            String at = "services[" + i + "]";
            if (s == null) {
                errors.add(at, "must be an object");
                continue;
            }
            if (errors.checkText(at + ".id", s.id()) && ids.putIfAbsent(s.id(), i) != null) {
                errors.add(at + ".id", "duplicate service id '" + s.id() + "'");
            }
            errors.checkNumber(at + ".maxDistance", s.maxDistance(), 0, false);
            errors.checkNumber(at + ".costPerDistance", s.costPerDistance(), 0, false);
            if (method == DistanceMethod.NONE && s.maxDistance() != null) {
                errors.add(at + ".maxDistance", "a travel standard needs distances (distances.method is 'none')");
            }
        }
        return ids;
    }

    private static Set<String> regions(FacilityProblem p, Errors errors) {
        Set<String> ids = new HashSet<>();
        if (p.regions() == null || p.regions().isEmpty()) {
            errors.add("regions", "at least one region is required");
            return ids;
        }
        for (int i = 0; i < p.regions().size(); i++) {
            RegionSpec r = p.regions().get(i);
            String at = "regions[" + i + "]";
            if (r == null) {
                errors.add(at, "must be an object");
            } else if (errors.checkText(at + ".id", r.id()) && !ids.add(r.id())) {
                errors.add(at + ".id", "duplicate region id '" + r.id() + "'");
            }
        }
        return ids;
    }

    private static void demands(
            FacilityProblem p, Errors errors, Set<String> services, Set<String> regions, DistanceMethod method) {
        if (p.demands() == null || p.demands().isEmpty()) {
            errors.add("demands", "at least one demand point is required");
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < p.demands().size(); i++) {
            DemandSpec d = p.demands().get(i);
            String at = "demands[" + i + "]";
            if (d == null) {
                errors.add(at, "must be an object");
                continue;
            }
            if (errors.checkText(at + ".id", d.id()) && !ids.add(d.id())) {
                errors.add(at + ".id", "duplicate demand id '" + d.id() + "'");
            }
            if (errors.checkText(at + ".region", d.region()) && !regions.isEmpty() && !regions.contains(d.region())) {
                errors.add(at + ".region", "unknown region '" + d.region() + "'");
            }
            coordinates(errors, at, method, d.lat(), d.lon(), d.x(), d.y());
            if (d.demand() == null || d.demand().isEmpty()) {
                errors.add(at + ".demand", "is required: the demand per service id, e.g. {\"school\": 120}");
                continue;
            }
            for (Map.Entry<String, Double> e : d.demand().entrySet()) {
                String field = at + ".demand." + e.getKey();
                if (!services.isEmpty() && !services.contains(e.getKey())) {
                    errors.add(field, "unknown service '" + e.getKey() + "'");
                } else if (errors.checkNumber(field, e.getValue(), 0, true)
                        && e.getValue() != Math.rint(e.getValue())) {
                    errors.add(field, "must be a whole number");
                } else if (e.getValue() != null && e.getValue() > 1e15) {
                    errors.add(field, "must be <= 1e15");
                }
            }
        }
    }

    private static void sites(
            FacilityProblem p, Errors errors, Set<String> services, Set<String> regions, DistanceMethod method) {
        if (p.sites() == null || p.sites().isEmpty()) {
            errors.add("sites", "at least one site is required");
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < p.sites().size(); i++) {
            SiteSpec s = p.sites().get(i);
            String at = "sites[" + i + "]";
            if (s == null) {
                errors.add(at, "must be an object");
                continue;
            }
            if (errors.checkText(at + ".id", s.id()) && !ids.add(s.id())) {
                errors.add(at + ".id", "duplicate site id '" + s.id() + "'");
            }
            if (errors.checkText(at + ".service", s.service())
                    && !services.isEmpty()
                    && !services.contains(s.service())) {
                errors.add(at + ".service", "unknown service '" + s.service() + "'");
            }
            if (s.region() != null && !regions.isEmpty() && !regions.contains(s.region())) {
                errors.add(at + ".region", "unknown region '" + s.region() + "'");
            }
            coordinates(errors, at, method, s.lat(), s.lon(), s.x(), s.y());
            if (errors.checkNumber(at + ".capacity", s.capacity(), 0, false)
                    && s.capacity() != null
                    && s.capacity() != Math.rint(s.capacity())) {
                errors.add(at + ".capacity", "must be a whole number");
            }
            errors.checkNumber(at + ".openingCost", s.openingCost(), 0, false);
        }
    }

    private static void coordinates(
            Errors errors, String at, DistanceMethod method, Double lat, Double lon, Double x, Double y) {
        if (method == DistanceMethod.HAVERSINE) {
            if (errors.checkNumber(at + ".lat", lat, -90, true) && lat > 90) {
                errors.add(at + ".lat", "must be <= 90");
            }
            if (errors.checkNumber(at + ".lon", lon, -180, true) && lon > 180) {
                errors.add(at + ".lon", "must be <= 180");
            }
        } else if (method == DistanceMethod.EUCLIDEAN) {
            errors.checkNumber(at + ".x", x, -Double.MAX_VALUE, true);
            errors.checkNumber(at + ".y", y, -Double.MAX_VALUE, true);
        }
    }

    private static void matrices(FacilityProblem p, Errors errors, DistanceMethod method) {
        int rows = p.sites() == null ? 0 : p.sites().size();
        int columns = p.demands() == null ? 0 : p.demands().size();
        if (method == DistanceMethod.MATRIX) {
            if (p.distances().matrix() == null) {
                errors.add("distances.matrix", "is required when distances.method is 'matrix'");
            } else {
                matrix(errors, "distances.matrix", p.distances().matrix(), rows, columns);
            }
        } else if (p.distances() != null && p.distances().matrix() != null) {
            errors.add("distances.matrix", "is only read when distances.method is 'matrix'");
        }
        if (p.distances() != null
                && p.distances().candidates() != null
                && p.distances().candidates() < 1) {
            errors.add("distances.candidates", "must be >= 1 (the nearest sites each demand point may use)");
        }
        if (p.assignmentCosts() != null) {
            matrix(errors, "assignmentCosts", p.assignmentCosts(), rows, columns);
        } else if (method == DistanceMethod.NONE) {
            errors.add("assignmentCosts", "is required when distances.method is 'none'");
        }
    }

    private static void matrix(Errors errors, String at, List<List<Double>> m, int rows, int columns) {
        if (m.size() != rows) {
            errors.add(at, "has " + m.size() + " rows; expected one per site (" + rows + ")");
            return;
        }
        for (int i = 0; i < m.size(); i++) {
            List<Double> row = m.get(i);
            if (row == null || row.size() != columns) {
                errors.add(
                        at + "[" + i + "]",
                        "has " + (row == null ? 0 : row.size()) + " values; expected one per demand point (" + columns
                                + ")");
                continue;
            }
            for (int j = 0; j < row.size(); j++) {
                if (row.get(j) != null) {
                    errors.checkNumber(at + "[" + i + "][" + j + "]", row.get(j), 0, false);
                }
            }
        }
    }

    private static void limits(FacilityProblem p, Errors errors, Set<String> services) {
        if (p.limits() == null) {
            return;
        }
        errors.checkNumber("limits.budget", p.limits().budget(), 0, false);
        if (p.limits().open() == null) {
            return;
        }
        for (Map.Entry<String, OpenLimit> e : p.limits().open().entrySet()) {
            String at = "limits.open." + e.getKey();
            OpenLimit l = e.getValue();
            if (!services.isEmpty() && !services.contains(e.getKey())) {
                errors.add(at, "unknown service '" + e.getKey() + "'");
                continue;
            }
            if (l == null) {
                errors.add(at, "must be an object like {\"max\": 5}");
                continue;
            }
            nonNegative(errors, at + ".min", l.min());
            nonNegative(errors, at + ".max", l.max());
            nonNegative(errors, at + ".exactly", l.exactly());
            if (l.exactly() != null && (l.min() != null || l.max() != null)) {
                errors.add(at + ".exactly", "cannot be combined with min or max");
            }
            if (l.min() != null && l.max() != null && l.min() > l.max()) {
                errors.add(at + ".min", "is above max (" + l.max() + ")");
            }
        }
    }

    private static void nonNegative(Errors errors, String field, Integer value) {
        if (value != null && value < 0) {
            errors.add(field, "must be >= 0");
        }
    }

    private static void objective(FacilityProblem p, Errors errors, DistanceMethod method) {
        if (p.objective() == null) {
            if (method == DistanceMethod.NONE && FacilityPlanBuilder.DEFAULT_EQUITY_WEIGHT > 0) {
                errors.add("objective.equity", "the default equity term needs distances: set \"equity\": \"none\"");
            }
            return;
        }
        errors.checkNumber("objective.openingCostWeight", p.objective().openingCostWeight(), 0, false);
        errors.checkNumber("objective.assignmentCostWeight", p.objective().assignmentCostWeight(), 0, false);
        errors.checkNumber("objective.equityWeight", p.objective().equityWeight(), 0, false);
        errors.checkNumber("objective.longestTripWeight", p.objective().longestTripWeight(), 0, false);
        if (method == DistanceMethod.NONE
                && p.objective().longestTripWeight() != null
                && p.objective().longestTripWeight() > 0) {
            errors.add("objective.longestTripWeight", "the longest trip needs distances (distances.method is 'none')");
        }
        if (p.objective().travelStandardPenalty() != null
                && p.services().stream().noneMatch(s -> s.maxDistance() != null)) {
            errors.add("objective.travelStandardPenalty", "no service has a travel standard (services[].maxDistance)");
        }
        if (method == DistanceMethod.NONE
                && FacilityPlanBuilder.equity(p) != EquityMode.NONE
                && FacilityPlanBuilder.equityWeight(p) > 0) {
            errors.add("objective.equity", "an equity term needs distances (distances.method is 'none')");
        }
    }

    /** Can this problem be feasible at all? Each failure names the field a user would change. */
    private static void feasibility(FacilityProblem p, Errors errors) {
        for (int si = 0; si < p.services().size(); si++) {
            String service = p.services().get(si).id();
            long totalDemand = 0;
            int demandPoints = 0;
            long capacity = 0;
            int siteCount = 0;
            int alwaysOpen = 0;
            SiteCandidates candidates = new SiteCandidates(p, service);
            for (int j = 0; j < p.demands().size(); j++) {
                DemandSpec d = p.demands().get(j);
                Double amount = d.demand().get(service);
                if (amount == null || amount == 0) {
                    continue;
                }
                totalDemand += amount.longValue();
                demandPoints++;
                String field = "demands[" + j + "].demand." + service;
                int[] allowed = candidates.of(j);
                boolean reachable = allowed.length > 0;
                boolean fits = false;
                for (int i : allowed) {
                    SiteSpec s = p.sites().get(i);
                    fits |= s.capacity() == null || s.capacity() >= amount;
                }
                if (!reachable) {
                    errors.add(field, "no site of service '" + service + "' can serve this demand point");
                } else if (!fits) {
                    errors.add(
                            field,
                            FacilityPlanBuilder.format(amount)
                                    + " exceeds the capacity of every site that can serve it (a village goes to one site)"
                                    + (p.distances() != null && p.distances().candidates() != null
                                            ? "; distances.candidates keeps only the "
                                                    + p.distances().candidates() + " nearest"
                                            : ""));
                }
            }
            for (SiteSpec s : p.sites()) {
                if (service.equals(s.service())) {
                    siteCount++;
                    capacity = s.capacity() == null || capacity == Long.MAX_VALUE
                            ? Long.MAX_VALUE
                            : capacity + s.capacity().longValue();
                    if (p.alwaysOpen(s)) {
                        alwaysOpen++;
                    }
                }
            }
            String at = "services[" + si + "]";
            if (siteCount == 0 && totalDemand > 0) {
                errors.add(at, "service '" + service + "' has demand but no site");
            } else if (capacity < totalDemand) {
                errors.add(
                        at,
                        "the sites of service '" + service + "' have a total capacity of " + capacity
                                + ", below its total demand of " + totalDemand);
            }
            openCounts(p, errors, service, siteCount, alwaysOpen, demandPoints);
        }
        budget(p, errors);
    }

    private static void openCounts(
            FacilityProblem p, Errors errors, String service, int siteCount, int alwaysOpen, int demandPoints) {
        OpenLimit l = p.openLimit(service);
        if (l == null) {
            return;
        }
        String at = "limits.open." + service;
        Integer min = l.least();
        Integer max = l.most();
        String minField = at + (l.exactly() != null ? ".exactly" : ".min");
        String maxField = at + (l.exactly() != null ? ".exactly" : ".max");
        if (min != null && min > siteCount) {
            errors.add(
                    minField,
                    min + " open sites asked, but service '" + service + "' has only " + siteCount + " sites");
        } else if (min != null && min > alwaysOpen + demandPoints) {
            errors.add(
                    minField,
                    min + " open sites asked, but a site only opens to serve demand: at most "
                            + (alwaysOpen + demandPoints) + " can be open (" + alwaysOpen + " kept open plus one per "
                            + "demand point with demand)");
        }
        if (max != null && max < alwaysOpen) {
            errors.add(
                    maxField,
                    max + " is below the " + alwaysOpen + " sites of service '" + service + "' that must stay open");
        }
        if (max != null && max == 0 && demandPoints > 0) {
            errors.add(maxField, "0 open sites cannot serve the demand for '" + service + "'");
        }
    }

    private static void budget(FacilityProblem p, Errors errors) {
        if (p.limits() == null || p.limits().budget() == null) {
            return;
        }
        double required = 0;
        for (SiteSpec s : p.sites()) {
            if (s.state() == SiteState.REQUIRED && s.openingCost() != null) {
                required += s.openingCost();
            }
        }
        if (required > p.limits().budget()) {
            errors.add(
                    "limits.budget",
                    FacilityPlanBuilder.format(p.limits().budget())
                            + " is below the " + FacilityPlanBuilder.format(required)
                            + " that the required sites cost to open");
        }
    }
}
