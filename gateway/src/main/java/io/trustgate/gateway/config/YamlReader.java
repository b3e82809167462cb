package io.trustgate.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one YAML document into a tree plus a {@link LocationIndex}, in a single pass over the parser's tokens.
 *
 * <p>Every scalar is kept as its source text ({@link TextNode}), never as a number: binding converts text to the
 * target type, so a password written {@code 00123} stays {@code "00123"} instead of becoming the octal number 83,
 * and a bad number still fails with the text the user wrote. The reader also rejects what a tree would hide:
 * duplicate keys and a second document in the stream.
 */
final class YamlReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The document's root node (null for an empty document) and where each path sits in the source. */
    record Document(JsonNode root, LocationIndex index) {
    }

    private YamlReader() {
    }

    /**
     * Reads {@code parser} to the end.
     *
     * @throws ProblemException for a duplicate key or a second document
     * @throws IOException      for malformed YAML (a Jackson {@code StreamReadException} with a location)
     */
    static Document read(JsonParser parser) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        Deque<ContainerNode<?>> open = new ArrayDeque<>();
        JsonNode root = null;
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            int line = parser.currentTokenLocation().getLineNr();
            if (open.isEmpty() && root != null) {
                throw new ProblemException("", line, "a second YAML document; expected exactly one");
            }
            if (token == JsonToken.FIELD_NAME) {
                String path = FieldPath.of(parser.getParsingContext());
                Integer first = lines.putIfAbsent(path, line);
                if (first != null) {
                    throw new ProblemException(path, line, "duplicate key; expected each key once per mapping "
                            + "(first at line " + first + ")");
                }
                continue;
            }
            if (token.isStructEnd()) {
                open.pop();
                continue;
            }
            JsonNode node;
            if (token.isStructStart()) {
                lines.putIfAbsent(FieldPath.of(parser.getParsingContext().getParent()), line);
                node = token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
            } else {
                lines.putIfAbsent(FieldPath.of(parser.getParsingContext()), line);
                node = token == JsonToken.VALUE_NULL ? NullNode.getInstance() : TextNode.valueOf(parser.getText());
            }
            if (open.isEmpty()) {
                root = node;
            } else if (open.peek() instanceof ObjectNode object) {
                object.set(parser.currentName(), node);
            } else {
                ((ArrayNode) open.peek()).add(node);
            }
            if (node instanceof ContainerNode<?> container) {
                open.push(container);
            }
        }
        return new Document(root, new LocationIndex(lines));
    }

    /** The document is well-formed YAML but not a usable single config document. */
    static final class ProblemException extends IOException {
        private static final long serialVersionUID = 1L;
        final String path;
        final int line;

        ProblemException(String path, int line, String message) {
            super(message);
            this.path = path;
            this.line = line;
        }
    }
}
