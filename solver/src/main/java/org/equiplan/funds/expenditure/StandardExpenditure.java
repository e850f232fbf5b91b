package org.equiplan.funds.expenditure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.CategorySpec;
import org.equiplan.funds.FundsProblem.EvaluationSpec;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.problem.Errors;

/**
 * Standard expenditure built from its parts, as the equalisation transfer rules do (财预〔2022〕58号 in
 * shape): per spending category, people of each population group times that group's per-capita standard,
 * times the region's cost-difference coefficients that the category names, raised where public evaluation
 * rates the service poorly. A problem without categories states standard expenditure directly and is
 * left as it is.
 */
public final class StandardExpenditure {

    /** Cost coefficients outside this range are almost surely typing slips (a percentage for a factor). */
    static final double MAX_COEFFICIENT = 100;

    private StandardExpenditure() {}

    /**
     * How one category's standard expenditure in one region was built.
     *
     * @param base people by group times per-capita standards
     * @param coefficient the product of the cost coefficients that apply
     * @param evaluationRaise the share added by public evaluation (0 without it)
     * @param amount base x coefficient x (1 + evaluationRaise)
     */
    public record Part(String category, double base, double coefficient, double evaluationRaise, double amount) {}

    /** One region's standard expenditure by category; {@code byEvaluation} is what evaluation added. */
    public record Build(String region, String name, List<Part> parts, double total, double byEvaluation) {}

    /** True when the problem builds standard expenditure from categories. */
    public static boolean applies(FundsProblem p) {
        return p.categories() != null && !p.categories().isEmpty();
    }

    /** Checks the categories and the regions' inputs to them; adds every error with its field path. */
    public static void validate(FundsProblem p, Errors errors) {
        EvaluationSpec evaluation = p.rules() == null ? null : p.rules().evaluation();
        if (!applies(p)) {
            if (evaluation != null) {
                errors.add("rules.evaluation", "needs categories: the scores raise a category's standard expenditure");
            }
            if (p.regions() != null) {
                for (int i = 0; i < p.regions().size(); i++) {
                    RegionSpec r = p.regions().get(i);
                    if (r != null && r.satisfaction() != null) {
                        errors.add("regions[" + i + "].satisfaction", "needs categories to refer to");
                    }
                }
            }
            return;
        }
        Set<String> ids = new HashSet<>();
        Set<String> groups = new HashSet<>();
        for (int k = 0; k < p.categories().size(); k++) {
            CategorySpec c = p.categories().get(k);
            String at = "categories[" + k + "]";
            if (c == null) {
                errors.add(at, "must be an object");
                continue;
            }
            if (errors.checkText(at + ".id", c.id()) && !ids.add(c.id())) {
                errors.add(at + ".id", "duplicate category id '" + c.id() + "'");
            }
            if (c.standards() == null || c.standards().isEmpty()) {
                errors.add(at + ".standards", "at least one population group with its per-capita standard is required");
            } else {
                for (Map.Entry<String, Double> s : c.standards().entrySet()) {
                    errors.checkNumber(at + ".standards." + s.getKey(), s.getValue(), 0, true);
                    groups.add(s.getKey());
                }
            }
        }
        if (evaluation != null) {
            if (errors.checkNumber("rules.evaluation.target", evaluation.target(), 0, true)
                    && evaluation.target() > 1) {
                errors.add("rules.evaluation.target", "must be <= 1 (scores are shares satisfied, 0 to 1)");
            }
            errors.checkNumber("rules.evaluation.weight", evaluation.weight(), 0, false);
            if (errors.checkNumber("rules.evaluation.maxRaise", evaluation.maxRaise(), 0, false)
                    && evaluation.maxRaise() != null
                    && evaluation.maxRaise() > 1) {
                errors.add("rules.evaluation.maxRaise", "must be <= 1 (a share of the standard expenditure)");
            }
        }
        if (p.regions() == null) {
            return;
        }
        for (int i = 0; i < p.regions().size(); i++) {
            RegionSpec r = p.regions().get(i);
            if (r == null) {
                continue;
            }
            String at = "regions[" + i + "]";
            if (r.standardExpenditure() != null) {
                errors.add(
                        at + ".standardExpenditure",
                        "is built from the categories here; leave it out (or leave out the categories to state it)");
            }
            for (String g : groups) {
                if (!CategorySpec.RESIDENTS.equals(g)) {
                    Double people = r.populationByGroup() == null
                            ? null
                            : r.populationByGroup().get(g);
                    if (people == null) {
                        errors.add(at + ".populationByGroup." + g, "is required: a category has a standard for it");
                    } else {
                        errors.checkNumber(at + ".populationByGroup." + g, people, 0, true);
                    }
                }
            }
            if (r.costCoefficients() != null) {
                for (Map.Entry<String, Double> c : r.costCoefficients().entrySet()) {
                    String field = at + ".costCoefficients." + c.getKey();
                    if (errors.checkNumber(field, c.getValue(), 0, true)
                            && (c.getValue() <= 0 || c.getValue() > MAX_COEFFICIENT)) {
                        errors.add(field, "must be > 0 and <= 100 (a factor such as 1.08, not a percentage)");
                    }
                }
            }
            if (r.satisfaction() != null) {
                // Scores without rules.evaluation are kept and change nothing (a survey can come before the rule).
                for (Map.Entry<String, Double> s : r.satisfaction().entrySet()) {
                    String field = at + ".satisfaction." + s.getKey();
                    if (!ids.contains(s.getKey())) {
                        errors.add(field, "unknown category '" + s.getKey() + "'");
                    } else if (errors.checkNumber(field, s.getValue(), 0, true) && s.getValue() > 1) {
                        errors.add(field, "must be <= 1 (the share satisfied)");
                    }
                }
            }
        }
        if (errors.isEmpty()) {
            List<Build> builds = of(p);
            for (int i = 0; i < builds.size(); i++) {
                if (!(builds.get(i).total() > 0)) {
                    errors.add(
                            "regions[" + i + "]",
                            "its standard expenditure from the categories is 0: no people in the groups they fund");
                }
            }
        }
    }

    /** Every region's build, in region order; empty when the problem states expenditure directly. */
    public static List<Build> of(FundsProblem p) {
        if (!applies(p)) {
            return List.of();
        }
        EvaluationSpec evaluation = p.rules() == null ? null : p.rules().evaluation();
        List<Build> out = new ArrayList<>();
        for (RegionSpec r : p.regions()) {
            List<Part> parts = new ArrayList<>();
            double total = 0;
            double raised = 0;
            for (CategorySpec c : p.categories()) {
                double base = 0;
                for (Map.Entry<String, Double> s : c.standards().entrySet()) {
                    base += people(r, s.getKey()) * s.getValue();
                }
                double coefficient = 1;
                Map<String, Double> coefficients = r.costCoefficients() == null ? Map.of() : r.costCoefficients();
                for (Map.Entry<String, Double> k : coefficients.entrySet()) {
                    if (c.coefficients() == null || c.coefficients().contains(k.getKey())) {
                        coefficient *= k.getValue();
                    }
                }
                Double score =
                        r.satisfaction() == null ? null : r.satisfaction().get(c.id());
                double raise = evaluation == null || score == null ? 0 : evaluation.raise(score);
                double amount = base * coefficient * (1 + raise);
                parts.add(new Part(c.id(), base, coefficient, raise, amount));
                total += amount;
                raised += base * coefficient * raise;
            }
            out.add(new Build(r.id(), r.name() == null ? r.id() : r.name(), parts, total, raised));
        }
        return out;
    }

    /** The problem with every region's standard expenditure filled in from its build. */
    public static FundsProblem resolve(FundsProblem p) {
        if (!applies(p)) {
            return p;
        }
        List<Build> builds = of(p);
        List<RegionSpec> regions = new ArrayList<>();
        for (int i = 0; i < p.regions().size(); i++) {
            regions.add(p.regions().get(i).withStandardExpenditure(builds.get(i).total()));
        }
        return p.withRegions(regions);
    }

    /** One category over all regions: its name, standard expenditure and what evaluation added to it. */
    public record CategoryTotal(String category, String name, double amount, double byEvaluation) {}

    public static List<CategoryTotal> byCategory(List<Build> builds, List<CategorySpec> categories) {
        Map<String, String> names = new LinkedHashMap<>();
        for (CategorySpec c : categories) {
            names.put(c.id(), c.name() == null ? c.id() : c.name());
        }
        Map<String, CategoryTotal> out = new LinkedHashMap<>();
        for (Build b : builds) {
            for (Part part : b.parts()) {
                double added = part.base() * part.coefficient() * part.evaluationRaise();
                out.merge(
                        part.category(),
                        new CategoryTotal(part.category(), names.get(part.category()), part.amount(), added),
                        (x, y) -> new CategoryTotal(
                                x.category(), x.name(), x.amount() + y.amount(), x.byEvaluation() + y.byEvaluation()));
            }
        }
        return new ArrayList<>(out.values());
    }

    private static double people(RegionSpec r, String group) {
        if (CategorySpec.RESIDENTS.equals(group)) {
            return r.population() == null ? 0 : r.population();
        }
        Double n = r.populationByGroup() == null ? null : r.populationByGroup().get(group);
        return n == null ? 0 : n;
    }
}
