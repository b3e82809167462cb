package io.trustgate.s3.xml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.Consumer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an S3 response document with the JDK's StAX writer; nothing here concatenates markup. Not thread-safe; one
 * instance per document.
 *
 * <p>Text goes through {@link #text}, not straight to {@code writeCharacters}: the StAX writer escapes {@code & < >}
 * but writes CR raw (an XML parser then reads it as LF, another key) and writes characters XML 1.0 cannot carry at
 * all. CR and LF are written as character references ({@code &#13;}, {@code &#10;}), as AWS's object-key guide asks.
 * What happens to the characters XML 1.0 cannot carry ({@code U+0000-U+001F} but TAB/LF/CR, {@code U+FFFE},
 * {@code U+FFFF}) is the document's {@link Unrepresentable} policy.
 */
public final class XmlOut {

    /** The S3 response namespace. */
    public static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** What a document does with a character that XML 1.0 cannot carry, in element text. */
    public enum Unrepresentable {
        /**
         * A character reference such as {@code &#x1;}, as AWS writes such keys in listings and multipart answers: the
         * value stays exact for a lenient (or XML 1.1) parser, while a strict XML 1.0 parser refuses the document,
         * which is why clients list with {@code encoding-type=url}. Never a different value in a success answer.
         */
        CHARACTER_REFERENCE,
        /**
         * The character's UTF-8 bytes percent-encoded ({@code %01}): the document stays well-formed XML 1.0. For
         * error documents, whose text only describes the failure, so that a client can still read the error code.
         */
        PERCENT_ENCODED
    }

    private final XMLStreamWriter writer;
    private final Unrepresentable unrepresentable;

    private XmlOut(XMLStreamWriter writer, Unrepresentable unrepresentable) {
        this.writer = writer;
        this.unrepresentable = unrepresentable;
    }

    /**
     * A whole document: declaration, root element (in the S3 namespace when {@code namespaced}), what
     * {@code body} writes, end.
     */
    public static byte[] document(String root, boolean namespaced, Consumer<XmlOut> body) {
        return document(root, namespaced, Unrepresentable.CHARACTER_REFERENCE, body);
    }

    /** As {@link #document(String, boolean, Consumer)}, with the given policy for characters XML 1.0 cannot carry. */
    public static byte[] document(String root, boolean namespaced, Unrepresentable unrepresentable,
            Consumer<XmlOut> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(root);
            if (namespaced) {
                w.writeDefaultNamespace(S3_NAMESPACE);
            }
            body.accept(new XmlOut(w, unrepresentable));
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
            text(value.toString());
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

    /**
     * An attribute on the element just opened. StAX cannot write a character reference in an attribute, and a raw
     * TAB, LF or CR there is normalised to a space by every parser, so a value holding one of those, or a character
     * XML 1.0 cannot carry, is refused; attributes only carry fixed names ({@code xsi:type}).
     */
    public XmlOut attribute(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0xFFFE || c == 0xFFFF || Character.isSurrogate(c)) {
                throw new IllegalArgumentException("attribute " + name + " holds U+"
                        + String.format("%04X", (int) c) + ", which an XML attribute cannot carry exactly");
            }
        }
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

    /**
     * Text inside the element now open (for a document whose root holds only text, e.g. GetBucketLocation's
     * {@code <LocationConstraint>eu-west-1</LocationConstraint>}); nothing when value is null.
     */
    public XmlOut characters(String value) {
        if (value == null) {
            return this;
        }
        try {
            text(value);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Writes {@code value} as element text; see the class comment. */
    private void text(String value) throws XMLStreamException {
        int plainFrom = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean special = c < 0x20 && c != '\t' || c == 0xFFFE || c == 0xFFFF || Character.isSurrogate(c);
            if (!special) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            if (plainFrom < i) {
                writer.writeCharacters(value.substring(plainFrom, i));
            }
            plainFrom = i + 1;
            if (c == '\r' || c == '\n') {
                writer.writeEntityRef("#" + (int) c);
            } else if (Character.isSurrogate(c)) {
                writer.writeCharacters("\uFFFD");
            } else if (unrepresentable == Unrepresentable.CHARACTER_REFERENCE) {
                writer.writeEntityRef("#x" + Integer.toHexString(c).toUpperCase(Locale.ROOT));
            } else {
                writer.writeCharacters(percentEncoded(c));
            }
        }
        if (plainFrom < value.length()) {
            writer.writeCharacters(plainFrom == 0 ? value : value.substring(plainFrom));
        }
    }

    /** {@code c}'s UTF-8 bytes as {@code %XX} (upper-case hex, as S3's {@code encoding-type=url} writes them). */
    private static String percentEncoded(char c) {
        StringBuilder out = new StringBuilder(9);
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
