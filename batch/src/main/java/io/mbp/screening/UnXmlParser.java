package io.mbp.screening;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The UN Security Council consolidated list XML, read with StAX (no DTD, no external entities):
 * {@code INDIVIDUAL} (DATAID, FIRST_NAME..FOURTH_NAME, NAME_ORIGINAL_SCRIPT, NATIONALITY/VALUE,
 * INDIVIDUAL_ALIAS/ALIAS_NAME, INDIVIDUAL_DATE_OF_BIRTH/DATE|YEAR|FROM_YEAR, INDIVIDUAL_ADDRESS/COUNTRY,
 * INDIVIDUAL_DOCUMENT/NUMBER) and {@code ENTITY} (DATAID, FIRST_NAME, ENTITY_ALIAS/ALIAS_NAME,
 * ENTITY_ADDRESS/COUNTRY). Other elements are skipped. Errors name the line and element.
 */
public final class UnXmlParser {
    private static final Set<String> PARENTS = Set.of("INDIVIDUAL_ALIAS", "ENTITY_ALIAS", "INDIVIDUAL_DATE_OF_BIRTH",
            "INDIVIDUAL_ADDRESS", "ENTITY_ADDRESS", "INDIVIDUAL_DOCUMENT", "NATIONALITY");
    private static final Set<String> NAME_PARTS = Set.of("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME");

    private UnXmlParser() {
    }

    public static ParsedList parse(Path file, InputLimits limits) {
        String source = file.getFileName().toString();
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        List<ListEntity> out = new ArrayList<>();
        try (Hashing h = new Hashing(file, source, limits)) {
            XMLStreamReader x = f.createXMLStreamReader(h.reader());
            Entry e = null;
            String parent = null;
            while (x.hasNext()) {
                int ev = x.next();
                if (ev != XMLStreamConstants.START_ELEMENT) {
                    if (ev == XMLStreamConstants.END_ELEMENT && e != null && x.getLocalName().equals(e.element)) {
                        out.add(e.build(source, x.getLocation()));
                        if (out.size() > limits.maxLines()) {
                            throw new BadInputException(source + ": line " + x.getLocation().getLineNumber() + ": more than "
                                    + limits.maxLines() + " entries for one input file (ADR 0507); nothing was written");
                        }
                        e = null;
                    } else if (ev == XMLStreamConstants.END_ELEMENT && e != null && x.getLocalName().equals(parent)) {
                        parent = null;
                    }
                    continue;
                }
                String name = x.getLocalName();
                if (name.equals("INDIVIDUAL") || name.equals("ENTITY")) {
                    e = new Entry(name, x.getLocation().getLineNumber());
                    continue;
                }
                if (e == null) {
                    continue;
                }
                if (PARENTS.contains(name)) {
                    parent = name;
                    continue;
                }
                if (!isLeaf(name, parent)) {
                    continue;
                }
                Location at = x.getLocation();
                String text = text(x, source, limits);
                if (text.isEmpty()) {
                    continue;
                }
                e.take(parent, name, text, source, at);
            }
            if (e != null) {
                throw new BadInputException(source + ": line " + e.line + ": element " + e.element + " is not closed; nothing was written");
            }
            return new ParsedList(ListFormat.UN_XML, source, h.hex(), out);
        } catch (XMLStreamException ex) {
            Location l = ex.getLocation();
            String where = l == null ? "" : "line " + l.getLineNumber() + ", column " + l.getColumnNumber() + ": ";
            String why = String.valueOf(ex.getMessage()).replaceAll("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", "")
                    .replaceAll("\\s+", " ");
            throw new BadInputException(source + ": " + where + "not well-formed XML: " + why + "; nothing was written");
        }
    }

    private static boolean isLeaf(String name, String parent) {
        if (parent == null) {
            return NAME_PARTS.contains(name) || name.equals("DATAID") || name.equals("NAME_ORIGINAL_SCRIPT");
        }
        return switch (name) {
            case "ALIAS_NAME", "DATE", "YEAR", "FROM_YEAR", "COUNTRY", "NUMBER", "VALUE" -> true;
            default -> false;
        };
    }

    private static String text(XMLStreamReader x, String source, InputLimits limits) throws XMLStreamException {
        int line = x.getLocation().getLineNumber();
        String name = x.getLocalName();
        String t = x.getElementText().strip();
        if (t.length() > limits.maxFieldChars()) {
            throw new BadInputException(source + ": line " + line + ": element " + name + " is over the limit of "
                    + limits.maxFieldChars() + " characters (ADR 0507); nothing was written");
        }
        return t;
    }

    private static final class Entry {
        final String element;
        final int line;
        String dataId;
        final List<String> nameParts = new ArrayList<>();
        final List<String> aliases = new ArrayList<>();
        final List<String> dates = new ArrayList<>();
        final List<String> countries = new ArrayList<>();
        final List<String> documents = new ArrayList<>();

        Entry(String element, int line) {
            this.element = element;
            this.line = line;
        }

        void take(String parent, String name, String text, String source, Location at) {
            if (parent == null) {
                switch (name) {
                    case "DATAID" -> dataId = text;
                    case "NAME_ORIGINAL_SCRIPT" -> aliases.add(text);
                    default -> nameParts.add(text);
                }
                return;
            }
            switch (name) {
                case "ALIAS_NAME" -> aliases.add(text);
                case "DATE" -> {
                    if (!text.matches("\\d{4}(-\\d{2}(-\\d{2})?)?")) {
                        throw new BadInputException(source + ": line " + at.getLineNumber() + ": element " + parent
                                + "/DATE must be YYYY-MM-DD, not \"" + (text.length() > 20 ? text.substring(0, 20) : text)
                                + "\"; nothing was written");
                    }
                    dates.add(text);
                }
                case "YEAR", "FROM_YEAR" -> {
                    if (text.matches("\\d{4}")) {
                        dates.add(text);
                    }
                }
                case "COUNTRY", "VALUE" -> {
                    if (parent.equals("NATIONALITY") || name.equals("COUNTRY")) {
                        Countries.code(text).ifPresent(countries::add);
                    }
                }
                case "NUMBER" -> documents.add(text);
                default -> {
                }
            }
        }

        ListEntity build(String source, Location end) {
            if (dataId == null) {
                throw new BadInputException(source + ": line " + line + ": element " + element + " has no DATAID; nothing was written");
            }
            if (nameParts.isEmpty()) {
                throw new BadInputException(source + ": line " + line + ": element " + element + " (DATAID " + dataId
                        + ") has no FIRST_NAME; nothing was written");
            }
            EntityType type = element.equals("INDIVIDUAL") ? EntityType.PERSON : EntityType.ORGANIZATION;
            return new ListEntity(dataId, type, String.join(" ", nameParts), aliases, dates, countries, documents, List.of("sanction"));
        }
    }
}
