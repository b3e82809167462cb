package io.trustgate.s3.xml;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an S3 response document with the JDK's StAX writer, which escapes every text value; nothing here
 * concatenates markup. Not thread-safe; one instance per document.
 */
public final class XmlOut {

    /** The S3 response namespace. */
    public static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final XMLStreamWriter writer;

    private XmlOut(XMLStreamWriter writer) {
        this.writer = writer;
    }

    /**
     * A whole document: declaration, root element (in the S3 namespace when {@code namespaced}), what
     * {@code body} writes, end.
     */
    public static byte[] document(String root, boolean namespaced, Consumer<XmlOut> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(root);
            if (namespaced) {
                w.writeDefaultNamespace(S3_NAMESPACE);
            }
            body.accept(new XmlOut(w));
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return out.toByteArray();
    }

    /** Opens an element; close it with {@link #end()}. */
    public XmlOut start(String name) {
        try {
            writer.writeStartElement(name);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlOut end() {
        try {
            writer.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** {@code <name>value</name>}; nothing when value is null. */
    public XmlOut element(String name, Object value) {
        if (value == null) {
            return this;
        }
        try {
            writer.writeStartElement(name);
            writer.writeCharacters(value.toString());
            writer.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** A timestamp as S3 lists it: ISO-8601 UTC with milliseconds, e.g. {@code 2009-10-12T17:50:30.000Z}. */
    public XmlOut element(String name, Instant value) {
        return element(name, value == null ? null : TIMESTAMP.format(value));
    }

    /** An attribute on the element just opened. */
    public XmlOut attribute(String name, String value) {
        try {
            writer.writeAttribute(name, value);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** A namespace declaration with a prefix on the element just opened. */
    public XmlOut namespace(String prefix, String uri) {
        try {
            writer.writeNamespace(prefix, uri);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }
}
