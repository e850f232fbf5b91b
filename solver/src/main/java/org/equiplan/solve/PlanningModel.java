package org.equiplan.solve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Consumer;
import org.equiplan.problem.FieldError;

/**
 * One kind of planning problem ("facilities", "funds"): how its JSON is read, checked, solved and
 * explained. The command line and the service go through this, so both kinds share every entry point.
 *
 * @param <P> the problem as the user wrote it
 */
public interface PlanningModel<P> {

    String kind();

    /** Binds JSON to the problem type; type errors become field errors. */
    P read(JsonNode json);

    /** Every error that prevents solving, each with its field path; empty when the problem is fine. */
    List<FieldError> validate(P problem);

    /** A one-line description for a valid problem (sizes), for the command line and logs. */
    String summary(P problem);

    /** A display name for job lists. */
    String name(P problem);

    /** The size that service limits apply to (sites x demand points, or regions), with its name. */
    Size size(P problem);

    /**
     * Solves and returns the answer as a JSON-ready object. {@code warmStart} is a previous answer of
     * this problem (or null) to continue from. Throws {@link org.equiplan.problem.InvalidProblemException}
     * for an invalid problem.
     */
    Object solve(P problem, SolveOptions options, SolveListener listener, JsonNode warmStart);

    default Object solve(P problem, SolveOptions options, Consumer<Progress> progress) {
        return solve(problem, options, SolveListener.ofProgress(progress), null);
    }

    /** Explains an answer of this problem: per constraint its total and worst matches, and per entity its share. */
    Object analyze(P problem, JsonNode answer);

    /** A problem's size against a limit: e.g. "sites x demand points" = 2,000,000. */
    record Size(String measure, long value) {
    }
}
