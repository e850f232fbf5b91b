package org.equiplan.facilities;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.facilities.FacilityProblem.DemandSpec;
import org.equiplan.facilities.FacilityProblem.DistanceMethod;
import org.equiplan.facilities.FacilityProblem.EquityMode;
import org.equiplan.facilities.FacilityProblem.OpenLimit;
import org.equiplan.facilities.FacilityProblem.RegionSpec;
import org.equiplan.facilities.FacilityProblem.ServiceSpec;
import org.equiplan.facilities.FacilityProblem.SiteSpec;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.FacilityProblem.TravelStandardPenalty;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.DemandPoint;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Limits;
import org.equiplan.facilities.domain.Region;
import org.equiplan.facilities.domain.RegionAccess;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;
import org.equiplan.problem.InvalidProblemException;

/**
 * Turns a validated {@link FacilityProblem} into the solver's {@link FacilityPlan}: resolves ids,
 * computes every site-demand distance once, and precomputes each assignment's cost per site as a
 * scaled long (see {@link #costScale}), so that scoring is integer arithmetic on arrays.
 *
 * <p>Over 300 lines because it streams: at province scale (20,000 villages x 2,000 sites) the distances are
 * computed once, kept only for each village's candidate sites, and turned into scaled costs in the same pass;
 * the distance methods and the cost scale are the other parts.
 */
public final class FacilityPlanBuilder {

    /** Mean earth radius (IUGG), km. */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    public static final double DEFAULT_COST_PER_DISTANCE = 1.0;
    public static final EquityMode DEFAULT_EQUITY = EquityMode.REGIONAL_MEAN;
    public static final double DEFAULT_EQUITY_WEIGHT = 1.0;
    /** Largest scaled total the score may reach, well below Long.MAX_VALUE so sums cannot overflow. */
    static final double MAX_SCALED_TOTAL = 1e17;

    private FacilityPlanBuilder() {}

    /** Validates, then builds; throws {@link InvalidProblemException} with every error found. */
    public static FacilityPlan build(FacilityProblem p) {
        var errors = FacilityValidator.validate(p);
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        return new Built(p).plan;
    }

    static DistanceMethod method(FacilityProblem p) {
        return p.distances() == null || p.distances().method() == null
                ? DistanceMethod.HAVERSINE
                : p.distances().method();
    }

    public static String distanceUnit(FacilityProblem p) {
        if (p.distances() != null && p.distances().unit() != null) {
            return p.distances().unit();
        }
        return switch (method(p)) {
            case HAVERSINE, MATRIX -> "km";
            case EUCLIDEAN -> "units";
            case NONE -> null;
        };
    }

    static EquityMode equity(FacilityProblem p) {
        return p.objective() == null || p.objective().equity() == null
                ? DEFAULT_EQUITY
                : p.objective().equity();
    }

    static double longestTripWeight(FacilityProblem p) {
        return p.objective() == null || p.objective().longestTripWeight() == null
                ? 0
                : p.objective().longestTripWeight();
    }

    static TravelStandardPenalty travelStandardPenalty(FacilityProblem p) {
        return p.objective() == null || p.objective().travelStandardPenalty() == null
                ? TravelStandardPenalty.EXCESS_DISTANCE
                : p.objective().travelStandardPenalty();
    }

    static double equityWeight(FacilityProblem p) {
        return p.objective() == null || p.objective().equityWeight() == null
                ? DEFAULT_EQUITY_WEIGHT
                : p.objective().equityWeight();
    }

    static double openingCostWeight(FacilityProblem p) {
        return p.objective() == null || p.objective().openingCostWeight() == null
                ? 1.0
                : p.objective().openingCostWeight();
    }

    static double assignmentCostWeight(FacilityProblem p) {
        return p.objective() == null || p.objective().assignmentCostWeight() == null
                ? 1.0
                : p.objective().assignmentCostWeight();
    }

    static SiteState state(SiteSpec s) {
        return s.state() == null ? SiteState.CANDIDATE : s.state();
    }

    /** Can site i serve demand point j at all (no null in the distance or cost matrix)? */
    static boolean canServe(FacilityProblem p, int i, int j) {
        if (method(p) == DistanceMethod.MATRIX && p.distances().matrix().get(i).get(j) == null) {
            return false;
        }
        return p.assignmentCosts() == null || p.assignmentCosts().get(i).get(j) != null;
    }

    /** Distance between site i and demand point j in the problem's unit; NaN when unknown. */
    static double distance(FacilityProblem p, int i, int j) {
        SiteSpec s = p.sites().get(i);
        DemandSpec d = p.demands().get(j);
        return switch (method(p)) {
            case HAVERSINE -> haversineKm(s.lat(), s.lon(), d.lat(), d.lon());
            case EUCLIDEAN -> Math.hypot(s.x() - d.x(), s.y() - d.y());
            case MATRIX -> p.distances().matrix().get(i).get(j);
            case NONE -> Double.NaN;
        };
    }

    public static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The power of ten that turns every cost into a whole number: 1 when all costs are integers
     * (so the soft score equals the classic objective exactly), up to 10^4 for costs given with four
     * decimals; 1000 (thousandths) for costs that no power of ten makes whole, such as those computed
     * from haversine distances. Lowered if the scaled totals could come near the range of a long.
     */
    static long costScale(double[] costs, double maxTotal) {
        ScaleFinder finder = new ScaleFinder();
        for (double c : costs) {
            finder.accept(c);
        }
        return finder.scale(maxTotal);
    }

    /**
     * Finds the power of ten of {@link #costScale} from a stream of costs, without keeping them: for each
     * candidate scale, whether every cost seen so far is whole at that scale.
     */
    static final class ScaleFinder {
        private static final long[] CANDIDATES = {1, 10, 100, 1000, 10000};
        private final boolean[] integral = {true, true, true, true, true};

        void accept(double c) {
            for (int k = 0; k < CANDIDATES.length; k++) {
                if (integral[k]) {
                    double scaled = c * CANDIDATES[k];
                    integral[k] = Math.abs(scaled - Math.rint(scaled)) <= 1e-9 * Math.max(1, Math.abs(scaled));
                }
            }
        }

        long scale(double maxTotal) {
            long scale = 1000;
            for (int k = 0; k < CANDIDATES.length; k++) {
                if (integral[k]) {
                    scale = CANDIDATES[k];
                    break;
                }
            }
            while (scale > 1 && maxTotal * scale > MAX_SCALED_TOTAL) {
                scale /= 10;
            }
            return scale;
        }
    }

    /** One demand point's demand for one service before scaling: its allowed sites and their raw figures. */
    private record RawAssignment(
            int demand,
            Service service,
            long amount,
            int[] allowed,
            double[] distance,
            double[] cost,
            double[] squaredEquity) {}

    /** The construction itself, kept in one object so the many intermediate arrays stay local. */
    private static final class Built {
        final FacilityPlan plan;

        Built(FacilityProblem p) {
            DistanceMethod method = method(p);
            EquityMode equity = equity(p);
            double equityWeight = equity == EquityMode.NONE ? 0 : equityWeight(p);
            double openingWeight = openingCostWeight(p);
            double assignmentWeight = assignmentCostWeight(p);
            double longestTripWeight = method == DistanceMethod.NONE ? 0 : longestTripWeight(p);
            boolean uncoveredDemand = travelStandardPenalty(p) == TravelStandardPenalty.UNCOVERED_DEMAND;
            int siteCount = p.sites().size();
            int demandCount = p.demands().size();

            Map<String, Region> regions = new HashMap<>();
            List<Region> regionList = new ArrayList<>();
            for (RegionSpec r : p.regions()) {
                Region region =
                        new Region(r.id(), r.name() == null ? r.id() : r.name(), Boolean.TRUE.equals(r.rural()));
                regions.put(r.id(), region);
                regionList.add(region);
            }
            Map<String, Service> services = new HashMap<>();
            List<Service> serviceList = new ArrayList<>();
            for (ServiceSpec s : p.services()) {
                OpenLimit l = p.openLimit(s.id());
                int min = l == null ? Service.NO_LIMIT : orNoLimit(l.least());
                int max = l == null ? Service.NO_LIMIT : orNoLimit(l.most());
                Service service = new Service(
                        serviceList.size(), s.id(), s.name() == null ? s.id() : s.name(), s.maxDistance(), min, max);
                services.put(s.id(), service);
                serviceList.add(service);
            }
            List<DemandPoint> points = new ArrayList<>();
            for (DemandSpec d : p.demands()) {
                Region region = regions.get(d.region());
                boolean rural = d.rural() != null ? d.rural() : region.rural();
                points.add(new DemandPoint(
                        d.id(), d.name() == null ? d.id() : d.name(), region, rural, d.lat(), d.lon(), d.x(), d.y()));
            }

            // Each site's index among the sites of its service.
            int[] serviceIndexOfSite = new int[siteCount];
            int[] siteCountPerService = new int[serviceList.size()];
            ScaleFinder scaleFinder = new ScaleFinder();
            double maxTotal = 0;
            for (int i = 0; i < siteCount; i++) {
                SiteSpec s = p.sites().get(i);
                Service service = services.get(s.service());
                serviceIndexOfSite[i] = siteCountPerService[service.getIndex()]++;
                double opening = s.openingCost() == null ? 0 : s.openingCost() * openingWeight;
                scaleFinder.accept(opening);
                maxTotal += opening;
            }

            // Per demand point and service: the allowed sites and raw costs, computed once, one point at a
            // time (a province-scale problem never holds a full site x demand matrix).
            List<RawAssignment> raw = new ArrayList<>();
            double[] longestPerService = new double[serviceList.size()];
            for (Service service : serviceList) {
                SiteCandidates candidates = new SiteCandidates(p, service.getId());
                ServiceSpec spec = p.services().get(service.getIndex());
                double perDistance =
                        spec.costPerDistance() == null ? DEFAULT_COST_PER_DISTANCE : spec.costPerDistance();
                for (int j = 0; j < demandCount; j++) {
                    Double amountValue = p.demands().get(j).demand().get(service.getId());
                    if (amountValue == null || amountValue == 0) {
                        continue;
                    }
                    long amount = amountValue.longValue();
                    int[] allowed = candidates.of(j);
                    double[] dist = new double[allowed.length];
                    double[] cost = new double[allowed.length];
                    double[] squared = new double[allowed.length];
                    double worst = 0;
                    for (int k = 0; k < allowed.length; k++) {
                        int i = allowed[k];
                        double d = distance(p, i, j);
                        dist[k] = d;
                        double c = p.assignmentCosts() != null
                                ? p.assignmentCosts().get(i).get(j)
                                : amount * d * perDistance;
                        cost[k] = c * assignmentWeight;
                        scaleFinder.accept(cost[k]);
                        if (equity == EquityMode.SQUARED_DISTANCE) {
                            squared[k] = amount * d * d * equityWeight; // a separate soft term, but it shares the scale
                            scaleFinder.accept(squared[k]);
                        }
                        worst = Math.max(
                                worst, cost[k] + (equity == EquityMode.NONE ? 0 : amount * d * d * equityWeight));
                        if (longestTripWeight > 0) {
                            scaleFinder.accept(d * longestTripWeight);
                            longestPerService[service.getIndex()] =
                                    Math.max(longestPerService[service.getIndex()], d * longestTripWeight);
                        }
                        allowed[k] = serviceIndexOfSite[i];
                    }
                    maxTotal += worst;
                    raw.add(new RawAssignment(j, service, amount, allowed, dist, cost, squared));
                }
            }
            for (double c : longestPerService) {
                maxTotal += c;
            }
            long scale = scaleFinder.scale(maxTotal);
            for (Service service : serviceList) {
                service.setLongestTripCost(longestTripWeight * scale);
            }

            List<Site> sites = new ArrayList<>();
            for (int i = 0; i < siteCount; i++) {
                SiteSpec s = p.sites().get(i);
                Service service = services.get(s.service());
                SiteState state = state(s);
                double opening = s.openingCost() == null ? 0 : s.openingCost();
                long capital = state == SiteState.EXISTING ? 0 : Math.round(opening * scale);
                Site site = new Site(
                        s.id(),
                        service,
                        state,
                        p.alwaysOpen(s),
                        s.capacity() == null ? Long.MAX_VALUE : s.capacity().longValue(),
                        opening,
                        Math.round(opening * openingWeight * scale),
                        capital,
                        serviceIndexOfSite[i]);
                site.setName(s.name() == null ? s.id() : s.name());
                site.setRegion(s.region() == null ? null : regions.get(s.region()));
                site.setCoordinates(s.lat(), s.lon(), s.x(), s.y());
                sites.add(site);
            }

            Map<String, RegionAccess> accesses = new HashMap<>();
            if (equity == EquityMode.REGIONAL_MEAN && equityWeight > 0) {
                Map<String, Long> totals = new HashMap<>();
                for (int j = 0; j < demandCount; j++) {
                    for (Map.Entry<String, Double> e :
                            p.demands().get(j).demand().entrySet()) {
                        totals.merge(
                                p.demands().get(j).region() + "\u0000" + e.getKey(),
                                e.getValue().longValue(),
                                Long::sum);
                    }
                }
                for (Map.Entry<String, Long> e : totals.entrySet()) {
                    if (e.getValue() > 0) {
                        String[] key = e.getKey().split("\u0000", 2);
                        accesses.put(
                                e.getKey(),
                                new RegionAccess(
                                        regions.get(key[0]),
                                        services.get(key[1]),
                                        e.getValue(),
                                        equityWeight * scale / (e.getValue() * 1e6)));
                    }
                }
            }

            // Assignments in demand order, then service order, as before.
            raw.sort(java.util.Comparator.comparingInt(RawAssignment::demand)
                    .thenComparingInt(r -> r.service().getIndex()));
            List<Assignment> assignments = new ArrayList<>(raw.size());
            for (RawAssignment r : raw) {
                assignments.add(assignment(
                        p,
                        r,
                        points.get(r.demand()),
                        siteCountPerService[r.service().getIndex()],
                        scale,
                        method,
                        uncoveredDemand,
                        accesses));
            }
            Long budget = p.limits() == null || p.limits().budget() == null
                    ? null
                    : Math.round(p.limits().budget() * scale);
            plan = new FacilityPlan(serviceList, regionList, points, new Limits(budget, scale), sites, assignments);
        }

        /**
         * Scales one demand's figures. Dense storage (by site index) when every site of the service may
         * serve it, sparse storage (in increasing site index order) when only some may.
         */
        private static Assignment assignment(
                FacilityProblem p,
                RawAssignment r,
                DemandPoint point,
                int serviceSites,
                long scale,
                DistanceMethod method,
                boolean uncoveredDemand,
                Map<String, RegionAccess> accesses) {
            int n = r.allowed().length;
            boolean dense = n == serviceSites;
            int[] sorted = dense ? null : r.allowed().clone();
            if (sorted != null) {
                java.util.Arrays.sort(sorted);
            }
            int size = dense ? serviceSites : n;
            double[] dist = new double[size];
            long[] cost = new long[size];
            long[] equityCost = new long[size];
            long[] breach = new long[size];
            long[] weighted = new long[size];
            Double standard = r.service().getMaxDistance();
            for (int k = 0; k < n; k++) {
                int slot = dense ? r.allowed()[k] : java.util.Arrays.binarySearch(sorted, r.allowed()[k]);
                double km = r.distance()[k];
                dist[slot] = method == DistanceMethod.NONE ? Double.NaN : km;
                cost[slot] = Math.round(r.cost()[k] * scale);
                if (method != DistanceMethod.NONE) {
                    equityCost[slot] = Math.round(r.squaredEquity()[k] * scale);
                    breach[slot] = standard == null || km <= standard
                            ? 0
                            : uncoveredDemand ? r.amount() : Math.round(r.amount() * (km - standard) * 1000);
                    weighted[slot] = Math.round(r.amount() * km * 1000);
                }
            }
            DemandSpec d = p.demands().get(r.demand());
            RegionAccess access =
                    accesses.get(d.region() + "\u0000" + r.service().getId());
            return new Assignment(
                    Assignment.idOf(d.id(), r.service().getId()),
                    point,
                    r.service(),
                    r.amount(),
                    r.allowed(),
                    sorted,
                    dist,
                    cost,
                    equityCost,
                    breach,
                    weighted,
                    access);
        }

        private static int orNoLimit(Integer value) {
            return value == null ? Service.NO_LIMIT : value;
        }
    }
}
