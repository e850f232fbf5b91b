package org.equiplan.problem;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a problem cannot be solved as given; carries every error found, not just the first. */
public class InvalidProblemException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidProblemException(List<FieldError> errors) {
        super(errors.size() + " error(s) in the problem: "
                + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public InvalidProblemException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
