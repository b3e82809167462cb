package io.trustgate.s3.xml;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XmlInTest {

    @Test
    void parsesNamespacedDocuments() throws Exception {
        XmlIn.Element root = XmlIn.parse(("<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Object><Key>a&amp;b</Key></Object><Object><Key> c </Key></Object><Quiet>true</Quiet></Delete>")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(root.name()).isEqualTo("Delete");
        assertThat(root.children("Object")).extracting(o -> o.childText("Key")).containsExactly("a&b", "c");
        assertThat(root.childText("Quiet")).isEqualTo("true");
    }

    @Test
    void refusesExternalEntitiesAndDoctypes() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Delete><Object><Key>&x;</Key></Object></Delete>";
        assertThatThrownBy(() -> XmlIn.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(XmlIn.MalformedXmlException.class);
    }

    @Test
    void refusesMalformedXml() {
        assertThatThrownBy(() -> XmlIn.parse("<Delete><Object>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(XmlIn.MalformedXmlException.class);
        assertThatThrownBy(() -> XmlIn.parse(new byte[0])).isInstanceOf(XmlIn.MalformedXmlException.class);
    }

    @Test
    void writerEscapesValuesAndFormatsTimestamps() {
        String xml = new String(XmlOut.document("R", true, x -> x.element("Key", "<a&b>")
                .element("T", java.time.Instant.parse("2026-01-02T03:04:05Z"))), StandardCharsets.UTF_8);
        assertThat(xml).contains("<R xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .contains("<Key>&lt;a&amp;b&gt;</Key>").contains("<T>2026-01-02T03:04:05.000Z</T>");
    }
}
