package io.mbp.canary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.error.BadInputException;
import io.mbp.release.EngineParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a canary rolls out of a release's engine parameter set ({@code params.json}, the format
 * {@code mbp release cut} writes, docs/releases.md#paramsjson): the market fee the engine applies per
 * market, and the halt bands and oracle staleness and divergence band recorded with it in
 * {@code CanaryStarted}. Parsing is {@link EngineParams#parse}, the format's one reader. The file
 * carries no version: a release folder's {@code manifest.json} or {@code --version} names it.
 * {@code sha256} is the digest of the file's bytes, the one the release manifest lists, so the
 * parameters a canary ran can be matched to the release that shipped them.
 */
public record ReleaseParams(String version, long feeBps, long haltWarnBps, long haltSoftBps, long haltHardBps,
                            long oracleStalenessSeconds, long oracleDivergenceBps, String sha256) {
    public static final String FORMAT = EngineParams.FORMAT;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads and checks {@code file}; every refusal names the file and the field (exit 4). */
    public static ReleaseParams read(Path file) {
        return of(file.toString(), EngineParams.bytes(file));
    }

    /** The canary's view of the params.json bytes named {@code file} in messages (version unset). */
    public static ReleaseParams of(String file, byte[] bytes) {
        EngineParams.Values v = EngineParams.parse(file, bytes);
        return new ReleaseParams(null, v.feeBps(), v.halt().warnBps(), v.halt().softBps(), v.halt().hardBps(), v.stalenessSeconds(),
                v.oracle().bandBps(), sha256(bytes));
    }

    /**
     * A release folder ({@code mbp release cut --out DIR}): {@code DIR/params.json} under the version
     * {@code DIR/manifest.json} names. The manifest must be there and list params.json with the same
     * SHA-256 (its signature is checked by the command, with the operator's public key).
     */
    public static ReleaseParams readRelease(Path dir) {
        ReleaseParams p = read(dir.resolve("params.json"));
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            throw new BadInputException(manifest + ": no such file; a release folder (mbp release cut) has one, else give --params FILE"
                    + " --version V");
        }
        JsonNode m;
        try {
            m = JSON.readTree(Files.readString(manifest, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException(manifest + ": not a readable JSON manifest: " + e.getMessage());
        }
        JsonNode version = m.get("version");
        if (version == null || !version.isTextual() || version.asText().isBlank()) {
            throw new BadInputException(manifest + ": field version: missing or not a non-empty string");
        }
        String listed = m.path("params").path("sha256").asText();
        if (!listed.equals(p.sha256())) {
            throw new BadInputException(manifest + ": field params.sha256: " + (listed.isEmpty() ? "missing" : listed)
                    + ", but params.json's SHA-256 is " + p.sha256());
        }
        return p.withVersion(version.asText());
    }

    /** The same parameters under {@code v} (the version the manifest or the operator names). */
    public ReleaseParams withVersion(String v) {
        return new ReleaseParams(v, feeBps, haltWarnBps, haltSoftBps, haltHardBps, oracleStalenessSeconds, oracleDivergenceBps, sha256);
    }

    /** The halt bands and oracle parameters a canary applies to each of its markets (ADR 0322). */
    public io.mbp.market.ParamBands bands() {
        return new io.mbp.market.ParamBands(haltWarnBps, haltSoftBps, haltHardBps, oracleStalenessSeconds, oracleDivergenceBps);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
