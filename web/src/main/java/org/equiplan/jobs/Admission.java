package org.equiplan.jobs;

import java.util.ArrayList;
import java.util.List;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.solve.Models;
import org.equiplan.solve.PlanningModel;

/**
 * What a job must pass before it is stored: a time limit within bounds, a problem that reads and validates,
 * and a size within the service's limits. Every error at once, each naming its field.
 */
final class Admission {

    private final JobService.Limits limits;

    Admission(JobService.Limits limits) {
        this.limits = limits;
    }

    void checkSeconds(double seconds) {
        if (!(seconds > 0) || seconds > limits.maxSeconds()) {
            throw new InvalidProblemException("seconds", "must be > 0 and <= " + (long) limits.maxSeconds());
        }
    }

    /** The problem bound to its model; throws {@link InvalidProblemException} with every error found. */
    Models.Loaded<?, ?> admit(String body) {
        Models.Loaded<?, ?> loaded = Models.load(body);
        List<FieldError> errors = new ArrayList<>(loaded.validate());
        PlanningModel.Size size = loaded.size();
        long max = size.measure().equals("regions") ? limits.maxRegions() : limits.maxCells();
        if (size.value() > max) {
            errors.add(new FieldError(
                    "$",
                    "problem too large: " + size.measure() + " = " + size.value() + " exceeds the limit of " + max));
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        return loaded;
    }
}
