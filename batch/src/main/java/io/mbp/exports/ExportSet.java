package io.mbp.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.error.BadInputException;
import io.mbp.events.CanonicalJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of a day's public exports (ADR 0605): each table as JSON and CSV, {@code SHA256SUMS} in
 * sha256sum's format, and {@code manifest.json} (canonical JSON: format, date, each file's name,
 * SHA-256 and size) that the operator key signs as a DSSE envelope, {@code manifest.dsse.json}. Files are
 * written to a staging folder and moved into place, the envelope last, so a reader never finds a
 * signature over files that are not all there.
 */
public final class ExportSet {
    public static final String FORMAT = "mbp-public-exports/1";
    public static final String PAYLOAD_TYPE = "application/vnd.mbp.public-exports+json";
    public static final String MANIFEST = "manifest.json";
    public static final String ENVELOPE = "manifest.dsse.json";
    public static final String SUMS = "SHA256SUMS";

    public record FileHash(String name, String sha256, long bytes) {
        public String line() {
            return sha256 + " " + name;
        }
    }

    /** What was written, before the envelope: the files and the manifest's bytes to sign. */
    public record Written(Path dir, List<FileHash> files, byte[] manifest) {
        public String manifestSha256() {
            return Hashes.sha256Hex(manifest);
        }
    }

    private ExportSet() {
    }

    /** Writes the tables, sums and manifest of {@code date} into {@code dir}; the caller signs {@link Written#manifest()}. */
    public static Written write(Path dir, String date, List<Table> tables) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Table t : tables) {
            files.put(t.name() + ".json", t.json(date).getBytes(StandardCharsets.UTF_8));
            files.put(t.name() + ".csv", t.csv().getBytes(StandardCharsets.UTF_8));
        }
        List<FileHash> hashes = new ArrayList<>();
        StringBuilder sums = new StringBuilder();
        files.forEach((name, bytes) -> {
            FileHash h = new FileHash(name, Hashes.sha256Hex(bytes), bytes.length);
            hashes.add(h);
            sums.append(h.sha256()).append("  ").append(name).append('\n');
        });
        files.put(SUMS, sums.toString().getBytes(StandardCharsets.UTF_8));
        ObjectNode m = CanonicalJson.MAPPER.createObjectNode();
        m.put("format", FORMAT);
        m.put("date", date);
        ArrayNode list = m.putArray("files");
        for (FileHash h : hashes) {
            list.addObject().put("name", h.name()).put("sha256", h.sha256()).put("bytes", h.bytes());
        }
        byte[] manifest = (CanonicalJson.canonicalize((JsonNode) m) + "\n").getBytes(StandardCharsets.UTF_8);
        files.put(MANIFEST, manifest);
        place(dir, files);
        return new Written(dir, hashes, manifest);
    }

    /** Writes {@code files} through a staging folder beside them; an old envelope is removed first, a new one is placed last. */
    public static void place(Path dir, Map<String, byte[]> files) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(ENVELOPE));
            Path staging = Files.createTempDirectory(dir, ".staging-");
            try {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    Files.write(staging.resolve(f.getKey()), f.getValue());
                }
                for (String name : files.keySet()) {
                    Files.move(staging.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            } finally {
                try (Stream<Path> left = Files.list(staging)) {
                    for (Path p : left.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the public exports into " + dir + " failed", e);
        }
    }

    /**
     * Checks every file the (already signature-checked) {@code manifest} lists against its SHA-256 and size,
     * and that the manifest's bytes are those of {@code dir/manifest.json}. Returns the problems, none when
     * the set is intact.
     */
    public static List<String> check(Path dir, byte[] manifest) {
        List<String> problems = new ArrayList<>();
        JsonNode m;
        try {
            m = CanonicalJson.readTree(manifest);
        } catch (IOException e) {
            throw new BadInputException(dir.resolve(ENVELOPE) + ": the signed payload is not JSON");
        }
        if (!FORMAT.equals(m.path("format").asText())) {
            throw new BadInputException(dir.resolve(ENVELOPE) + ": format: expected " + FORMAT + ", got \"" + m.path("format").asText() + "\"");
        }
        try {
            Path file = dir.resolve(MANIFEST);
            if (!Files.isRegularFile(file) || !java.util.Arrays.equals(Files.readAllBytes(file), manifest)) {
                problems.add(MANIFEST + ": not the manifest the envelope signs");
            }
            for (JsonNode f : m.path("files")) {
                String name = f.path("name").asText();
                Path p = dir.resolve(name).normalize();
                if (!p.getParent().equals(dir.normalize()) || name.startsWith(".")) {
                    problems.add(name + ": not a plain file name of the set");
                    continue;
                }
                if (!Files.isRegularFile(p)) {
                    problems.add(name + ": missing");
                    continue;
                }
                byte[] b = Files.readAllBytes(p);
                if (!Hashes.sha256Hex(b).equals(f.path("sha256").asText()) || b.length != f.path("bytes").asLong()) {
                    problems.add(name + ": SHA-256 does not match the signed manifest");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + dir + " failed", e);
        }
        problems.sort(Comparator.naturalOrder());
        return problems;
    }
}
