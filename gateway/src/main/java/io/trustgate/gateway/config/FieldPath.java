package io.trustgate.gateway.config;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Field paths as users read them: {@code listeners[0].redis.maxBulkLength}. The root is the empty string.
 * One spelling is shared by the location index, environment overrides, Jackson errors and the validator, so a
 * path computed in one place finds the line recorded by another.
 */
final class FieldPath {

    private FieldPath() {
    }

    static String field(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The enclosing path, or the empty string at the top. */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    /** Whether {@code path} is {@code ancestor} or lies inside it. */
    static boolean within(String path, String ancestor) {
        return path.equals(ancestor) || path.startsWith(ancestor + ".") || path.startsWith(ancestor + "[");
    }

    /** The position a streaming parser's context points at: an object field or an array element. */
    static String of(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push(c.getCurrentName());
            }
        }
        return join(parts);
    }

    /** The path a Jackson databind exception points at. */
    static String of(List<JsonMappingException.Reference> references) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                parts.add(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                parts.add("[" + r.getIndex() + "]");
            }
        }
        return join(parts);
    }

    private static String join(Deque<String> parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (sb.length() > 0 && !p.startsWith("[")) {
                sb.append('.');
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
