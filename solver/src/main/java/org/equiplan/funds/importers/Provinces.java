package org.equiplan.funds.importers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.FundsProblem.RulesSpec;
import org.equiplan.problem.CsvTable;
import org.equiplan.problem.InvalidProblemException;

/**
 * China's 31 provinces in 2019 as a transfer problem. Standard revenue is each province's general
 * budget revenue; standard expenditure is its population times the national per-capita general
 * budget expenditure, so that need follows people. Groups are the NBS's four economic regions.
 */
public final class Provinces {

    static final double YI = 1e8; // 亿元
    /** Central transfers to local governments in 2019 were about 7.4 trillion yuan. */
    public static final double DEFAULT_BUDGET = 7.4e12;
    /** Hainan's 2019 figures are blank in the source; linear between its 2017 and 2020 panel rows (see data/README.md). */
    static final double HAINAN_REVENUE_YI = 674 + (816 - 674) * 2.0 / 3;

    static final double HAINAN_EXPENDITURE_YI = 1444 + (1973 - 1444) * 2.0 / 3;

    static final Map<String, String> ECONOMIC_REGION = Map.ofEntries(
            Map.entry("11", "east"),
            Map.entry("12", "east"),
            Map.entry("13", "east"),
            Map.entry("31", "east"),
            Map.entry("32", "east"),
            Map.entry("33", "east"),
            Map.entry("35", "east"),
            Map.entry("37", "east"),
            Map.entry("44", "east"),
            Map.entry("46", "east"),
            Map.entry("14", "central"),
            Map.entry("34", "central"),
            Map.entry("36", "central"),
            Map.entry("41", "central"),
            Map.entry("42", "central"),
            Map.entry("43", "central"),
            Map.entry("15", "west"),
            Map.entry("45", "west"),
            Map.entry("50", "west"),
            Map.entry("51", "west"),
            Map.entry("52", "west"),
            Map.entry("53", "west"),
            Map.entry("54", "west"),
            Map.entry("61", "west"),
            Map.entry("62", "west"),
            Map.entry("63", "west"),
            Map.entry("64", "west"),
            Map.entry("65", "west"),
            Map.entry("21", "northeast"),
            Map.entry("22", "northeast"),
            Map.entry("23", "northeast"));

    private Provinces() {}

    public static FundsProblem fromCsv(String csv, double budget, Double guaranteedCoverage) {
        List<CSVRecord> rows = parse(csv);
        double population = 0;
        double expenditure = 0;
        List<double[]> figures = new ArrayList<>();
        for (CSVRecord r : rows) {
            double pop = Double.parseDouble(r.get("population_yearend_10k")) * 1e4;
            boolean blank = r.get("general_budget_revenue_100m").isBlank();
            if (blank && !r.get("adcode").startsWith("46")) {
                throw new InvalidProblemException("provinces", r.get("name_en") + " has no fiscal figures");
            }
            double revenue =
                    (blank ? HAINAN_REVENUE_YI : Double.parseDouble(r.get("general_budget_revenue_100m"))) * YI;
            double spent =
                    (blank ? HAINAN_EXPENDITURE_YI : Double.parseDouble(r.get("general_budget_expenditure_100m"))) * YI;
            figures.add(new double[] {pop, revenue});
            population += pop;
            expenditure += spent;
        }
        double perCapitaNeed = expenditure / population;
        List<RegionSpec> regions = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord r = rows.get(i);
            double pop = figures.get(i)[0];
            String name = r.get("name_zh")
                    + (r.get("general_budget_revenue_100m").isBlank() ? " (fiscal figures estimated)" : "");
            regions.add(new RegionSpec(
                    r.get("name_en"),
                    name,
                    pop,
                    figures.get(i)[1],
                    (double) Math.round(pop * perCapitaNeed),
                    null,
                    null,
                    null,
                    ECONOMIC_REGION.get(r.get("adcode").substring(0, 2))));
        }
        return new FundsProblem(
                FundsProblem.KIND,
                "cn-provinces-2019",
                "China's 31 provinces, 2019: general budget revenue against population x national per-capita "
                        + "expenditure (" + Math.round(perCapitaNeed)
                        + " yuan per person); transfers in units of 100 million yuan.",
                "Revenue and expenditure: yqcao/China-Fiscal-Data (celma panel, 2019 rows, plan-listed cities added); "
                        + "population: NBS year-end 2019 via pik-piam/PyPSA-China-PIK; Hainan estimated. See data/README.md.",
                budget,
                YI,
                regions,
                new RulesSpec(null, null, guaranteedCoverage, null, true));
    }

    private static List<CSVRecord> parse(String csv) {
        return CsvTable.read(
                csv,
                "provinces",
                List.of(
                        "adcode",
                        "name_zh",
                        "name_en",
                        "population_yearend_10k",
                        "general_budget_revenue_100m",
                        "general_budget_expenditure_100m"));
    }
}
