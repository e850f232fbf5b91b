package org.equiplan.solve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Consumer;
import org.equiplan.problem.FieldError;

/**
 * One kind of planning problem ("facilities", "funds"): how its JSON is read, checked and solved.
 * The command line and the service go through this, so both kinds share every entry point.
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

    /**
     * Solves and returns the answer as a JSON-ready object; calls {@code progress} on each new best.
     * Throws {@link org.equiplan.problem.InvalidProblemException} for an invalid problem.
     */
    Object solve(P problem, SolveOptions options, Consumer<Progress> progress);
}
