package org.equiplan.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.FacilityProblem.DemandSpec;
import org.equiplan.facilities.FacilityProblem.DistanceMethod;
import org.equiplan.facilities.FacilityProblem.DistanceSpec;
import org.equiplan.facilities.FacilityProblem.EquityMode;
import org.equiplan.facilities.FacilityProblem.LimitsSpec;
import org.equiplan.facilities.FacilityProblem.ObjectiveSpec;
import org.equiplan.facilities.FacilityProblem.OpenLimit;
import org.equiplan.facilities.FacilityProblem.RegionSpec;
import org.equiplan.facilities.FacilityProblem.ServiceSpec;
import org.equiplan.facilities.FacilityProblem.SiteSpec;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.FacilityProblem.TravelStandardPenalty;
import org.equiplan.facilities.importers.Holmberg;
import org.equiplan.facilities.importers.OrLibrary;

/**
 * The benchmark instances: OR-Library p-median, the San Francisco case, generated capacitated ones.
 *
 * <p>Over 300 lines because each family's generator is written out with the published shape it follows,
 * one method per family; they share nothing but the record types.
 */
final class Instances {

    private Instances() {}

    static FacilityProblem pmed(Path data, int n) throws IOException {
        return OrLibrary.pMedian(Files.readString(data.resolve("orlib/pmed" + n + ".txt")), "pmed" + n);
    }

    /**
     * The vertex p-center problem on an OR-Library p-median graph: the same p, the longest trip weighted so
     * that one unit of it outweighs any total of distances (total travel only breaks ties), as for San Francisco.
     */
    static FacilityProblem pCenter(Path data, int n) throws IOException {
        FacilityProblem median = pmed(data, n);
        double longest = 0;
        for (List<Double> row : median.distances().matrix()) {
            for (Double d : row) {
                if (d != null) {
                    longest = Math.max(longest, d);
                }
            }
        }
        double weight = Math.ceil(2.0 * median.demands().size() * longest);
        return new FacilityProblem(
                median.kind(),
                "pcenter-pmed" + n,
                "vertex p-center on OR-Library pmed" + n,
                median.source(),
                median.services(),
                median.regions(),
                median.demands(),
                median.sites(),
                median.distances(),
                null,
                median.limits(),
                new ObjectiveSpec(1.0, 1.0, EquityMode.NONE, 0.0, weight, null));
    }

    /** Published optima from pmedopt.txt ("pmed1 5819"). */
    static Map<String, Double> pmedOptima(Path data) throws IOException {
        Map<String, Double> optima = new HashMap<>();
        for (String line : Files.readAllLines(data.resolve("orlib/pmedopt.txt"))) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].startsWith("pmed")) {
                optima.put(parts[0], Double.parseDouble(parts[1]));
            }
        }
        return optima;
    }

    /**
     * A published single-source capacitated instance pK in Holmberg's format: {@code set} "holmberg" (Holmberg et al.
     * 1999, p1-p71, data/sscflp-holmberg) or "yang" (Yang et al. 2012, p1-p20, data/sscflp-yang); named "set-pK".
     */
    static FacilityProblem sscflp(Path data, String set, int k) throws IOException {
        return Holmberg.read(
                Files.readString(data.resolve("sscflp-" + set + "/p" + k), StandardCharsets.ISO_8859_1),
                set + "-p" + k);
    }

    /** The set's published optimal values: line K of its {@code os} is the optimum of pK. */
    static Map<String, Double> sscflpOptima(Path data, String set) throws IOException {
        Map<String, Double> optima = new HashMap<>();
        List<String> lines = Files.readAllLines(data.resolve("sscflp-" + set + "/os"));
        for (int k = 0; k < lines.size(); k++) {
            if (!lines.get(k).isBlank()) {
                optima.put(set + "-p" + (k + 1), Double.parseDouble(lines.get(k).trim()));
            }
        }
        return optima;
    }

    /** A facility problem from data/examples. */
    static FacilityProblem example(Path data, String name) throws IOException {
        return org.equiplan.problem.Json.bind(
                org.equiplan.problem.Json.readTree(Files.readString(data.resolve("examples/" + name + ".json"))),
                FacilityProblem.class);
    }

    /** The San Francisco models the benchmark runs; see docs/facilities.md for how each is stated. */
    enum SfModel {
        P_MEDIAN("pmedian"),
        P_CENTER("pcenter"),
        MAXIMAL_COVERING("mclp"),
        SET_COVERING("lscp");

        final String label;

        SfModel(String label) {
            this.label = label;
        }
    }

    /** Covering radius of the San Francisco maximal and set covering runs, in km (the 5 km). */
    static final double SF_RADIUS_KM = 5;

    /**
     * San Francisco (PySAL spopt test data): 205 tracts weighted by 2000 population, 16 candidate
     * stores, street-network distances (metres, read as km / 1000). {@code p} open sites exactly,
     * except for set covering, which chooses how many.
     */
    static FacilityProblem sanFrancisco(Path data, SfModel model, int p) throws IOException {
        List<CSVRecord> tracts = csv(data.resolve("spopt-sf/us_sf_spopt_demand_205_tracts.csv"));
        List<CSVRecord> stores = csv(data.resolve("spopt-sf/us_sf_spopt_candidate_sites_16.csv"));
        List<CSVRecord> distances = csv(data.resolve("spopt-sf/us_sf_spopt_network_distance_16x205.csv"));
        boolean setCovering = model == SfModel.SET_COVERING;
        Map<String, Integer> tractIndex = new LinkedHashMap<>();
        List<DemandSpec> demands = new ArrayList<>();
        double population = 0;
        for (CSVRecord t : tracts) {
            tractIndex.put(t.get("NAME"), demands.size());
            double pop = Double.parseDouble(t.get("POP2000"));
            population += pop;
            demands.add(new DemandSpec(
                    t.get("NAME"),
                    null,
                    "sf",
                    Double.parseDouble(t.get("lat")),
                    Double.parseDouble(t.get("long")),
                    null,
                    null,
                    Map.of("store", pop),
                    null));
        }
        Map<String, Integer> storeIndex = new LinkedHashMap<>();
        List<SiteSpec> sites = new ArrayList<>();
        for (CSVRecord s : stores) {
            storeIndex.put(s.get("NAME"), sites.size());
            sites.add(new SiteSpec(
                    s.get("NAME"),
                    null,
                    "store",
                    "sf",
                    Double.parseDouble(s.get("lat")),
                    Double.parseDouble(s.get("long")),
                    null,
                    null,
                    null,
                    setCovering ? 1.0 : null,
                    SiteState.CANDIDATE));
        }
        Double[][] matrix = new Double[sites.size()][demands.size()];
        double longest = 0;
        for (CSVRecord d : distances) {
            double km = Double.parseDouble(d.get("distance")) / 1000;
            matrix[storeIndex.get(d.get("name"))][tractIndex.get(d.get("DestinationName"))] = km;
            longest = Math.max(longest, km);
        }
        List<List<Double>> rows = new ArrayList<>();
        for (Double[] row : matrix) {
            rows.add(java.util.Arrays.asList(row));
        }
        Double radius = model == SfModel.MAXIMAL_COVERING || setCovering ? SF_RADIUS_KM : null;
        ObjectiveSpec objective = switch (model) {
            case P_MEDIAN -> new ObjectiveSpec(1.0, 1.0, EquityMode.NONE, 0.0);
            // One metre of the longest trip outweighs any total of population x km: the longest trip
            // first, then the others' travel.
            case P_CENTER ->
                new ObjectiveSpec(1.0, 1.0, EquityMode.NONE, 0.0, Math.ceil(1000 * population * longest), null);
            case MAXIMAL_COVERING ->
                new ObjectiveSpec(1.0, 1.0, EquityMode.NONE, 0.0, null, TravelStandardPenalty.UNCOVERED_DEMAND);
            case SET_COVERING ->
                new ObjectiveSpec(1.0, 0.0, EquityMode.NONE, 0.0, null, TravelStandardPenalty.UNCOVERED_DEMAND);
        };
        return new FacilityProblem(
                FacilityProblem.KIND,
                "sf-" + model.label + (setCovering ? "" : "-p" + p),
                null,
                "PySAL spopt test data (BSD-3)",
                List.of(new ServiceSpec("store", null, radius, 1.0)),
                List.of(new RegionSpec("sf", "San Francisco", false)),
                demands,
                sites,
                new DistanceSpec(DistanceMethod.MATRIX, "km", rows),
                null,
                new LimitsSpec(null, null, setCovering ? null : Map.of("store", new OpenLimit(null, null, p))),
                objective);
    }

    /**
     * A seeded single-source capacitated instance shaped like a rural county: villages clustered
     * around township seats on a 100 x 100 km plane, sites at seats and in villages, total capacity
     * about three times the demand, integer costs (demand x km, rounded) so every solver sees the same numbers.
     */
    static FacilityProblem capacitated(int sites, int customers, long seed) {
        Random random = new Random(seed);
        int townships = Math.max(3, sites / 4);
        double[][] seats = new double[townships][];
        for (int t = 0; t < townships; t++) {
            seats[t] = new double[] {5 + 90 * random.nextDouble(), 5 + 90 * random.nextDouble()};
        }
        double[][] village = new double[customers][];
        List<DemandSpec> demands = new ArrayList<>();
        long totalDemand = 0;
        for (int j = 0; j < customers; j++) {
            double[] seat = seats[random.nextInt(townships)];
            village[j] = new double[] {seat[0] + 5 * random.nextGaussian(), seat[1] + 5 * random.nextGaussian()};
            int demand = 5 + random.nextInt(31);
            totalDemand += demand;
            demands.add(new DemandSpec(
                    "v" + (j + 1),
                    null,
                    "county",
                    null,
                    null,
                    village[j][0],
                    village[j][1],
                    Map.of("school", (double) demand),
                    null));
        }
        double[][] at = new double[sites][];
        List<SiteSpec> siteSpecs = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            at[i] = i < townships
                    ? new double[] {seats[i][0] + 2 * random.nextGaussian(), seats[i][1] + 2 * random.nextGaussian()}
                    : village[random.nextInt(customers)].clone();
            double capacity = Math.round((0.5 + random.nextDouble()) * 3.0 * totalDemand / sites);
            double opening = Math.round((0.5 + random.nextDouble()) * 200.0 * customers / sites);
            siteSpecs.add(new SiteSpec(
                    "s" + (i + 1),
                    null,
                    "school",
                    "county",
                    null,
                    null,
                    at[i][0],
                    at[i][1],
                    capacity,
                    opening,
                    SiteState.CANDIDATE));
        }
        List<List<Double>> costs = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            List<Double> row = new ArrayList<>(customers);
            for (int j = 0; j < customers; j++) {
                double km = Math.hypot(at[i][0] - village[j][0], at[i][1] - village[j][1]);
                row.add((double) Math.round(demands.get(j).demand().get("school") * km));
            }
            costs.add(row);
        }
        return new FacilityProblem(
                FacilityProblem.KIND,
                "sscflp-" + sites + "x" + customers + "-s" + seed,
                null,
                "Equiplan's seeded generator (benchmark Instances.capacitated)",
                List.of(new ServiceSpec("school", null, null, 1.0)),
                List.of(new RegionSpec("county", null, true)),
                demands,
                siteSpecs,
                new DistanceSpec(DistanceMethod.EUCLIDEAN, "km", null),
                costs,
                null,
                new ObjectiveSpec(1.0, 1.0, EquityMode.NONE, 0.0));
    }

    /** A size of generated tight instance: sites x customers, total capacity = ratio x total demand. */
    record TightSize(int sites, int customers, double ratio) {}

    /**
     * The sizes of the published set of Yang et al. (2012), 30 x 200 up to 80 x 400, with the capacity
     * ratios of that kind of set (the smallest the tightest).
     */
    static final List<TightSize> TIGHT_SIZES = List.of(
            new TightSize(30, 200, 1.7),
            new TightSize(60, 200, 3.0),
            new TightSize(60, 300, 3.0),
            new TightSize(80, 400, 3.5));

    /**
     * A seeded single-source capacitated instance with tight capacities, generated the way the published
     * sets of Holmberg et al. (1999), Cortinhal and Captivo (2003) and Yang et al. (2012) were: sites and
     * customers uniform in the unit square, demand uniform in 5..35, cost of serving all of a customer's
     * demand 10 x demand x Euclidean distance (rounded), capacities uniform in 10..160 and then scaled so
     * that total capacity is {@code ratio} times total demand, and fixed costs with economies of scale,
     * U(0, 90) + U(100, 110) x sqrt(capacity). A ratio near 1.5 to 2 is tight: most sites are needed and
     * many are full.
     */
    static FacilityProblem tight(int sites, int customers, double ratio, long seed) {
        Random random = new Random(seed * 1_000_003L + sites * 1009L + customers);
        double[][] at = new double[sites][];
        for (int i = 0; i < sites; i++) {
            at[i] = new double[] {random.nextDouble(), random.nextDouble()};
        }
        List<DemandSpec> demands = new ArrayList<>();
        double[][] customer = new double[customers][];
        long totalDemand = 0;
        for (int j = 0; j < customers; j++) {
            customer[j] = new double[] {random.nextDouble(), random.nextDouble()};
            int demand = 5 + random.nextInt(31);
            totalDemand += demand;
            demands.add(new DemandSpec(
                    "c" + (j + 1),
                    null,
                    "all",
                    null,
                    null,
                    customer[j][0],
                    customer[j][1],
                    Map.of("facility", (double) demand),
                    null));
        }
        double[] raw = new double[sites];
        double rawTotal = 0;
        for (int i = 0; i < sites; i++) {
            raw[i] = 10 + 150 * random.nextDouble();
            rawTotal += raw[i];
        }
        List<SiteSpec> siteSpecs = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            double capacity = Math.max(35, Math.round(raw[i] * ratio * totalDemand / rawTotal));
            double fixed =
                    Math.round(90 * random.nextDouble() + (100 + 10 * random.nextDouble()) * Math.sqrt(capacity));
            siteSpecs.add(new SiteSpec(
                    "f" + (i + 1),
                    null,
                    "facility",
                    "all",
                    null,
                    null,
                    at[i][0],
                    at[i][1],
                    capacity,
                    fixed,
                    SiteState.CANDIDATE));
        }
        List<List<Double>> costs = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            List<Double> row = new ArrayList<>(customers);
            for (int j = 0; j < customers; j++) {
                double distance = Math.hypot(at[i][0] - customer[j][0], at[i][1] - customer[j][1]);
                row.add((double) Math.round(10 * demands.get(j).demand().get("facility") * distance));
            }
            costs.add(row);
        }
        String name = "tight-" + sites + "x" + customers + "-r" + FacilityNumbers.plain(ratio) + "-s" + seed;
        return new FacilityProblem(
                FacilityProblem.KIND,
                name,
                null,
                "Equiplan's seeded generator (benchmark Instances.tight), shaped like the published SSCFLP sets",
                List.of(new ServiceSpec("facility", null, null, null)),
                List.of(new RegionSpec("all", null, false)),
                demands,
                siteSpecs,
                new DistanceSpec(DistanceMethod.EUCLIDEAN, "units", null),
                costs,
                null,
                new ObjectiveSpec(1.0, 1.0, EquityMode.NONE, 0.0));
    }

    /**
     * A seeded province-scale school siting problem (not real data): {@code villages} villages in 80
     * counties of a 400 x 300 km plane, clustered around county seats and townships; pupils per village
     * log-normal (median 60, at most 600); one candidate school site per {@code villages / sites} villages, a third of them
     * schools open today (existing, free to keep), capacities 300 to 1,500 pupils (total about 1.6 x the
     * pupils), opening costs with economies of scale; a 10 km travel standard; each village considers only
     * its 10 nearest sites ({@code distances.candidates}). Planar km coordinates.
     */
    static FacilityProblem province(int sites, int villages, long seed) {
        Random random = new Random(seed);
        int counties = 80;
        List<RegionSpec> regions = new ArrayList<>();
        double[][] seats = new double[counties][];
        for (int c = 0; c < counties; c++) {
            seats[c] = new double[] {20 + 360 * random.nextDouble(), 20 + 260 * random.nextDouble()};
            regions.add(new RegionSpec("county-" + (c + 1), null, c % 5 != 0));
        }
        List<DemandSpec> demands = new ArrayList<>();
        double[][] at = new double[villages][];
        long pupils = 0;
        double[][] townships = new double[counties * 8][];
        for (int t = 0; t < townships.length; t++) {
            double[] seat = seats[t / 8];
            townships[t] = new double[] {seat[0] + 12 * random.nextGaussian(), seat[1] + 12 * random.nextGaussian()};
        }
        for (int j = 0; j < villages; j++) {
            int t = random.nextInt(townships.length);
            at[j] = new double[] {
                townships[t][0] + 4 * random.nextGaussian(), townships[t][1] + 4 * random.nextGaussian()
            };
            long amount = Math.min(600, Math.max(5, Math.round(60 * Math.exp(0.8 * random.nextGaussian()))));
            pupils += amount;
            demands.add(new DemandSpec(
                    "v" + (j + 1),
                    null,
                    "county-" + (t / 8 + 1),
                    null,
                    null,
                    at[j][0],
                    at[j][1],
                    Map.of("school", (double) amount),
                    null));
        }
        List<SiteSpec> siteSpecs = new ArrayList<>();
        double[] raw = new double[sites];
        double rawTotal = 0;
        for (int i = 0; i < sites; i++) {
            raw[i] = 300 + 1200 * random.nextDouble();
            rawTotal += raw[i];
        }
        for (int i = 0; i < sites; i++) {
            int j = random.nextInt(villages);
            double capacity = Math.max(300, Math.round(raw[i] * 1.6 * pupils / rawTotal));
            boolean existing = random.nextInt(3) == 0;
            double opening = Math.round(4e6 + 3e5 * Math.sqrt(capacity) * (0.8 + 0.4 * random.nextDouble()));
            siteSpecs.add(new SiteSpec(
                    "s" + (i + 1),
                    null,
                    "school",
                    demands.get(j).region(),
                    null,
                    null,
                    at[j][0],
                    at[j][1],
                    capacity,
                    opening,
                    existing ? SiteState.EXISTING : SiteState.CANDIDATE));
        }
        return new FacilityProblem(
                FacilityProblem.KIND,
                "province-" + sites + "x" + villages + "-s" + seed,
                "generated province-scale school siting (not real data)",
                "Equiplan's seeded generator (benchmark Instances.province)",
                List.of(new ServiceSpec("school", "primary school", 10.0, 1000.0)),
                regions,
                demands,
                siteSpecs,
                new DistanceSpec(DistanceMethod.EUCLIDEAN, "km", null, 10),
                null,
                null,
                new ObjectiveSpec(1.0, 1.0, EquityMode.NONE, 0.0));
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setAllowMissingColumnNames(true)
                    .get()
                    .parse(reader)
                    .getRecords();
        }
    }
}
