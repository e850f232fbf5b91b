package org.equiplan.facilities;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.solver.FacilitySolver;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.Json;
import org.equiplan.solve.PlanningModel;
import org.equiplan.solve.SolveListener;
import org.equiplan.solve.SolveOptions;

/** The facility-siting model behind {@code "kind": "facilities"}. */
public class FacilityModel implements PlanningModel<FacilityProblem> {

    @Override
    public String kind() {
        return FacilityProblem.KIND;
    }

    @Override
    public FacilityProblem read(JsonNode json) {
        return Json.bind(json, FacilityProblem.class);
    }

    @Override
    public List<FieldError> validate(FacilityProblem problem) {
        return FacilityValidator.validate(problem);
    }

    @Override
    public String summary(FacilityProblem p) {
        return String.format("facilities '%s': %d services, %d regions, %d demand points, %d sites",
                p.name() == null ? "" : p.name(), p.services().size(), p.regions().size(), p.demands().size(),
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
    public FacilitySolution solve(FacilityProblem problem, SolveOptions options, SolveListener listener,
                                  JsonNode warmStart) {
        FacilityPlan plan = FacilityPlanBuilder.build(problem);
        if (warmStart != null) {
            FacilityAnalysis.applyAssignments(plan, warmStart);
        }
        FacilityPlan best = FacilitySolver.run(plan, options, listener::started,
                (progress, snapshot) -> listener.improved(progress, () -> FacilityReport.of(problem, snapshot))).best();
        return FacilityReport.of(problem, best);
    }

    @Override
    public FacilitySolution solve(FacilityProblem problem, SolveOptions options, java.util.function.Consumer<org.equiplan.solve.Progress> progress) {
        return solve(problem, options, SolveListener.ofProgress(progress), null);
    }

    @Override
    public Object analyze(FacilityProblem problem, JsonNode answer) {
        return FacilityAnalysis.of(problem, answer);
    }
}
