package io.mbp.screening;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The OFAC SDN legacy CSV set (Treasury's dat_spec.txt): {@code sdn.csv} (ent_num, SDN_Name, SDN_Type,
 * Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks), {@code alt.csv}
 * (ent_num, alt_num, alt_type, alt_name, alt_remarks) and {@code add.csv} (ent_num, add_num, address,
 * city/state/postal code, country, add_remarks), no header rows, "-0-" for null, a trailing
 * control-Z line tolerated. Birth dates, nationalities and document numbers come out of Remarks
 * ("DOB 12 Jan 1960; nationality Iran; Passport A123 (Iran)").
 */
public final class OfacCsvParser {
    private static final Pattern DOB = Pattern.compile("^(?:alt\\. )?DOB (.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern NATIONALITY = Pattern.compile("^(?:alt\\. )?(?:nationality|citizen) (.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOCUMENT = Pattern.compile(
            "^(?:alt\\. )?(?:Passport|National ID No\\.|Cedula No\\.|Tax ID No\\.|C\\.U\\.R\\.P\\.|RFC|NIT #|D\\.N\\.I\\.|Identification Number|CPF|SSN)\\s+([A-Za-z0-9./-]+)",
            Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

    private OfacCsvParser() {
    }

    /** Reads the three files of {@code dir}; any problem exits 4 naming the file and line. */
    public static ParsedList parse(Path dir, InputLimits limits) {
        Map<String, Builder> byNum = new LinkedHashMap<>();
        StringBuilder hashes = new StringBuilder();
        hashes.append("sdn.csv:").append(read(dir, "sdn.csv", 12, limits, (line, r) -> {
            String num = entNum(r, line, "sdn.csv");
            if (byNum.containsKey(num)) {
                throw new BadInputException("sdn.csv: line " + line + ": ent_num " + num + " appears twice; nothing was written");
            }
            String name = value(r.get(1));
            if (name == null) {
                throw new BadInputException("sdn.csv: line " + line + ": ent_num " + num + " has no SDN_Name; nothing was written");
            }
            Builder b = new Builder(num, type(value(r.get(2))), name);
            remarks(b, value(r.get(11)));
            byNum.put(num, b);
        })).append('\n');
        hashes.append("alt.csv:").append(read(dir, "alt.csv", 5, limits, (line, r) ->
                owner(byNum, entNum(r, line, "alt.csv"), "alt.csv", line).aliases.add(required(r.get(3), "alt_name", "alt.csv", line))))
                .append('\n');
        hashes.append("add.csv:").append(read(dir, "add.csv", 6, limits, (line, r) -> {
            Builder b = owner(byNum, entNum(r, line, "add.csv"), "add.csv", line);
            Countries.code(value(r.get(4))).ifPresent(b.countries::add);
        })).append('\n');
        List<ListEntity> out = new ArrayList<>(byNum.size());
        byNum.values().forEach(b -> out.add(b.build()));
        return new ParsedList(ListFormat.OFAC_CSV, String.valueOf(dir.toAbsolutePath().normalize().getFileName()), Hashing.sha256Hex(hashes.toString()), out);
    }

    private interface RowSink {
        void accept(long line, CSVRecord row);
    }

    private static String read(Path dir, String file, int fields, InputLimits limits, RowSink sink) {
        Path p = dir.resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new BadInputException(dir + ": the OFAC set needs " + file + " (sdn.csv, alt.csv and add.csv in one folder)");
        }
        try (Hashing h = new Hashing(p, file, limits);
             CSVParser parser = CSVParser.builder().setReader(h.reader()).setFormat(CSVFormat.DEFAULT).get()) {
            Iterator<CSVRecord> it = parser.iterator();
            long rows = 0;
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
                    Throwable c = e instanceof UncheckedIOException u ? u.getCause() : e;
                    if (c instanceof BadInputException b) {
                        throw b;
                    }
                    throw new BadInputException(file + ": line " + line + ": not readable as CSV: "
                            + String.valueOf(c.getMessage()).replaceAll("\\s+", " ") + "; nothing was written");
                }
                if (r.size() == 1 && (r.get(0).isBlank() || r.get(0).strip().equals("\u001a"))) {
                    continue; // blank line, or the control-Z end marker Treasury's files carry
                }
                if (r.size() != fields) {
                    throw new BadInputException(file + ": line " + line + ": " + r.size() + " fields, expected " + fields
                            + "; nothing was written");
                }
                for (int i = 0; i < r.size(); i++) {
                    if (r.get(i).length() > limits.maxFieldChars()) {
                        throw new BadInputException(file + ": line " + line + ": field " + (i + 1) + " is over the limit of "
                                + limits.maxFieldChars() + " characters (ADR 0507); nothing was written");
                    }
                }
                if (++rows > limits.maxLines()) {
                    throw new BadInputException(file + ": line " + line + ": more than the limit of " + limits.maxLines()
                            + " rows for one input file (ADR 0507); nothing was written");
                }
                sink.accept(line, r);
            }
            return h.hex();
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String entNum(CSVRecord r, long line, String file) {
        String num = r.get(0).strip();
        if (!num.matches("[0-9]{1,12}")) {
            throw new BadInputException(file + ": line " + line + ": ent_num must be a number, not \"" + abbreviate(num)
                    + "\"; nothing was written");
        }
        return num;
    }

    private static Builder owner(Map<String, Builder> byNum, String num, String file, long line) {
        Builder b = byNum.get(num);
        if (b == null) {
            throw new BadInputException(file + ": line " + line + ": ent_num " + num + " is not in sdn.csv; nothing was written");
        }
        return b;
    }

    private static String required(String raw, String field, String file, long line) {
        String v = value(raw);
        if (v == null) {
            throw new BadInputException(file + ": line " + line + ": " + field + " is empty; nothing was written");
        }
        return v;
    }

    /** Null for OFAC's "-0-" and for blanks. */
    private static String value(String raw) {
        String v = raw == null ? "" : raw.strip();
        return v.isEmpty() || v.equals("-0-") ? null : v;
    }

    private static EntityType type(String sdnType) {
        if (sdnType == null) {
            return EntityType.ORGANIZATION;
        }
        return switch (sdnType.toLowerCase(Locale.ROOT)) {
            case "individual" -> EntityType.PERSON;
            case "vessel" -> EntityType.VESSEL;
            case "aircraft" -> EntityType.AIRCRAFT;
            default -> EntityType.OTHER;
        };
    }

    private static void remarks(Builder b, String remarks) {
        if (remarks == null) {
            return;
        }
        for (String part : remarks.split(";")) {
            String p = part.strip().replaceAll("\\.$", "");
            Matcher m = DOB.matcher(p);
            if (m.matches()) {
                date(m.group(1)).ifPresent(b.birthDates::add);
                continue;
            }
            m = NATIONALITY.matcher(p);
            if (m.matches()) {
                Countries.code(m.group(1)).ifPresent(b.countries::add);
                continue;
            }
            m = DOCUMENT.matcher(p);
            if (m.find()) {
                b.documents.add(m.group(1));
            }
        }
    }

    /** "12 Jan 1960" -> 1960-01-12; "circa 1960", "1960", "1960 to 1962" -> 1960. */
    static java.util.Optional<String> date(String text) {
        String t = text.strip();
        try {
            return java.util.Optional.of(LocalDate.parse(t, DAY).toString());
        } catch (DateTimeParseException e) {
            Matcher y = Pattern.compile("(1[89][0-9]{2}|20[0-9]{2})").matcher(t);
            return y.find() ? java.util.Optional.of(y.group(1)) : java.util.Optional.empty();
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }

    private static final class Builder {
        final String num;
        final EntityType type;
        final String name;
        final List<String> aliases = new ArrayList<>();
        final List<String> birthDates = new ArrayList<>();
        final List<String> countries = new ArrayList<>();
        final List<String> documents = new ArrayList<>();

        Builder(String num, EntityType type, String name) {
            this.num = num;
            this.type = type;
            this.name = name;
        }

        ListEntity build() {
            return new ListEntity(num, type, name, aliases, birthDates, countries, documents, List.of("sanction"));
        }
    }
}
