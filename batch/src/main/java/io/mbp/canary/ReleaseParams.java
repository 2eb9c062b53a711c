package io.mbp.canary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.error.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;

/**
 * A release's engine parameter set, {@code params.json} (docs/releases.md#canary): the one reader of
 * that file. {@code version} may be absent (the release manifest or {@code --version} names it).
 * {@code sha256} is the digest of the file's bytes, recorded in {@code CanaryStarted} so the
 * parameters a canary ran can be matched to the release that shipped them.
 */
public record ReleaseParams(String version, long feeBps, long haltWarnBps, long haltSoftBps, long haltHardBps,
                            long oracleStalenessSeconds, long oracleDivergenceBps, String sha256) {
    public static final String FORMAT = "mbp-params/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BYTES = 64 * 1024;

    /** Reads and checks {@code file}; every refusal names the file and the field. */
    public static ReleaseParams read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new BadInputException(file + ": larger than " + MAX_BYTES + " bytes; a params.json is a few hundred");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file (a release's params.json, docs/releases.md#canary)");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException(file + ": not JSON: " + e.getOriginalMessage());
        }
        return parse(file.toString(), root, sha256(bytes));
    }

    /**
     * A release folder ({@code mbp release cut --out DIR}): {@code DIR/params.json}, under the version
     * {@code DIR/manifest.json} names (its top-level {@code version}) when the manifest is there.
     */
    public static ReleaseParams readRelease(Path dir) {
        ReleaseParams p = read(dir.resolve("params.json"));
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            return p;
        }
        JsonNode version;
        try {
            version = JSON.readTree(Files.readString(manifest, StandardCharsets.UTF_8)).get("version");
        } catch (IOException e) {
            throw new BadInputException(manifest + ": not a readable JSON manifest: " + e.getMessage());
        }
        if (version == null || !version.isTextual() || version.asText().isBlank()) {
            throw new BadInputException(manifest + ": field version: missing or not a non-empty string");
        }
        if (p.version() != null && !p.version().equals(version.asText())) {
            throw new BadInputException(dir + ": params.json says version " + p.version() + ", manifest.json says " + version.asText());
        }
        return p.withVersion(version.asText());
    }

    static ReleaseParams parse(String file, JsonNode root, String sha256) {
        if (root == null || !root.isObject()) {
            throw new BadInputException(file + ": must be a JSON object");
        }
        only(file, "", root, Set.of("format", "version", "fee_bps", "halt", "oracle"));
        JsonNode format = root.get("format");
        if (format != null && !FORMAT.equals(format.asText())) {
            throw new BadInputException(file + ": field format: must be \"" + FORMAT + "\", got " + format);
        }
        String version = null;
        if (root.has("version")) {
            if (!root.get("version").isTextual() || root.get("version").asText().isBlank()) {
                throw new BadInputException(file + ": field version: must be a non-empty string");
            }
            version = root.get("version").asText();
        }
        long fee = number(file, "fee_bps", root.get("fee_bps"), 0, 9_999);
        JsonNode halt = object(file, "halt", root.get("halt"));
        only(file, "halt.", halt, Set.of("warn_bps", "soft_bps", "hard_bps"));
        long warn = number(file, "halt.warn_bps", halt.get("warn_bps"), 1, 10_000);
        long soft = number(file, "halt.soft_bps", halt.get("soft_bps"), 1, 10_000);
        long hard = number(file, "halt.hard_bps", halt.get("hard_bps"), 1, 10_000);
        if (!(warn < soft && soft < hard)) {
            throw new BadInputException(file + ": field halt: needs warn_bps < soft_bps < hard_bps, got " + warn + ", " + soft + ", " + hard);
        }
        JsonNode oracle = object(file, "oracle", root.get("oracle"));
        only(file, "oracle.", oracle, Set.of("staleness_seconds", "divergence_bps"));
        long stale = number(file, "oracle.staleness_seconds", oracle.get("staleness_seconds"), 1, 86_400);
        long div = number(file, "oracle.divergence_bps", oracle.get("divergence_bps"), 0, 10_000);
        return new ReleaseParams(version, fee, warn, soft, hard, stale, div, sha256);
    }

    /** The same parameters under {@code v} (the version the manifest or the operator names). */
    public ReleaseParams withVersion(String v) {
        return new ReleaseParams(v, feeBps, haltWarnBps, haltSoftBps, haltHardBps, oracleStalenessSeconds, oracleDivergenceBps, sha256);
    }

    private static void only(String file, String prefix, JsonNode node, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new BadInputException(file + ": field " + prefix + f + ": unknown (known: " + new java.util.TreeSet<>(known) + ")");
            }
        }
    }

    private static JsonNode object(String file, String field, JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new BadInputException(file + ": field " + field + ": missing or not an object");
        }
        return n;
    }

    private static long number(String file, String field, JsonNode n, long min, long max) {
        if (n == null) {
            throw new BadInputException(file + ": field " + field + ": missing");
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
            throw new BadInputException(file + ": field " + field + ": must be an integer within " + min + ".." + max + ", got " + n);
        }
        return n.asLong();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
