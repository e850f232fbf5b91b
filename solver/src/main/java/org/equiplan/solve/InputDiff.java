package org.equiplan.solve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What differs between two problems, field by field: objects by key, arrays of records with an {@code id} by
 * id (so a reordered list is no change, and a changed region is named), other arrays by position; numbers by
 * value (3.16E11 is 316000000000). The problem's name, description and source are labels, not inputs.
 */
public final class InputDiff {

    /** The most changes listed; a problem rebuilt from scratch says "and more". */
    static final int MAX_CHANGES = 200;

    private static final Set<String> LABELS = Set.of("name", "description", "source");

    /** One difference: where (a JSON Pointer, with [id=...] for records by id), and the values (null: absent). */
    public record Change(String label, String path, JsonNode from, JsonNode to) {}

    private InputDiff() {}

    public static List<Change> between(JsonNode a, JsonNode b) {
        List<Change> out = new ArrayList<>();
        Map<String, JsonNode> x = fields(a, true);
        Map<String, JsonNode> y = fields(b, true);
        compareFields("", x, y, out);
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<Change> out) {
        if (out.size() >= MAX_CHANGES) {
            return;
        }
        if (a == null || b == null || a.isNull() || b.isNull()) {
            if (!same(a, b)) {
                out.add(new Change(null, path, a, b));
            }
        } else if (a.isObject() && b.isObject()) {
            compareFields(path, fields(a, false), fields(b, false), out);
        } else if (a.isArray() && b.isArray() && byId(a) && byId(b)) {
            Map<String, JsonNode> x = index(a);
            Map<String, JsonNode> y = index(b);
            Set<String> ids = new LinkedHashSet<>(x.keySet());
            ids.addAll(y.keySet());
            for (String id : ids) {
                walk(path + "[id=" + id + "]", x.get(id), y.get(id), out);
            }
        } else if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                walk(path + "/" + i, a.get(i), b.get(i), out);
            }
        } else if (!same(a, b)) {
            out.add(new Change(null, path, a, b));
        }
    }

    private static void compareFields(String path, Map<String, JsonNode> x, Map<String, JsonNode> y, List<Change> out) {
        Set<String> keys = new LinkedHashSet<>(x.keySet());
        keys.addAll(y.keySet());
        for (String k : keys) {
            walk(path + "/" + k.replace("~", "~0").replace("/", "~1"), x.get(k), y.get(k), out);
        }
    }

    private static Map<String, JsonNode> fields(JsonNode node, boolean top) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!(top && LABELS.contains(e.getKey()))) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static boolean byId(JsonNode array) {
        if (array.isEmpty()) {
            return false;
        }
        for (JsonNode e : array) {
            if (!e.isObject() || !e.path("id").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JsonNode> index(JsonNode array) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode e : array) {
            out.put(e.get("id").asText(), e);
        }
        return out;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        boolean aMissing = a == null || a.isNull();
        boolean bMissing = b == null || b.isNull();
        if (aMissing || bMissing) {
            return aMissing && bMissing;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
