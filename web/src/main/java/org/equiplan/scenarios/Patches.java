package org.equiplan.scenarios;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonPointer;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import org.equiplan.problem.InvalidProblemException;

/**
 * Changes to a problem's JSON, by the standards, through Jakarta JSON-P (Eclipse Parsson): a JSON Merge Patch
 * (RFC 7386) for an edited scenario, and a value put at a JSON Pointer (RFC 6901) for each point of a sweep.
 * Texts in, texts out: the problem is read by its model afterwards, with its usual validation.
 */
public final class Patches {

    private Patches() {}

    /** The document with the merge patch applied (members set, {@code null} members removed, arrays replaced). */
    public static String merge(String document, String patch) {
        JsonValue target = read(document, "$");
        JsonValue changes = read(patch, "$");
        if (changes.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidProblemException("$", "a patch is a JSON object of the fields to change (RFC 7386)");
        }
        return Json.createMergePatch(changes).apply(target).toString();
    }

    /**
     * The document with {@code value} at {@code pointer}: replaced where something is, added as a new member of
     * an existing object otherwise. {@code field} names the pointer in errors.
     */
    public static String set(String document, String pointer, String value, String field) {
        JsonValue target = read(document, "$");
        if (!(target instanceof JsonStructure structure)) {
            throw new InvalidProblemException("$", "the problem must be a JSON object");
        }
        JsonPointer at;
        try {
            at = Json.createPointer(pointer);
        } catch (JsonException e) {
            throw new InvalidProblemException(field, "'" + pointer + "' is not a JSON Pointer (such as /budget)");
        }
        if (pointer.isEmpty()) {
            throw new InvalidProblemException(field, "give a place inside the problem, such as /budget");
        }
        JsonValue v = read(value, field);
        try {
            return (at.containsValue(structure) ? at.replace(structure, v) : at.add(structure, v)).toString();
        } catch (JsonException e) {
            throw new InvalidProblemException(field, "'" + pointer + "' is not a place in this problem");
        }
    }

    /** The value at {@code pointer}, as JSON text; empty when nothing is there. */
    public static java.util.Optional<String> get(String document, String pointer) {
        JsonValue target = read(document, "$");
        try {
            JsonPointer at = Json.createPointer(pointer);
            return target instanceof JsonStructure s && at.containsValue(s)
                    ? java.util.Optional.of(at.getValue(s).toString())
                    : java.util.Optional.empty();
        } catch (JsonException e) {
            return java.util.Optional.empty();
        }
    }

    private static JsonValue read(String text, String field) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            throw new InvalidProblemException(field, "not valid JSON: " + e.getMessage());
        } catch (JsonException e) {
            throw new InvalidProblemException(field, "not valid JSON: " + e.getMessage());
        }
    }
}
