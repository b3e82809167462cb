/**
 * S3 XML in and out with the JDK's StAX API: {@link io.trustgate.s3.xml.XmlOut} writes response documents,
 * {@link io.trustgate.s3.xml.XmlIn} parses small request documents with external entities disabled. Public for the
 * operation and error packages; no Netty, no SPI types.
 */
package io.trustgate.s3.xml;
