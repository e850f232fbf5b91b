package org.equiplan.facilities;

import java.util.List;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.solver.FacilitySolver;
import org.equiplan.problem.FieldError;
import org.equiplan.solve.Comparison;
import org.equiplan.solve.PlanningModel;
import org.equiplan.solve.SolveListener;
import org.equiplan.solve.SolveOptions;

/** The facility-siting model behind {@code "kind": "facilities"}. */
public class FacilityModel implements PlanningModel<FacilityProblem, FacilityAnswer> {

    @Override
    public String kind() {
        return FacilityProblem.KIND;
    }

    @Override
    public Class<FacilityProblem> problemType() {
        return FacilityProblem.class;
    }

    @Override
    public Class<FacilityAnswer> answerType() {
        return FacilityAnswer.class;
    }

    @Override
    public List<FieldError> validate(FacilityProblem problem) {
        return FacilityValidator.validate(problem);
    }

    @Override
    public String summary(FacilityProblem p) {
        return String.format(
                "facilities '%s': %d services, %d regions, %d demand points, %d sites",
                p.name() == null ? "" : p.name(),
                p.services().size(),
                p.regions().size(),
                p.demands().size(),
                p.sites().size());
    }

    @Override
    public String name(FacilityProblem p) {
        return p.name() == null ? "facilities" : p.name();
    }

    @Override
    public Size size(FacilityProblem p) {
        long sites = p.sites() == null ? 0 : p.sites().size();
        long demands = p.demands() == null ? 0 : p.demands().size();
        return new Size("sites x demand points", sites * demands);
    }

    @Override
    public FacilityAnswer solve(
            FacilityProblem problem,
            SolveOptions options,
            SolveListener<? super FacilityAnswer> listener,
            FacilityAnswer warmStart) {
        FacilityPlan plan = FacilityPlanBuilder.build(problem);
        if (warmStart != null) {
            FacilityAnalysis.applyAssignments(plan, warmStart);
        }
        FacilityPlan best = FacilitySolver.run(
                        plan,
                        options,
                        listener::started,
                        (progress, snapshot) -> listener.improved(progress, () -> FacilityReport.of(problem, snapshot)))
                .best();
        return FacilityReport.of(problem, best);
    }

    @Override
    public FacilityAnalysis.Analysis analyze(FacilityProblem problem, FacilityAnswer answer) {
        return FacilityAnalysis.of(problem, answer);
    }

    @Override
    public Comparison compare(List<String> labels, List<FacilityAnswer> answers) {
        return FacilityComparison.of(labels, answers);
    }

    @Override
    public String csv(FacilityProblem problem, FacilityAnswer answer) {
        return FacilityCsv.of(problem, answer);
    }

    @Override
    public java.util.Optional<String> geoJson(FacilityProblem problem, FacilityAnswer answer) {
        return FacilityGeoJson.of(problem, answer);
    }

    @Override
    public String csv(FacilityAnswer answer) {
        return FacilityCsv.of(answer);
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("cost", "objective cost", false),
            new Figure("withinStandard", "share of demand within the travel standard", true),
            new Figure("meanDistance", "mean distance (demand-weighted)", false),
            new Figure("accessGini", "Gini of the regions' mean distances (worst service)", false),
            new Figure("openSites", "open sites", false));

    @Override
    public List<Figure> figures() {
        return FIGURES;
    }

    /**
     * Cost against the share within the travel standard; without travel standards that share is null, and a sweep
     * takes the next figure, the mean distance.
     */
    @Override
    public java.util.Map<String, Double> figureValues(FacilityAnswer answer) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        out.put("cost", answer.metrics().costs().objective());
        long demand = 0;
        long covered = 0;
        boolean standards = false;
        double distance = 0;
        int open = 0;
        for (FacilityAnswer.ServiceMetrics m : answer.metrics().services()) {
            open += m.openSites();
            if (m.meanDistance() != null) {
                distance += m.meanDistance() * m.demand();
            }
            demand += m.demand();
            if (m.coveredWithinStandard() != null) {
                standards = true;
                covered += m.coveredWithinStandard();
            }
        }
        out.put("withinStandard", standards && demand > 0 ? (double) covered / demand : null);
        out.put("meanDistance", demand > 0 ? distance / demand : null);
        Double gini = null;
        for (FacilityAnswer.AccessSpread a : answer.metrics().access()) {
            if (a.gini() != null) {
                gini = gini == null ? a.gini() : Math.max(gini, a.gini());
            }
        }
        out.put("accessGini", gini);
        out.put("openSites", (double) open);
        return out;
    }
}
