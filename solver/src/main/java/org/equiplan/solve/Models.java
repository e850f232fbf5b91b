package org.equiplan.solve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.problem.Json;

/**
 * The planning models by their {@code kind}, found through {@link ServiceLoader} (each kind lists itself
 * in {@code META-INF/services/org.equiplan.solve.PlanningModel}), and the dispatch from JSON to a model.
 */
public final class Models {

    private static final Map<String, PlanningModel<?, ?>> BY_KIND = new LinkedHashMap<>();

    static {
        @SuppressWarnings("rawtypes")
        ServiceLoader<PlanningModel> loader = ServiceLoader.load(PlanningModel.class, Models.class.getClassLoader());
        for (PlanningModel<?, ?> model : loader) {
            BY_KIND.put(model.kind(), model);
        }
        if (BY_KIND.isEmpty()) {
            throw new IllegalStateException("no planning model is registered in META-INF/services");
        }
    }

    private Models() {}

    public static List<String> kinds() {
        return List.copyOf(BY_KIND.keySet());
    }

    /** The model named by a problem's or answer's {@code kind} field, or an error naming that field. */
    public static PlanningModel<?, ?> forKind(JsonNode json, String field) {
        if (!json.isObject()) {
            throw new InvalidProblemException("$", "expected a JSON object");
        }
        JsonNode kind = json.get("kind");
        if (kind == null || kind.isNull()) {
            throw new InvalidProblemException(field, "is required: one of " + String.join(", ", kinds()));
        }
        PlanningModel<?, ?> model = kind.isTextual() ? BY_KIND.get(kind.asText()) : null;
        if (model == null) {
            throw new InvalidProblemException(
                    field, "unknown kind " + kind + "; expected one of " + String.join(", ", kinds()));
        }
        return model;
    }

    /** A problem read from text and bound to its model, ready to validate or solve. */
    public static Loaded<?, ?> load(String text) {
        JsonNode json = Json.readTree(text);
        return bind(forKind(json, "kind"), json);
    }

    private static <P, A extends Answer> Loaded<P, A> bind(PlanningModel<P, A> model, JsonNode json) {
        return new Loaded<>(model, model.read(json));
    }

    /**
     * Compares answers given as JSON (stored by jobs or written by the command line): all of one kind,
     * each labelled (job id or file name); an error names the label of an answer of another kind.
     */
    public static Comparison compare(List<String> labels, List<JsonNode> answers) {
        if (answers.size() < 2) {
            throw new InvalidProblemException("ids", "compare needs at least two answers");
        }
        PlanningModel<?, ?> model = forKind(answers.get(0), labels.get(0) + ".kind");
        List<FieldError> errors = new ArrayList<>();
        for (int i = 1; i < answers.size(); i++) {
            String k = answers.get(i).path("kind").asText();
            if (!k.equals(model.kind())) {
                errors.add(
                        new FieldError(labels.get(i), "is a '" + k + "' answer, the first is '" + model.kind() + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        return compareTyped(model, labels, answers);
    }

    private static <A extends Answer> Comparison compareTyped(
            PlanningModel<?, A> model, List<String> labels, List<JsonNode> answers) {
        return model.compare(labels, answers.stream().map(model::readAnswer).toList());
    }

    /** An answer's headline figures, with their definitions (for sweeps); the kind comes from the answer. */
    public static Figures figures(JsonNode answer) {
        return figuresTyped(forKind(answer, "kind"), answer);
    }

    /** The figures a kind's answers have (for sweeps, before any answer exists). */
    public static List<PlanningModel.Figure> figureDefinitions(String kind) {
        PlanningModel<?, ?> model = BY_KIND.get(kind);
        return model == null ? List.of() : model.figures();
    }

    /** How many of a kind's figures make its trade-off. */
    public static int tradeOff(String kind) {
        PlanningModel<?, ?> model = BY_KIND.get(kind);
        return model == null ? 0 : model.tradeOff();
    }

    private static <A extends Answer> Figures figuresTyped(PlanningModel<?, A> model, JsonNode answer) {
        return new Figures(model.figures(), model.figureValues(model.readAnswer(answer)));
    }

    /** Figure definitions and one answer's values of them. */
    public record Figures(List<PlanningModel.Figure> definitions, java.util.Map<String, Double> values) {}

    /** An answer with its problem (both as stored), as CSV with names and places. */
    public static String csv(String problem, JsonNode answer) {
        return load(problem).csv(answer);
    }

    /** An answer with its problem as GeoJSON, when the problem has geographic coordinates. */
    public static java.util.Optional<String> geoJson(String problem, JsonNode answer) {
        return load(problem).geoJson(answer);
    }

    /** An answer given as JSON, as CSV. */
    public static String csv(JsonNode answer) {
        return csvTyped(forKind(answer, "kind"), answer);
    }

    private static <A extends Answer> String csvTyped(PlanningModel<?, A> model, JsonNode answer) {
        return model.csv(model.readAnswer(answer));
    }

    /** A problem together with its model, so callers need not know the problem's type. */
    public record Loaded<P, A extends Answer>(PlanningModel<P, A> model, P problem) {

        public String csv(JsonNode answer) {
            return model.csv(problem, model.readAnswer(answer));
        }

        public java.util.Optional<String> geoJson(JsonNode answer) {
            return model.geoJson(problem, model.readAnswer(answer));
        }

        public List<FieldError> validate() {
            return model.validate(problem);
        }

        public String summary() {
            return model.summary(problem);
        }

        public A solve(SolveOptions options, java.util.function.Consumer<Progress> progress) {
            return model.solve(problem, options, progress);
        }

        /** {@code warmStart}: a stored answer of this problem as JSON, or null. */
        public A solve(SolveOptions options, SolveListener<? super A> listener, JsonNode warmStart) {
            return model.solve(problem, options, listener, warmStart == null ? null : model.readAnswer(warmStart));
        }

        public Record analyze(JsonNode answer) {
            return model.analyze(problem, model.readAnswer(answer));
        }

        public String name() {
            return model.name(problem);
        }

        public PlanningModel.Size size() {
            return model.size(problem);
        }
    }
}
