package org.equiplan.solve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.equiplan.facilities.FacilityModel;
import org.equiplan.funds.FundsModel;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.problem.Json;

/** The planning models by their {@code kind}, and the dispatch from a problem's JSON to its model. */
public final class Models {

    private static final Map<String, PlanningModel<?>> BY_KIND = new LinkedHashMap<>();

    static {
        register(new FacilityModel());
        register(new FundsModel());
    }

    private Models() {
    }

    private static void register(PlanningModel<?> model) {
        BY_KIND.put(model.kind(), model);
    }

    public static List<String> kinds() {
        return List.copyOf(BY_KIND.keySet());
    }

    /** The model named by the problem's {@code kind} field, or an error naming that field. */
    public static PlanningModel<?> forProblem(JsonNode json) {
        if (!json.isObject()) {
            throw new InvalidProblemException("$", "expected a JSON object");
        }
        JsonNode kind = json.get("kind");
        if (kind == null || kind.isNull()) {
            throw new InvalidProblemException("kind", "is required: one of " + String.join(", ", kinds()));
        }
        PlanningModel<?> model = kind.isTextual() ? BY_KIND.get(kind.asText()) : null;
        if (model == null) {
            throw new InvalidProblemException("kind", "unknown kind " + kind + "; expected one of "
                    + String.join(", ", kinds()));
        }
        return model;
    }

    /** A problem read from text and bound to its model, ready to validate or solve. */
    public static Loaded<?> load(String text) {
        JsonNode json = Json.readTree(text);
        return bind(forProblem(json), json);
    }

    private static <P> Loaded<P> bind(PlanningModel<P> model, JsonNode json) {
        return new Loaded<>(model, model.read(json));
    }

    /** A problem together with its model, so callers need not know the problem's type. */
    public record Loaded<P>(PlanningModel<P> model, P problem) {

        public List<FieldError> validate() {
            return model.validate(problem);
        }

        public String summary() {
            return model.summary(problem);
        }

        public Object solve(SolveOptions options, Consumer<Progress> progress) {
            return model.solve(problem, options, progress);
        }

        public Object solve(SolveOptions options, SolveListener listener, JsonNode warmStart) {
            return model.solve(problem, options, listener, warmStart);
        }

        public Object analyze(JsonNode answer) {
            return model.analyze(problem, answer);
        }

        public String name() {
            return model.name(problem);
        }

        public PlanningModel.Size size() {
            return model.size(problem);
        }
    }
}
