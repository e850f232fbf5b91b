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

    /**
     * Transfers in 万元 (1e4 yuan) by default: the unit county budgets, final accounts and transfer notices are kept
     * in. A coarser unit is a rule of its own: its whole units cost the plan up to about 1e-4 of the objective against
     * the continuous bound on the three-year plans with rank preservation (docs/funds.md).
     */
    public static final double DEFAULT_UNIT = 1e4;

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

    /**
     * The same counties with standard expenditure built from six spending categories (population by group x
     * per-capita standards x cost coefficients, raised by public evaluation), a basic-need level per county
     * (half its standard expenditure), rank preservation, and the
     * formula's difficulty tilt: every rule of the richer format at once. Standards are of the order of
     * Chinese county budgets per head; coefficients and scores are drawn per prefecture and county.
     */
    public static FundsProblem generateWithCategories(int counties, long seed, double unit) {
        FundsProblem plain = generate(counties, seed, true, unit);
        Random random = new Random(seed * 31 + 7);
        List<FundsProblem.CategorySpec> categories = List.of(
                new FundsProblem.CategorySpec(
                        "education",
                        "教育",
                        Map.of("children", 9_000.0, "residents", 300.0),
                        List.of("scale", "altitude", "heating", "remoteness")),
                new FundsProblem.CategorySpec(
                        "health",
                        "医疗卫生",
                        Map.of("residents", 900.0, "elderly", 1_500.0),
                        List.of("scale", "altitude", "remoteness")),
                new FundsProblem.CategorySpec(
                        "social",
                        "社会保障",
                        Map.of("elderly", 1_800.0, "disabled", 4_000.0, "dibao", 4_500.0),
                        List.of("heating")),
                new FundsProblem.CategorySpec("culture", "文化", Map.of("residents", 150.0), List.of("scale")),
                new FundsProblem.CategorySpec(
                        "safety", "公共安全", Map.of("residents", 450.0), List.of("scale", "remoteness")),
                new FundsProblem.CategorySpec(
                        "administration", "一般公共服务", Map.of("residents", 1_200.0), List.of("scale", "ethnic")));
        List<String> ids =
                categories.stream().map(FundsProblem.CategorySpec::id).toList();
        Map<String, double[]> prefectureFactors = new LinkedHashMap<>();
        List<RegionSpec> regions = new ArrayList<>();
        double[] expenditures = new double[plain.regions().size()];
        for (int i = 0; i < plain.regions().size(); i++) {
            RegionSpec r = plain.regions().get(i);
            double[] f = prefectureFactors.computeIfAbsent(r.group(), g -> new double[] {
                random.nextInt(3) == 0 ? 1.05 + 0.1 * random.nextDouble() : 1.0,
                random.nextInt(6) == 0 ? 1.05 + 0.15 * random.nextDouble() : 1.0,
                random.nextInt(8) == 0 ? 1.03 : 1.0
            });
            double people = r.population();
            Map<String, Double> groups = new LinkedHashMap<>();
            groups.put("children", Math.round(people * (0.13 + 0.06 * random.nextDouble())) * 1.0);
            groups.put("elderly", Math.round(people * (0.11 + 0.08 * random.nextDouble())) * 1.0);
            groups.put("disabled", Math.round(people * (0.05 + 0.02 * random.nextDouble())) * 1.0);
            groups.put("dibao", Math.round(people * (0.01 + 0.05 * random.nextDouble())) * 1.0);
            Map<String, Double> coefficients = new LinkedHashMap<>();
            // Small counties cost more per head (scale), remote and high ones more still.
            coefficients.put("scale", round3(Math.max(0.95, Math.min(1.3, Math.pow(350_000 / people, 0.12)))));
            coefficients.put("heating", f[0] == 1.0 ? 1.0 : round3(f[0]));
            coefficients.put("altitude", f[1] == 1.0 ? 1.0 : round3(f[1]));
            coefficients.put("remoteness", round3(1 + 0.1 * random.nextDouble()));
            coefficients.put("ethnic", f[2]);
            Map<String, Double> satisfaction = new LinkedHashMap<>();
            for (String c : ids) {
                satisfaction.put(c, round3(0.65 + 0.3 * random.nextDouble()));
            }
            regions.add(new RegionSpec(
                    r.id(),
                    r.name(),
                    people,
                    r.standardRevenue(),
                    null,
                    r.previousTransfer(),
                    null,
                    null,
                    r.group(),
                    groups,
                    coefficients,
                    satisfaction,
                    null));
        }
        FundsProblem.RulesSpec rules = new FundsProblem.RulesSpec(
                null,
                null,
                null,
                null,
                true,
                FundsProblem.RankPreservation.of(true),
                new FundsProblem.EvaluationSpec(0.85, 0.5, 0.05));
        FundsProblem draft = new FundsProblem(
                FundsProblem.KIND,
                "counties-categories-" + counties + "-seed-" + seed,
                "Generated county-scale problem with standard expenditure from six categories, public evaluation, "
                        + "basic-need floors and rank preservation.",
                "Equiplan's seeded generator (Counties.generateWithCategories), not real data",
                null,
                unit,
                regions,
                rules,
                categories,
                new FundsProblem.FormulaSpec(0.2));
        var builds = org.equiplan.funds.expenditure.StandardExpenditure.of(draft);
        List<RegionSpec> withNeeds = new ArrayList<>();
        double gaps = 0;
        for (int i = 0; i < regions.size(); i++) {
            RegionSpec r = regions.get(i);
            double expenditure = builds.get(i).total();
            expenditures[i] = expenditure;
            gaps += Math.max(0, expenditure - r.standardRevenue());
            withNeeds.add(new RegionSpec(
                    r.id(),
                    r.name(),
                    r.population(),
                    r.standardRevenue(),
                    null,
                    // Last year's transfer from this year's need: most of the gap, with noise.
                    Math.round(Math.max(0, expenditure - r.standardRevenue())
                                    * 0.7
                                    * Math.exp(0.15 * random.nextGaussian())
                                    / unit)
                            * unit,
                    null,
                    null,
                    r.group(),
                    r.populationByGroup(),
                    r.costCoefficients(),
                    r.satisfaction(),
                    Math.round(0.5 * expenditure / unit) * unit));
        }
        double previous =
                withNeeds.stream().mapToDouble(RegionSpec::previousTransfer).sum();
        // No hold-harmless or growth cap on last year's transfers and no prefecture caps: drawn with noise, last
        // year's transfers do not keep the order of regions, and rank preservation would hold every region below
        // the lowest of them (a capped prefecture does the same); the unallocated budget shows it when a user
        // combines them.
        FundsProblem.RulesSpec finalRules =
                new FundsProblem.RulesSpec(null, null, null, null, true, rules.rankPreservation(), rules.evaluation());
        return new FundsProblem(
                draft.kind(),
                draft.name(),
                draft.description(),
                draft.source(),
                Math.floor(Math.min(previous * 1.06, gaps) / unit) * unit,
                unit,
                withNeeds,
                finalRules,
                categories,
                draft.formula());
    }

    /**
     * The county problem with categories as a three-year plan (rank preservation at {@code rankTolerance}, or
     * none when null): budgets growing 5% a year, revenue 6% (each county drawn around it) and
     * expenditure 4% a year from the second year, and each county's transfer allowed to grow at most 10% and
     * fall at most 5% from one year to the next, so that the equalisation is phased in.
     */
    public static FundsProblem generatePlan(int counties, long seed, double unit, Double rankTolerance) {
        FundsProblem p = generateWithCategories(counties, seed, unit);
        double budget = p.budget();
        List<FundsProblem.YearSpec> years = List.of(
                new FundsProblem.YearSpec("2025", budget, null, null),
                new FundsProblem.YearSpec("2026", Math.floor(budget * 1.05 / unit) * unit, 0.06, 0.04),
                new FundsProblem.YearSpec("2027", Math.floor(budget * 1.10 / unit) * unit, 0.06, 0.04));
        FundsProblem.RulesSpec r = p.rules();
        FundsProblem.RulesSpec rules = new FundsProblem.RulesSpec(
                r.holdHarmless(),
                r.maxGrowth(),
                r.guaranteedCoverage(),
                r.groupCaps(),
                // No eligibility cut-off: a county whose revenue outgrows its need by the third year would have to fall
                // to 0,
                // which a decline limit of 5% a year forbids from the first year on (so it could get nothing at all).
                null,
                rankTolerance == null
                        ? null
                        : new FundsProblem.RankPreservation(FundsProblem.RankPreservation.COVERAGE, rankTolerance),
                r.evaluation(),
                new FundsProblem.YearOnYear(0.1, 0.05));
        // Regional economies grow at different speeds: what each county needs moves from year to year, which is
        // what the year-on-year limits then hold back.
        Random random = new Random(seed * 131 + 3);
        List<RegionSpec> regions = new ArrayList<>();
        for (RegionSpec region : p.regions()) {
            regions.add(new RegionSpec(
                    region.id(),
                    region.name(),
                    region.population(),
                    region.standardRevenue(),
                    region.standardExpenditure(),
                    region.previousTransfer(),
                    region.minTransfer(),
                    region.maxTransfer(),
                    region.group(),
                    region.populationByGroup(),
                    region.costCoefficients(),
                    region.satisfaction(),
                    region.basicNeed(),
                    round3(0.06 + 0.05 * random.nextGaussian())));
        }
        return new FundsProblem(
                p.kind(),
                "counties-plan-" + counties + "-seed-" + seed + (rankTolerance == null ? "" : "-rank-" + rankTolerance),
                p.description() + " Three years (2025-2027): budgets +5% a year, year-on-year change within "
                        + "+10% / -5% per county.",
                p.source().replace("generateWithCategories", "generatePlan"),
                null,
                unit,
                regions,
                rules,
                p.categories(),
                p.formula(),
                years);
    }

    /**
     * The county problem with categories, its budget earmarked by category (专项): each category's budget follows its
     * share of the counties' need gaps, drawn 15% either way (earmarked funds are set by policy, not by the gaps), and
     * each county held to at least {@code holdHarmless} of last year's transfer on the sum of its categories (none
     * when null), and rank preservation at {@code rankTolerance} (none when null). Last year's transfers are drawn
     * with noise, so hold-harmless and rank preservation together hold most counties to the lowest of them (the
     * validator says so): the generator's problems take one or the other.
     */
    public static FundsProblem generateEarmarked(
            int counties, long seed, double unit, Double holdHarmless, Double rankTolerance) {
        FundsProblem p = generateWithCategories(counties, seed, unit);
        double[] drawn = earmarkShares(p, seed);
        int categories = drawn.length;
        List<FundsProblem.CategorySpec> earmarked = new ArrayList<>();
        double budget = 0;
        for (int c = 0; c < categories; c++) {
            FundsProblem.CategorySpec spec = p.categories().get(c);
            double amount = Math.floor(p.budget() * drawn[c] / unit) * unit;
            budget += amount;
            earmarked.add(new FundsProblem.CategorySpec(
                    spec.id(), spec.name(), spec.standards(), spec.coefficients(), amount));
        }
        FundsProblem.RulesSpec r = p.rules();
        FundsProblem.RulesSpec rules = new FundsProblem.RulesSpec(
                holdHarmless,
                r.maxGrowth(),
                r.guaranteedCoverage(),
                r.groupCaps(),
                r.eligibility(),
                rankTolerance == null
                        ? null
                        : new FundsProblem.RankPreservation(FundsProblem.RankPreservation.COVERAGE, rankTolerance),
                r.evaluation());
        return new FundsProblem(
                p.kind(),
                "counties-earmarked-" + counties + "-seed-" + seed
                        + (holdHarmless == null ? "" : "-hold-" + holdHarmless)
                        + (rankTolerance == null ? "" : "-rank-" + rankTolerance),
                p.description() + " The budget is earmarked by category; region-level rules hold on each county's sum.",
                p.source().replace("generateWithCategories", "generateEarmarked"),
                budget,
                unit,
                p.regions(),
                rules,
                earmarked,
                p.formula());
    }

    /**
     * Each category's share of an earmarked budget: its share of the counties' need gaps, drawn 15% either way
     * (earmarked funds are set by policy, not by the gaps), adding up to 1.
     */
    private static double[] earmarkShares(FundsProblem p, long seed) {
        var builds = org.equiplan.funds.expenditure.StandardExpenditure.of(p);
        int categories = p.categories().size();
        double[] gaps = new double[categories];
        for (int i = 0; i < builds.size(); i++) {
            double revenue = p.regions().get(i).standardRevenue();
            double need = builds.get(i).total();
            for (int c = 0; c < categories; c++) {
                double part = builds.get(i).parts().get(c).amount();
                gaps[c] += Math.max(0, part - revenue * part / need);
            }
        }
        Random random = new Random(seed * 17 + 11);
        double[] drawn = new double[categories];
        double sum = 0;
        for (int c = 0; c < categories; c++) {
            drawn[c] = gaps[c] * (0.85 + 0.3 * random.nextDouble());
            sum += drawn[c];
        }
        for (int c = 0; c < categories; c++) {
            drawn[c] /= sum;
        }
        return drawn;
    }

    /**
     * The three-year plan of {@link #generatePlan} with each year's budget earmarked by category in the shares
     * {@link #generateEarmarked} draws (the last category takes what rounding leaves, so each year adds up).
     */
    public static FundsProblem generatePlanEarmarked(int counties, long seed, double unit, Double rankTolerance) {
        FundsProblem plan = generatePlan(counties, seed, unit, rankTolerance);
        double[] shares = earmarkShares(generateWithCategories(counties, seed, unit), seed);
        List<FundsProblem.YearSpec> years = new ArrayList<>();
        for (FundsProblem.YearSpec y : plan.years()) {
            Map<String, Double> budgets = new LinkedHashMap<>();
            double left = y.budget();
            for (int c = 0; c < shares.length; c++) {
                double amount = c == shares.length - 1 ? left : Math.floor(y.budget() * shares[c] / unit) * unit;
                budgets.put(plan.categories().get(c).id(), amount);
                left -= amount;
            }
            years.add(new FundsProblem.YearSpec(
                    y.label(), y.budget(), y.revenueGrowth(), y.expenditureGrowth(), budgets));
        }
        return new FundsProblem(
                plan.kind(),
                plan.name().replace("counties-plan", "counties-plan-earmarked"),
                plan.description() + " Each year's budget is earmarked by category.",
                plan.source().replace("generatePlan", "generatePlanEarmarked"),
                null,
                unit,
                plan.regions(),
                plan.rules(),
                plan.categories(),
                plan.formula(),
                years);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
