package io.trustgate.s3.xml;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses a small request document (DeleteObjects, CompleteMultipartUpload, CreateBucketConfiguration) into a tree
 * of {@link Element}s with the JDK's StAX reader; DTDs and external entities are disabled, so an entity attack is
 * just malformed XML. Namespaces are ignored (local names only).
 */
public final class XmlIn {

    private static final XMLInputFactory FACTORY;

    static {
        FACTORY = XMLInputFactory.newFactory();
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        FACTORY.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    private XmlIn() {
    }

    /** An element: local name, trimmed text, children in order. */
    public record Element(String name, String text, List<Element> children) {

        /** The first child named {@code name}, or null. */
        public Element child(String name) {
            for (Element c : children) {
                if (c.name.equals(name)) {
                    return c;
                }
            }
            return null;
        }

        /** The text of the first child named {@code name}, or null. */
        public String childText(String name) {
            Element c = child(name);
            return c == null ? null : c.text;
        }

        /** All children named {@code name}. */
        public List<Element> children(String name) {
            return children.stream().filter(c -> c.name.equals(name)).toList();
        }
    }

    /** The root element of {@code xml}. */
    public static Element parse(byte[] xml) throws MalformedXmlException {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            Deque<Builder> stack = new ArrayDeque<>();
            Element root = null;
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> stack.push(new Builder(r.getLocalName()));
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!stack.isEmpty()) {
                            stack.peek().text.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD ->
                            throw new MalformedXmlException("entities and DTDs are not allowed");
                    case XMLStreamConstants.END_ELEMENT -> {
                        Builder b = stack.pop();
                        Element e = new Element(b.name, b.text.toString().trim(), List.copyOf(b.children));
                        if (stack.isEmpty()) {
                            root = e;
                        } else {
                            stack.peek().children.add(e);
                        }
                    }
                    default -> {
                    }
                }
            }
            r.close();
            if (root == null) {
                throw new MalformedXmlException("empty document");
            }
            return root;
        } catch (XMLStreamException | RuntimeException e) {
            throw new MalformedXmlException(e.getMessage());
        }
    }

    private static final class Builder {
        final String name;
        final StringBuilder text = new StringBuilder();
        final List<Element> children = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }
    }

    /** The body is not well-formed XML, or not the expected document. */
    public static final class MalformedXmlException extends Exception {
        public MalformedXmlException(String message) {
            super(message);
        }
    }
}
