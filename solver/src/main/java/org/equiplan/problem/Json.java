package org.equiplan.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of the project, and the translation of Jackson's parse failures into
 * {@link FieldError}s that name the field (never a stack trace for the user).
 */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private Json() {}

    /** Reads a tree, turning syntax errors into an {@link InvalidProblemException}. */
    public static JsonNode readTree(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new InvalidProblemException("$", "the body is empty; expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidProblemException(fieldOf(e), describe(e));
        }
    }

    /** Binds a tree to a record type, turning type errors into an {@link InvalidProblemException}. */
    public static <T> T bind(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new InvalidProblemException(fieldOf(e), describe(e));
        } catch (IllegalArgumentException e) {
            throw new InvalidProblemException("$", e.getMessage());
        }
    }

    /**
     * Answers are the project's own output, perhaps from an older version: a field it no longer writes is
     * ignored rather than refused.
     */
    private static final ObjectMapper ANSWERS = MAPPER.copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Binds a stored or uploaded answer to its record type; type errors become an {@link InvalidProblemException}. */
    public static <T> T bindAnswer(JsonNode node, Class<T> type) {
        try {
            return ANSWERS.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new InvalidProblemException(fieldOf(e), describe(e));
        } catch (IllegalArgumentException e) {
            throw new InvalidProblemException("$", e.getMessage());
        }
    }

    /** One line, for Server-Sent Events and logs. */
    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    static String fieldOf(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                } else if (ref.getFieldName() != null) {
                    if (path.length() > 0) {
                        path.append('.');
                    }
                    path.append(ref.getFieldName());
                }
            }
            return path.toString();
        }
        if (e.getLocation() != null) {
            return "$ (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
        }
        return "$";
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'";
        }
        if (e instanceof InvalidFormatException f) {
            return "cannot read " + quote(f.getValue()) + " as " + typeName(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + typeName(m.getTargetType());
        }
        if (e instanceof JsonMappingException) {
            // Exceptions thrown by record constructors arrive wrapped; their own message is the useful part.
            Throwable cause = e.getCause();
            if (cause != null && cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return "malformed JSON: " + e.getOriginalMessage();
    }

    private static String quote(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isEnum()) {
            StringBuilder names = new StringBuilder("one of");
            for (Object c : type.getEnumConstants()) {
                names.append(' ').append(c.toString());
            }
            return names.toString();
        }
        return "an object";
    }
}
