package io.mbp.screening;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * OpenSanctions FollowTheMoney entities, one JSON object a line ({@code id}, {@code schema},
 * {@code properties} of string arrays). Persons, organisations, companies, legal entities, vessels
 * and airplanes are kept (name, alias, weakAlias, previousName, birthDate, country, nationality,
 * citizenship, idNumber, passportNumber, taxNumber, registrationNumber, imoNumber, topics such as
 * role.pep); the other schemas an export carries (Sanction, Address, Ownership...) are skipped.
 */
public final class FtmParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, EntityType> SCHEMAS = Map.of("Person", EntityType.PERSON,
            "Organization", EntityType.ORGANIZATION, "Company", EntityType.ORGANIZATION, "LegalEntity", EntityType.ORGANIZATION,
            "PublicBody", EntityType.ORGANIZATION, "Vessel", EntityType.VESSEL, "Airplane", EntityType.AIRCRAFT);
    private static final List<String> ALIASES = List.of("alias", "weakAlias", "previousName");
    private static final List<String> COUNTRIES = List.of("country", "nationality", "citizenship", "jurisdiction");
    private static final List<String> DOCUMENTS = List.of("idNumber", "passportNumber", "taxNumber", "registrationNumber",
            "imoNumber", "innCode", "ogrnCode");

    private FtmParser() {
    }

    public static ParsedList parse(Path file, InputLimits limits) {
        String source = file.getFileName().toString();
        List<ListEntity> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (Hashing h = new Hashing(file, source, limits); BufferedReader in = new BufferedReader(h.reader())) {
            long line = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (line > limits.maxLines()) {
                    throw new BadInputException(source + ": line " + line + ": more than the limit of " + limits.maxLines()
                            + " lines for one input file (ADR 0507); nothing was written");
                }
                if (text.isBlank()) {
                    continue;
                }
                ListEntity e = entity(source, line, text, limits);
                if (e == null) {
                    continue;
                }
                if (!ids.add(e.entityId())) {
                    throw new BadInputException(source + ": line " + line + ": id " + e.entityId() + " appears twice; nothing was written");
                }
                out.add(e);
            }
            return new ParsedList(ListFormat.FTM, source, h.hex(), out);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + source + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new BadInputException("cannot read " + source + ": " + e.getCause().getMessage());
        }
    }

    private static ListEntity entity(String source, long line, String text, InputLimits limits) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": line " + line + ": not a JSON object: " + e.getOriginalMessage()
                    .replaceAll("\\s+", " ") + "; nothing was written");
        }
        if (n == null || !n.isObject()) {
            throw new BadInputException(source + ": line " + line + ": not a JSON object; nothing was written");
        }
        String schema = n.path("schema").asText("");
        if (schema.isEmpty()) {
            throw new BadInputException(source + ": line " + line + ": field schema is missing; nothing was written");
        }
        EntityType type = SCHEMAS.get(schema);
        if (type == null) {
            return null;
        }
        String id = n.path("id").asText("");
        if (id.isBlank()) {
            throw new BadInputException(source + ": line " + line + ": field id is missing; nothing was written");
        }
        JsonNode props = n.path("properties");
        if (!props.isObject()) {
            throw new BadInputException(source + ": line " + line + ": field properties must be an object; nothing was written");
        }
        List<String> names = strings(props, "name", source, line, limits);
        String caption = n.path("caption").asText("");
        if (names.isEmpty() && caption.isBlank()) {
            throw new BadInputException(source + ": line " + line + ": " + schema + " " + id + " has no properties.name; nothing was written");
        }
        String primary = caption.isBlank() ? names.get(0) : caption;
        List<String> aliases = new ArrayList<>(names);
        aliases.remove(primary);
        for (String p : ALIASES) {
            aliases.addAll(strings(props, p, source, line, limits));
        }
        List<String> dates = new ArrayList<>();
        for (String d : strings(props, "birthDate", source, line, limits)) {
            if (!d.matches("\\d{4}(-\\d{2}(-\\d{2})?)?")) {
                throw new BadInputException(source + ": line " + line + ": properties.birthDate must be YYYY[-MM[-DD]]; nothing was written");
            }
            dates.add(d);
        }
        List<String> countries = new ArrayList<>();
        for (String p : COUNTRIES) {
            for (String c : strings(props, p, source, line, limits)) {
                Countries.code(c).ifPresent(countries::add);
            }
        }
        List<String> documents = new ArrayList<>();
        for (String p : DOCUMENTS) {
            documents.addAll(strings(props, p, source, line, limits));
        }
        List<String> topics = strings(props, "topics", source, line, limits).stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        return new ListEntity(id, type, primary, aliases, dates, countries, documents, topics);
    }

    private static List<String> strings(JsonNode props, String name, String source, long line, InputLimits limits) {
        JsonNode v = props.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new BadInputException(source + ": line " + line + ": properties." + name + " must be an array of strings;"
                    + " nothing was written");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode s : v) {
            if (!s.isTextual()) {
                throw new BadInputException(source + ": line " + line + ": properties." + name + " must be an array of strings;"
                        + " nothing was written");
            }
            if (s.asText().length() > limits.maxFieldChars()) {
                throw new BadInputException(source + ": line " + line + ": properties." + name + " is over the limit of "
                        + limits.maxFieldChars() + " characters (ADR 0507); nothing was written");
            }
            out.add(s.asText());
        }
        return out;
    }
}
