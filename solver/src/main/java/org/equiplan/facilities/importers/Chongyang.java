package org.equiplan.facilities.importers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.equiplan.problem.CsvTable;
import org.equiplan.problem.InvalidProblemException;

/**
 * Builds the school and clinic siting example of Chongyang county (Hubei) from the real list of its
 * townships and villages with coordinates. Village populations are not published with that list:
 * they are drawn from a seeded log-normal distribution (documented in data/README.md), so the
 * places are real and the head counts are plausible, not true.
 */
public final class Chongyang {

    /** Median head count of a rural village committee and of an urban residents' committee. */
    static final double VILLAGE_MEDIAN = 1800;

    static final double COMMUNITY_MEDIAN = 3500;
    static final double SIGMA = 0.4;
    /** Share of residents of primary-school age (6-11), about 8.5% in rural Hubei. */
    static final double PUPIL_SHARE = 0.085;

    static final double SCHOOL_STANDARD_KM = 5;
    static final double CLINIC_STANDARD_KM = 6;
    /** Yuan per pupil-km (10 years of daily transport) and per resident-km (10 years of visits). */
    static final double SCHOOL_COST_PER_KM = 1000;

    static final double CLINIC_COST_PER_KM = 20;
    static final double NEW_SCHOOL_COST = 12_000_000;
    static final double VILLAGE_SCHOOL_UPKEEP = 2_000_000;
    static final double NEW_CLINIC_COST = 3_000_000;
    static final double BUDGET = 60_000_000;

    private Chongyang() {}

    /** @param csv the places file (header: code,parent_code,level,kind,name,town_name,ur_code,lon_gcj02,...) */
    public static FacilityProblem fromPlaces(String csv, long seed) {
        List<CSVRecord> rows = parse(csv);
        Map<String, CSVRecord> towns = new LinkedHashMap<>();
        for (CSVRecord r : rows) {
            if ("town".equals(r.get("level")) && !r.get("lon_gcj02").isBlank()) {
                towns.put(r.get("code"), r);
            }
        }
        if (towns.isEmpty()) {
            throw new InvalidProblemException("places", "no township with coordinates found");
        }
        Random random = new Random(seed);
        List<RegionSpec> regions = new ArrayList<>();
        for (CSVRecord t : towns.values()) {
            // The county seat (天城镇, code ...100000) is the one urban township.
            regions.add(
                    new RegionSpec(t.get("code"), t.get("name"), !t.get("code").endsWith("100000")));
        }
        List<Village> villages = new ArrayList<>();
        int atSeat = 0;
        for (CSVRecord r : rows) {
            CSVRecord town = towns.get(r.get("parent_code"));
            if (!"village".equals(r.get("level")) || town == null) {
                continue; // the industrial park's virtual community has no township seat or people
            }
            boolean located = !r.get("lon_gcj02").isBlank() && !"yes".equals(r.get("suspect_geocode"));
            if (!located) {
                atSeat++;
            }
            CSVRecord where = located ? r : town;
            boolean community = "residents_committee".equals(r.get("kind"));
            double median = community ? COMMUNITY_MEDIAN : VILLAGE_MEDIAN;
            long population = Math.round(median * Math.exp(SIGMA * random.nextGaussian()) / 10) * 10;
            boolean rural = r.get("ur_code").startsWith("2");
            villages.add(new Village(
                    r.get("code"),
                    r.get("name") + (located ? "" : " (at township seat)"),
                    town.get("code"),
                    Double.parseDouble(where.get("lat_gcj02")),
                    Double.parseDouble(where.get("lon_gcj02")),
                    population,
                    rural));
        }

        List<DemandSpec> demands = new ArrayList<>();
        for (Village v : villages) {
            Map<String, Double> demand = new LinkedHashMap<>();
            demand.put("school", (double) Math.round(v.population * PUPIL_SHARE));
            demand.put("clinic", (double) v.population);
            demands.add(new DemandSpec(v.code, v.name, v.town, v.lat, v.lon, null, null, demand, v.rural));
        }

        List<SiteSpec> sites = new ArrayList<>();
        for (CSVRecord t : towns.values()) {
            String code = t.get("code");
            double lat = Double.parseDouble(t.get("lat_gcj02"));
            double lon = Double.parseDouble(t.get("lon_gcj02"));
            long pupils = villages.stream()
                    .filter(v -> v.town.equals(code))
                    .mapToLong(v -> Math.round(v.population * PUPIL_SHARE))
                    .sum();
            // Every township seat keeps its central primary school and its health centre.
            sites.add(new SiteSpec(
                    "school-" + code,
                    t.get("name") + "中心小学",
                    "school",
                    code,
                    lat,
                    lon,
                    null,
                    null,
                    (double) Math.max(300, Math.round(pupils * 0.8 / 50) * 50),
                    0.0,
                    SiteState.REQUIRED));
            sites.add(new SiteSpec(
                    "clinic-" + code,
                    t.get("name") + "卫生院",
                    "clinic",
                    code,
                    lat,
                    lon,
                    null,
                    null,
                    null,
                    0.0,
                    SiteState.REQUIRED));
            List<Village> largest = villages.stream()
                    .filter(v -> v.town.equals(code) && v.located())
                    .sorted(Comparator.comparingLong((Village v) -> -v.population))
                    .toList();
            for (int i = 0; i < largest.size() && i < 5; i++) {
                Village v = largest.get(i);
                if (i < 2) {
                    // The two largest villages run a small school today: keep or merge is the question.
                    sites.add(new SiteSpec(
                            "school-" + v.code,
                            v.name + "小学",
                            "school",
                            code,
                            v.lat,
                            v.lon,
                            null,
                            null,
                            300.0,
                            VILLAGE_SCHOOL_UPKEEP,
                            SiteState.EXISTING));
                } else {
                    sites.add(new SiteSpec(
                            "school-" + v.code,
                            v.name + "小学(新建)",
                            "school",
                            code,
                            v.lat,
                            v.lon,
                            null,
                            null,
                            600.0,
                            NEW_SCHOOL_COST,
                            SiteState.CANDIDATE));
                }
                if (i < 3) {
                    sites.add(new SiteSpec(
                            "clinic-" + v.code,
                            v.name + "卫生室(升级)",
                            "clinic",
                            code,
                            v.lat,
                            v.lon,
                            null,
                            null,
                            12000.0,
                            NEW_CLINIC_COST,
                            SiteState.CANDIDATE));
                }
            }
        }
        return new FacilityProblem(
                FacilityProblem.KIND,
                "chongyang-schools-clinics",
                "Primary schools and clinics for the " + villages.size() + " villages and communities of Chongyang "
                        + "county, Hubei (13 townships). Populations are generated (seed " + seed + "); "
                        + atSeat + " villages without reliable coordinates are placed at their township seat.",
                "Places: Vonng/adcode 421223.csv (NBS 2016 division codes, GCJ-02 centroids), CC BY 4.0. "
                        + "Populations, capacities and costs: Equiplan's seeded generator, see data/README.md.",
                List.of(
                        new ServiceSpec("school", "primary school", SCHOOL_STANDARD_KM, SCHOOL_COST_PER_KM),
                        new ServiceSpec("clinic", "health centre or clinic", CLINIC_STANDARD_KM, CLINIC_COST_PER_KM)),
                regions,
                demands,
                sites,
                new DistanceSpec(DistanceMethod.HAVERSINE, "km", null),
                null,
                new LimitsSpec(BUDGET, false, null),
                new ObjectiveSpec(1.0, 1.0, EquityMode.REGIONAL_MEAN, 20.0));
    }

    /**
     * The maximal-covering variant: which {@code upgrades} village clinics to upgrade, beside the
     * township health centres that stay open, so that the most residents live within
     * {@code radiusKm} of a clinic. Same places, populations, sites and capacities as
     * {@link #fromPlaces}, clinics only.
     */
    public static FacilityProblem clinicCoverage(String csv, long seed, int upgrades, double radiusKm) {
        if (!(radiusKm > 0) || Double.isInfinite(radiusKm)) {
            throw new InvalidProblemException("radius", "must be a positive number of km");
        }
        FacilityProblem full = fromPlaces(csv, seed);
        List<SiteSpec> clinics =
                full.sites().stream().filter(s -> s.service().equals("clinic")).toList();
        long required =
                clinics.stream().filter(s -> s.state() == SiteState.REQUIRED).count();
        long candidates = clinics.size() - required;
        if (upgrades < 0 || upgrades > candidates) {
            throw new InvalidProblemException(
                    "upgrades", "must be between 0 and the " + candidates + " candidate clinics");
        }
        List<DemandSpec> demands = full.demands().stream()
                .map(d -> new DemandSpec(
                        d.id(),
                        d.name(),
                        d.region(),
                        d.lat(),
                        d.lon(),
                        d.x(),
                        d.y(),
                        Map.of("clinic", d.demand().getOrDefault("clinic", 0.0)),
                        d.rural()))
                .toList();
        return new FacilityProblem(
                FacilityProblem.KIND,
                "chongyang-clinic-coverage",
                "Which " + upgrades + " village clinics of Chongyang county to upgrade, beside its " + required
                        + " township health centres, so that the most residents live within " + radiusKm
                        + " km of one (maximal covering). Populations are generated (seed " + seed + ").",
                full.source(),
                List.of(new ServiceSpec("clinic", "health centre or clinic", radiusKm, CLINIC_COST_PER_KM)),
                full.regions(),
                demands,
                clinics,
                full.distances(),
                null,
                new LimitsSpec(null, false, Map.of("clinic", new OpenLimit(null, null, (int) required + upgrades))),
                // Uncovered residents on the medium level; travel of the covered ones only breaks ties.
                new ObjectiveSpec(1.0, 1.0, EquityMode.NONE, 0.0, null, TravelStandardPenalty.UNCOVERED_DEMAND));
    }

    private static List<CSVRecord> parse(String csv) {
        return CsvTable.read(
                csv,
                "places",
                List.of(
                        "code",
                        "parent_code",
                        "level",
                        "kind",
                        "name",
                        "ur_code",
                        "lon_gcj02",
                        "lat_gcj02",
                        "suspect_geocode"));
    }

    private record Village(
            String code, String name, String town, double lat, double lon, long population, boolean rural) {
        boolean located() {
            return !name.endsWith("(at township seat)");
        }
    }
}
