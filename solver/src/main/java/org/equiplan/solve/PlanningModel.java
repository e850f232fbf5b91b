package org.equiplan.solve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Consumer;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.Json;

/**
 * One kind of planning problem ("facilities", "funds"): how it is read, checked, solved, explained,
 * compared and exported. The command line and the service go through this, so both kinds share every
 * entry point. Kinds register through {@link java.util.ServiceLoader} (see {@link Models}), so this
 * package depends on no kind. JSON appears only in {@link #read} and {@link #readAnswer}: the edges.
 *
 * @param <P> the problem as the user wrote it
 * @param <A> the answer
 */
public interface PlanningModel<P, A extends Answer> {

    String kind();

    Class<P> problemType();

    Class<A> answerType();

    /** Binds JSON to the problem type; type errors become field errors. */
    default P read(JsonNode json) {
        return Json.bind(json, problemType());
    }

    /** Binds a stored or uploaded answer of this kind; fields it no longer knows are ignored. */
    default A readAnswer(JsonNode json) {
        return Json.bindAnswer(json, answerType());
    }

    /** Every error that prevents solving, each with its field path; empty when the problem is fine. */
    List<FieldError> validate(P problem);

    /** A one-line description for a valid problem (sizes), for the command line and logs. */
    String summary(P problem);

    /** A display name for job lists. */
    String name(P problem);

    /** The size that service limits apply to (sites x demand points, or regions), with its name. */
    Size size(P problem);

    /**
     * Solves and returns the answer. {@code warmStart} is a previous answer of this problem (or null) to
     * continue from. Throws {@link org.equiplan.problem.InvalidProblemException} for an invalid problem.
     */
    A solve(P problem, SolveOptions options, SolveListener<? super A> listener, A warmStart);

    default A solve(P problem, SolveOptions options, Consumer<Progress> progress) {
        return solve(problem, options, SolveListener.ofProgress(progress), null);
    }

    /**
     * Explains an answer of this problem: per constraint its total and worst matches, and per entity its
     * share. A record of the kind's own, written to JSON at the edge.
     */
    Record analyze(P problem, A answer);

    /** Two or more answers of this kind side by side, and what changed against the first. */
    Comparison compare(List<String> labels, List<A> answers);

    /** The answer as CSV, one row per decision, for spreadsheets. */
    String csv(A answer);

    /** The answer as CSV with what the problem adds (names, places); the plain {@link #csv(Answer)} by default. */
    default String csv(P problem, A answer) {
        return csv(answer);
    }

    /** The answer as GeoJSON for a GIS (QGIS), when the problem has geographic coordinates; else empty. */
    default java.util.Optional<String> geoJson(P problem, A answer) {
        return java.util.Optional.empty();
    }

    /**
     * The headline figures of an answer, in the order a trade-off is read: first what the plan costs, then what
     * it achieves. A sweep plots them and marks its efficient points by the first {@link #tradeOff()} of them.
     */
    default List<Figure> figures() {
        return List.of();
    }

    /** This answer's value of each of {@link #figures()}, by name (null where it does not apply). */
    default java.util.Map<String, Double> figureValues(A answer) {
        return java.util.Map.of();
    }

    /** How many of {@link #figures()}, from the first, make the trade-off a sweep's efficient points are on. */
    default int tradeOff() {
        return 2;
    }

    /** One headline figure: its name in the answer's figures, what a person reads, and which way is better. */
    record Figure(String name, String label, boolean higherIsBetter) {}

    /** A problem's size against a limit: e.g. "sites x demand points" = 2,000,000. */
    record Size(String measure, long value) {}
}
