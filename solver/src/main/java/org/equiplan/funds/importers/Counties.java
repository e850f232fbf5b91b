package org.equiplan.funds.importers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.FundsProblem.RulesSpec;

/**
 * A seeded generator of county-scale transfer problems (China has about 2,800 county-level units in
 * about 330 prefectures). Nothing here is real data: the distributions are chosen to look like
 * county finance (documented in data/README.md) and are fixed by the seed.
 */
public final class Counties {

    /** Transfers in millions of yuan by default. */
    public static final double DEFAULT_UNIT = 1e6;

    private Counties() {}

    /**
     * @param counties how many counties
     * @param groupCaps whether some prefectures get a cap on their counties' transfers together
     * @param unit allocation unit in yuan; previous transfers, caps and budget are whole units of it
     */
    public static FundsProblem generate(int counties, long seed, boolean groupCaps, double unit) {
        Random random = new Random(seed);
        List<RegionSpec> regions = new ArrayList<>();
        Map<String, Double> previousByGroup = new LinkedHashMap<>();
        int prefecture = 0;
        int left = 0;
        double prosperity = 1;
        double previousTotal = 0;
        for (int i = 0; i < counties; i++) {
            if (left == 0) {
                prefecture++;
                left = 4 + random.nextInt(10);
                prosperity = Math.exp(0.5 * random.nextGaussian());
            }
            left--;
            String group = String.format("P%03d", prefecture);
            double population = Math.round(350_000 * Math.exp(0.6 * random.nextGaussian()) / 100) * 100.0;
            double needPerHead = 10_000 * Math.exp(0.15 * random.nextGaussian());
            double revenuePerHead = 3_000 * prosperity * Math.exp(0.6 * random.nextGaussian());
            double expenditure = Math.round(population * needPerHead);
            double revenue = Math.round(population * revenuePerHead);
            double gap = Math.max(0, expenditure - revenue);
            // Last year's transfer: most of the gap, with noise; whole units so that floors and caps are consistent.
            double previous = Math.round(gap * 0.75 * Math.exp(0.2 * random.nextGaussian()) / unit) * unit;
            previousTotal += previous;
            previousByGroup.merge(group, previous, Double::sum);
            regions.add(new RegionSpec(
                    String.format("C%04d", i + 1),
                    null,
                    population,
                    revenue,
                    expenditure,
                    previous,
                    null,
                    null,
                    group));
        }
        Map<String, Double> caps = null;
        if (groupCaps) {
            caps = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : previousByGroup.entrySet()) {
                if (random.nextInt(10) == 0 && e.getValue() > 0) {
                    caps.put(e.getKey(), Math.floor(e.getValue() * 1.02 / unit) * unit);
                }
            }
        }
        double budget = Math.floor(previousTotal * 1.06 / unit) * unit;
        return new FundsProblem(
                FundsProblem.KIND,
                "counties-" + counties + "-seed-" + seed,
                "Generated county-scale transfer problem: " + counties + " counties in " + prefecture
                        + " prefectures; budget 6% above last year's transfers; hold-harmless 95%, growth at most 20%.",
                "Equiplan's seeded generator (Counties.generate), not real data",
                budget,
                unit,
                regions,
                new RulesSpec(0.95, 0.2, null, caps, true));
    }
}
