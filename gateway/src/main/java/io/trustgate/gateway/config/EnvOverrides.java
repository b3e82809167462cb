package io.trustgate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies {@code TRUSTGATE__<SEGMENT>__<SEGMENT>...=value} variables to the YAML tree before it is bound.
 *
 * <p>Segments match keys case-insensitively, ignoring {@code _} and {@code -} (so {@code MAX_BULK_LENGTH} finds
 * {@code maxBulkLength}); inside a list a segment names an item by its {@code name:} key, or by its index for
 * lists without names ({@code routes}). A missing key is created if the schema knows such a key somewhere (the
 * binder then rejects it if it does not belong there); a missing list item, or a key the schema does not know, is
 * an error naming the variable. A value for a list of scalars ({@code nodes}) is split on commas. Values are set
 * as text; binding converts them, and a bad one is reported against the variable through {@link Origins}.
 */
final class EnvOverrides {

    static final String PREFIX = "TRUSTGATE__";

    private static final Set<String> KNOWN_KEYS = ConfigDocument.allKeys();
    private static final Set<String> LIST_KEYS = ConfigDocument.listKeys();

    private EnvOverrides() {
    }

    /**
     * Edits {@code root} in place, in variable-name order.
     *
     * @return field path written → variable name
     * @throws ConfigException naming the variable, for a path that does not exist
     */
    static Map<String, String> apply(ObjectNode root, Map<String, String> env) {
        Map<String, String> written = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!e.getKey().startsWith(PREFIX)) {
                continue;
            }
            try {
                written.put(applyOne(root, e.getKey(), e.getValue()), e.getKey());
            } catch (IllegalArgumentException ex) {
                problems.add("environment variable " + e.getKey() + ": " + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return written;
    }

    private static String applyOne(ObjectNode root, String variable, String value) {
        String[] segments = variable.substring(PREFIX.length()).split("__", -1);
        JsonNode node = root;
        String path = "";
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("empty path segment; expected " + PREFIX
                        + "<KEY>__<KEY>..., e.g. TRUSTGATE__LISTENERS__REDIS__PORT");
            }
            if (node instanceof ArrayNode list) {
                int index = findItem(list, segment, path);
                path = FieldPath.item(path, index);
                if (last) {
                    throw new IllegalArgumentException(path + ": names a whole list item; expected a key below it");
                }
                node = list.get(index);
            } else if (node instanceof ObjectNode object) {
                String key = findKey(object, segment, path);
                path = FieldPath.field(path, key);
                if (last) {
                    set(object, key, value, path);
                    return path;
                }
                JsonNode child = object.get(key);
                if ((child == null || child.isNull()) && LIST_KEYS.contains(key)) {
                    throw new IllegalArgumentException(path + ": no item named '" + segments[i + 1]
                            + "'; the list is empty");
                }
                if (child == null || child.isNull()) {
                    child = object.putObject(key);
                }
                node = child;
            } else {
                throw new IllegalArgumentException(path + ": is a single value, so '" + segment
                        + "' cannot be below it");
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static void set(ObjectNode object, String key, String value, String path) {
        JsonNode current = object.get(key);
        boolean scalarList = current instanceof ArrayNode list ? list.isEmpty() || list.get(0).isValueNode()
                : current == null && LIST_KEYS.contains(key);
        if (scalarList) {
            ArrayNode items = object.putArray(key);
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        } else if (current != null && current.isContainerNode()) {
            throw new IllegalArgumentException(path + ": names a whole section; expected a single value's key");
        } else {
            object.set(key, TextNode.valueOf(value));
        }
    }

    private static int findItem(ArrayNode list, String segment, String path) {
        List<String> names = new ArrayList<>();
        int found = -1;
        for (int i = 0; i < list.size(); i++) {
            JsonNode name = list.get(i).get("name");
            if (name != null && name.isValueNode()) {
                names.add(name.asText());
                if (normalize(name.asText()).equals(normalize(segment))) {
                    if (found >= 0) {
                        throw new IllegalArgumentException(path + ": more than one item matches '" + segment + "'");
                    }
                    found = i;
                }
            }
        }
        if (found >= 0) {
            return found;
        }
        if (segment.chars().allMatch(Character::isDigit) && segment.length() < 6
                && Integer.parseInt(segment) < list.size()) {
            return Integer.parseInt(segment);
        }
        throw new IllegalArgumentException((path.isEmpty() ? "" : path + ": ") + "no item named '" + segment
                + "'; expected " + (names.isEmpty() ? "an index 0.." + (list.size() - 1) : "one of: "
                + String.join(", ", names)));
    }

    private static String findKey(ObjectNode object, String segment, String path) {
        String wanted = normalize(segment);
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (normalize(key).equals(wanted)) {
                return key;
            }
        }
        for (String key : KNOWN_KEYS) {
            if (normalize(key).equals(wanted)) {
                return key;
            }
        }
        throw new IllegalArgumentException((path.isEmpty() ? "" : path + ": ") + "no setting '"
                + segment.toLowerCase(Locale.ROOT) + "' exists"
                + (object.isEmpty() ? "" : "; present here: " + String.join(", ", iterable(object))));
    }

    private static Iterable<String> iterable(ObjectNode object) {
        return object::fieldNames;
    }

    private static String normalize(String s) {
        return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }
}
