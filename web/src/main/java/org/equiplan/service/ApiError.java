package org.equiplan.service;

import java.util.List;
import org.equiplan.problem.FieldError;

/** The one shape of every error answer: {@code {"error": "...", "details": [{"field": "...", "message": "..."}]}}. */
public record ApiError(String error, List<FieldError> details) {

    public static ApiError of(String error) {
        return new ApiError(error, List.of());
    }
}
