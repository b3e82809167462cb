package io.trustgate.gateway.config;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a Jackson binding failure into one problem line with the shape every other config problem has:
 * where, field path, what is wrong, what was expected. Jackson's own wording (Java type names, "Cannot
 * deserialize") never reaches the user.
 */
final class JacksonErrors {

    private static final String BACKEND_TYPES = Arrays.stream(BackendType.values())
            .map(BackendType::id).collect(Collectors.joining(", "));

    private JacksonErrors() {
    }

    /**
     * @param tree the tree that was being bound, used to describe what was found at the failing path
     */
    static String problem(DatabindException e, Origins origins, JsonNode tree) {
        List<JsonMappingException.Reference> refs = e instanceof JsonMappingException m ? m.getPath() : List.of();
        String path = FieldPath.of(refs);
        if (e instanceof UnrecognizedPropertyException u) {
            return origins.problem(path, "unknown key; expected one of: " + knownKeys(u));
        }
        if (e instanceof InvalidTypeIdException t) {
            String typePath = FieldPath.field(path, "type");
            String what = t.getTypeId() == null ? "missing" : "unknown value '" + t.getTypeId() + "'";
            return origins.problem(typePath, what + "; expected one of: " + BACKEND_TYPES);
        }
        JsonNode found = nodeAt(tree, refs);
        if (e instanceof InvalidFormatException f) {
            return origins.problem(path, "expected " + describeType(f.getTargetType()) + ", got '"
                    + f.getValue() + "'");
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return origins.problem(path, "expected " + describeType(m.getTargetType())
                    + (found == null ? "" : ", got " + describeNode(found)));
        }
        return origins.problem(path, "invalid value: " + firstLine(e.getOriginalMessage()));
    }

    /** The keys the failing mapping accepts, in schema (record component) order. */
    private static String knownKeys(UnrecognizedPropertyException e) {
        Collection<Object> known = e.getKnownPropertyIds() == null ? List.of() : e.getKnownPropertyIds();
        Set<String> ordered = new LinkedHashSet<>();
        Class<?> owner = e.getReferringClass();
        if (owner != null && owner.isRecord()) {
            for (RecordComponent c : owner.getRecordComponents()) {
                if (known.contains(c.getName())) {
                    ordered.add(c.getName());
                }
            }
        }
        known.forEach(k -> ordered.add(String.valueOf(k)));
        return String.join(", ", ordered);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }

    private static String describeType(Class<?> type) {
        if (type == String.class) {
            return "a single value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == ConfigDocument.Backend.class) {
            return "a mapping with a 'type' key";
        }
        if (type.isRecord() || Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        return "a " + type.getSimpleName();
    }

    private static String describeNode(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNull()) {
            return "nothing";
        }
        return "'" + node.asText() + "'";
    }

    private static JsonNode nodeAt(JsonNode tree, List<JsonMappingException.Reference> refs) {
        JsonNode node = tree;
        for (JsonMappingException.Reference r : refs) {
            if (node == null) {
                return null;
            }
            node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
        }
        return node;
    }
}
