package org.equiplan.problem;

/** One problem with the input, named by its JSON path (e.g. {@code demands[3].demand.school}). */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
