package org.equiplan.funds;

import java.util.List;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.solver.FundsSolver;
import org.equiplan.problem.FieldError;
import org.equiplan.solve.Comparison;
import org.equiplan.solve.PlanningModel;
import org.equiplan.solve.SolveListener;
import org.equiplan.solve.SolveOptions;

/** The transfer-allocation model behind {@code "kind": "funds"}. */
public class FundsModel implements PlanningModel<FundsProblem, FundsAnswer> {

    @Override
    public String kind() {
        return FundsProblem.KIND;
    }

    @Override
    public Class<FundsProblem> problemType() {
        return FundsProblem.class;
    }

    @Override
    public Class<FundsAnswer> answerType() {
        return FundsAnswer.class;
    }

    @Override
    public List<FieldError> validate(FundsProblem problem) {
        return FundsValidator.validate(problem);
    }

    @Override
    public String summary(FundsProblem p) {
        long groups = p.regions().stream()
                .map(FundsProblem.RegionSpec::group)
                .filter(g -> g != null)
                .distinct()
                .count();
        String budget = p.multiYear()
                ? p.years().size() + " years, budgets "
                        + String.join(
                                " / ",
                                p.years().stream()
                                        .map(y -> FundsValidator.format(y.budget()))
                                        .toList())
                : "budget " + FundsValidator.format(p.budget());
        return String.format(
                "funds '%s': %d regions in %d groups, %s in units of %s",
                p.name() == null ? "" : p.name(), p.regions().size(), groups, budget, FundsValidator.format(p.unit()));
    }

    @Override
    public String name(FundsProblem p) {
        return p.name() == null ? "funds" : p.name();
    }

    @Override
    public Size size(FundsProblem p) {
        return new Size("regions", p.regions() == null ? 0 : p.regions().size());
    }

    /**
     * The optimum is computed exactly and quickly, so a warm start adds nothing: a resumed job is
     * solved again from the problem.
     */
    @Override
    public FundsAnswer solve(
            FundsProblem problem,
            SolveOptions options,
            SolveListener<? super FundsAnswer> listener,
            FundsAnswer warmStart) {
        FundsPlan plan = FundsPlanBuilder.build(problem);
        FundsPlan best = FundsSolver.solve(
                plan,
                options,
                listener::started,
                (progress, snapshot) -> listener.improved(progress, () -> FundsReport.of(problem, snapshot)),
                FundsSolver.Start.OPTIMUM);
        return FundsReport.of(problem, best);
    }

    @Override
    public FundsAnalysis.Analysis analyze(FundsProblem problem, FundsAnswer answer) {
        return FundsAnalysis.of(problem, answer);
    }

    @Override
    public Comparison compare(List<String> labels, List<FundsAnswer> answers) {
        return FundsComparison.of(labels, answers);
    }

    @Override
    public String csv(FundsAnswer answer) {
        return FundsCsv.of(answer);
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("placed", "transfers placed", false),
            new Figure("coverageGini", "Gini of coverage after transfers", false),
            new Figure("minCoverage", "lowest coverage", true),
            new Figure("perCapitaGini", "Gini of per-capita resources", false),
            new Figure("unallocated", "budget left unallocated", false));

    @Override
    public List<Figure> figures() {
        return FIGURES;
    }

    /** What the transfers cost against how unequal coverage stays. */
    @Override
    public java.util.Map<String, Double> figureValues(FundsAnswer answer) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        out.put("placed", answer.placed());
        var optimised = answer.metrics().optimised();
        out.put("coverageGini", optimised.coverage().gini());
        out.put("minCoverage", optimised.coverage().min());
        out.put("perCapitaGini", optimised.perCapita().gini());
        out.put("unallocated", answer.unallocated());
        return out;
    }
}
