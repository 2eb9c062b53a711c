package io.mbp.statement;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * The camt.053 schemas we read against (ADR 0508), and validation fed from the StAX events the
 * reader already streams: the file is read once, validated and parsed in the same pass, within
 * the input limits of ADR 0507.
 */
final class CamtSchema {
    static final String V02 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02";
    static final String V08 = StatementFormat.CAMT_NS;
    private static final Map<String, String> FILES = Map.of(V02, "camt.053.001.02.xsd", V08, "camt.053.001.08.xsd");
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private CamtSchema() {
    }

    static boolean known(String namespace) {
        return FILES.containsKey(namespace);
    }

    /** The schema for a camt.053 namespace (.02 or .08), compiled once. */
    static Schema schema(String namespace) {
        return SCHEMAS.computeIfAbsent(namespace, ns -> {
            String file = FILES.get(ns);
            try (InputStream in = CamtSchema.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("schema " + file + " is not on the class path");
                }
                SchemaFactory f = SchemaFactory.newDefaultInstance();
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                return f.newSchema(new StreamSource(in, file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SAXException e) {
                throw new IllegalStateException("schema " + file + " does not compile: " + e.getMessage(), e);
            }
        });
    }

    /** A schema violation: the line, and the validator's message without namespace noise. */
    static final class Violation extends RuntimeException {
        final long line;

        Violation(long line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    /** Feeds one document's StAX events to a {@link ValidatorHandler}; the first error is thrown as a {@link Violation}. */
    static final class Feed {
        private final ValidatorHandler v;
        private final XMLStreamReader r;
        private final AttributesImpl attrs = new AttributesImpl();

        Feed(String namespace, XMLStreamReader r) {
            this.r = r;
            this.v = schema(namespace).newValidatorHandler();
            v.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    throw new Violation(r.getLocation().getLineNumber(), clean(e.getMessage()));
                }

                @Override
                public void fatalError(SAXParseException e) {
                    error(e);
                }
            });
            v.setDocumentLocator(new Locator() {
                @Override
                public String getPublicId() {
                    return null;
                }

                @Override
                public String getSystemId() {
                    return null;
                }

                @Override
                public int getLineNumber() {
                    return r.getLocation().getLineNumber();
                }

                @Override
                public int getColumnNumber() {
                    return r.getLocation().getColumnNumber();
                }
            });
            sax(() -> v.startDocument());
        }

        void start() {
            sax(() -> {
                for (int i = 0; i < r.getNamespaceCount(); i++) {
                    String p = r.getNamespacePrefix(i);
                    v.startPrefixMapping(p == null ? "" : p, r.getNamespaceURI(i));
                }
                attrs.clear();
                for (int i = 0; i < r.getAttributeCount(); i++) {
                    String ns = r.getAttributeNamespace(i);
                    String local = r.getAttributeLocalName(i);
                    attrs.addAttribute(ns == null ? "" : ns, local, local, "CDATA", r.getAttributeValue(i));
                }
                String ns = r.getNamespaceURI();
                v.startElement(ns == null ? "" : ns, r.getLocalName(), r.getLocalName(), attrs);
            });
        }

        void text() {
            sax(() -> v.characters(r.getTextCharacters(), r.getTextStart(), r.getTextLength()));
        }

        void end() {
            sax(() -> {
                String ns = r.getNamespaceURI();
                v.endElement(ns == null ? "" : ns, r.getLocalName(), r.getLocalName());
                for (int i = 0; i < r.getNamespaceCount(); i++) {
                    String p = r.getNamespacePrefix(i);
                    v.endPrefixMapping(p == null ? "" : p);
                }
            });
        }

        void finish() {
            sax(v::endDocument);
        }

        private interface SaxCall {
            void run() throws SAXException;
        }

        private void sax(SaxCall c) {
            try {
                c.run();
            } catch (SAXException e) {
                throw new Violation(r.getLocation().getLineNumber(), clean(e.getMessage()));
            }
        }
    }

    /** Xerces names elements with their namespace in braces; the file has one namespace, so drop it. */
    static String clean(String message) {
        String m = message == null ? "invalid" : message.replaceAll("\"urn:iso:std:iso:20022:tech:xsd:camt\\.053\\.001\\.0[28]\":", "");
        m = m.replaceAll("'\\{(\\w+)}'", "'$1'").replaceAll("^cvc-[a-zA-Z0-9.-]+: ", "");
        return m.replaceAll("\\s+", " ").trim();
    }
}
