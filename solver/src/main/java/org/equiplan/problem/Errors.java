package org.equiplan.problem;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors during validation so that the user sees all of them at once. */
public final class Errors {

    private final List<FieldError> list = new ArrayList<>();

    public void add(String field, String message) {
        list.add(new FieldError(field, message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(list);
    }

    /** Requires a finite number >= min; a null is fine unless {@code required}. */
    public boolean checkNumber(String field, Double value, double min, boolean required) {
        if (value == null) {
            if (required) {
                add(field, "is required");
            }
            return !required;
        }
        if (!Double.isFinite(value)) {
            add(field, "must be a finite number");
            return false;
        }
        // -0 is below 0 here: "-0" in a budget is a typing slip, not a value to accept silently.
        if (value < min || (value == 0 && min == 0 && Double.doubleToRawLongBits(value) != 0)) {
            add(field, "must be >= " + format(min) + (value == 0 ? " (got -0)" : ""));
            return false;
        }
        return true;
    }

    /** Requires a non-blank string. */
    public boolean checkText(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return false;
        }
        return true;
    }

    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new InvalidProblemException(list);
        }
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
