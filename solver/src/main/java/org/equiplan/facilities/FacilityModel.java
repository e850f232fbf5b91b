package org.equiplan.facilities;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Consumer;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.solver.FacilitySolver;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.Json;
import org.equiplan.solve.PlanningModel;
import org.equiplan.solve.Progress;
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
    public FacilitySolution solve(FacilityProblem problem, SolveOptions options, Consumer<Progress> progress) {
        FacilityPlan plan = FacilityPlanBuilder.build(problem);
        FacilityPlan best = FacilitySolver.solve(plan, options, progress);
        return FacilityReport.of(problem, best);
    }
}
