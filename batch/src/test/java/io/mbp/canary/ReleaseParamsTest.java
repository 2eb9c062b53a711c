package io.mbp.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.market.HaltPolicy;
import io.mbp.oracle.OracleParams;
import io.mbp.release.EngineParams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The canary reads params.json in the one format `mbp release cut` writes (EngineParams). */
class ReleaseParamsTest {
    @TempDir
    Path tmp;

    /** Exactly the bytes release cut writes, with a fee that is not the default. */
    static final String GOOD = new String(EngineParams.of(150, HaltPolicy.DEFAULT, OracleParams.DEFAULTS), StandardCharsets.UTF_8);

    private Path write(String text) throws Exception {
        Path f = tmp.resolve("params.json");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsWhatReleaseCutWritesAndTheFilesDigest() throws Exception {
        ReleaseParams p = ReleaseParams.read(write(GOOD));
        assertNull(p.version(), "params.json names no version; the manifest or --version does");
        assertEquals(150, p.feeBps());
        assertEquals(HaltPolicy.DEFAULT.warnBps(), p.haltWarnBps());
        assertEquals(HaltPolicy.DEFAULT.hardBps(), p.haltHardBps());
        assertEquals(OracleParams.DEFAULT_STALENESS_SECONDS, p.oracleStalenessSeconds());
        assertEquals(OracleParams.DEFAULTS.bandBps(), p.oracleDivergenceBps());
        assertEquals(ReleaseParams.sha256(GOOD.getBytes(StandardCharsets.UTF_8)), p.sha256());
        assertEquals(200, ReleaseParams.read(write(new String(EngineParams.current(), StandardCharsets.UTF_8))).feeBps());
    }

    @Test
    void refusalsNameTheFileAndTheField() throws Exception {
        assertRefused(GOOD.replace("\"fee_bps\":150", "\"fee_bps\":1.5"), "field market.fee_bps");
        assertRefused(GOOD.replace("\"fee_bps\":150", "\"fee_bps\":10000"), "field market.fee_bps");
        assertRefused(GOOD.replace("\"fee_bps\":150,", ""), "field market.fee_bps: missing");
        assertRefused(GOOD.replace("\"soft_bps\":2000", "\"soft_bps\":500"), "warn_bps < soft_bps < hard_bps");
        assertRefused(GOOD.replace("\"band_bps\"", "\"bnad_bps\""), "field oracle.bnad_bps: unknown");
        assertRefused(GOOD.replace("\"up_bps\":50", "\"up_bps\":-1"), "field oracle.reputation.up_bps");
        assertRefused(GOOD.replace("mbp-params/1", "mbp-params/2"), "field format");
        // the flat layout the canary once read is not this format
        assertRefused("{\"format\":\"mbp-params/1\",\"fee_bps\":210,\"halt\":{\"warn_bps\":1000,\"soft_bps\":2000,\"hard_bps\":3000}}",
                "field fee_bps: unknown");
        assertRefused("[1]", "must be a JSON object");
        assertRefused("{", "not JSON");
        BadInputException e = assertThrows(BadInputException.class, () -> ReleaseParams.read(tmp.resolve("none.json")));
        assertTrue(e.getMessage().contains("none.json: no such file"), e.getMessage());
    }

    @Test
    void aReleaseFolderNamesTheVersionAndListsTheseBytes() throws Exception {
        Path rel = Files.createDirectories(tmp.resolve("rel"));
        Files.writeString(rel.resolve("params.json"), GOOD);
        String sha = ReleaseParams.sha256(GOOD.getBytes(StandardCharsets.UTF_8));
        Files.writeString(rel.resolve("manifest.json"), "{\"version\":\"1.5.0\",\"params\":{\"path\":\"params.json\",\"sha256\":\"" + sha
                + "\"}}");
        ReleaseParams p = ReleaseParams.readRelease(rel);
        assertEquals("1.5.0", p.version());
        assertEquals(150, p.feeBps());

        Files.writeString(rel.resolve("manifest.json"), "{\"version\":\"1.5.0\",\"params\":{\"sha256\":\"" + "00".repeat(32) + "\"}}");
        BadInputException e = assertThrows(BadInputException.class, () -> ReleaseParams.readRelease(rel));
        assertTrue(e.getMessage().contains("manifest.json: field params.sha256") && e.getMessage().contains(sha), e.getMessage());
        Files.writeString(rel.resolve("manifest.json"), "{\"params\":{\"sha256\":\"" + sha + "\"}}");
        e = assertThrows(BadInputException.class, () -> ReleaseParams.readRelease(rel));
        assertTrue(e.getMessage().contains("manifest.json: field version"), e.getMessage());
        Files.delete(rel.resolve("manifest.json"));
        e = assertThrows(BadInputException.class, () -> ReleaseParams.readRelease(rel));
        assertTrue(e.getMessage().contains("manifest.json: no such file"), e.getMessage());
    }

    private void assertRefused(String text, String fragment) throws Exception {
        Path f = write(text);
        BadInputException e = assertThrows(BadInputException.class, () -> ReleaseParams.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains(fragment), e.getMessage());
        assertEquals(4, e.exitCode());
    }
}
