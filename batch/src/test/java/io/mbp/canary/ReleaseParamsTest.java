package io.mbp.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseParamsTest {
    @TempDir
    Path tmp;

    static final String GOOD = """
            {"format":"mbp-params/1","version":"1.5.0","fee_bps":150,
             "halt":{"warn_bps":1000,"soft_bps":2000,"hard_bps":3000},
             "oracle":{"staleness_seconds":600,"divergence_bps":200}}""";

    private Path write(String text) throws Exception {
        Path f = tmp.resolve("params.json");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsEveryFieldAndTheFilesDigest() throws Exception {
        ReleaseParams p = ReleaseParams.read(write(GOOD));
        assertEquals("1.5.0", p.version());
        assertEquals(150, p.feeBps());
        assertEquals(3000, p.haltHardBps());
        assertEquals(600, p.oracleStalenessSeconds());
        assertEquals(ReleaseParams.sha256(GOOD.getBytes(java.nio.charset.StandardCharsets.UTF_8)), p.sha256());
        assertNull(ReleaseParams.read(write(GOOD.replace("\"version\":\"1.5.0\",", ""))).version());
    }

    @Test
    void refusalsNameTheFileAndTheField() throws Exception {
        assertRefused(GOOD.replace("\"fee_bps\":150", "\"fee_bps\":1.5"), "field fee_bps");
        assertRefused(GOOD.replace("\"fee_bps\":150", "\"fee_bps\":10000"), "field fee_bps");
        assertRefused(GOOD.replace("\"fee_bps\":150,", ""), "field fee_bps: missing");
        assertRefused(GOOD.replace("\"soft_bps\":2000", "\"soft_bps\":500"), "warn_bps < soft_bps < hard_bps");
        assertRefused(GOOD.replace("\"divergence_bps\"", "\"divergense_bps\""), "field oracle.divergense_bps: unknown");
        assertRefused(GOOD.replace("mbp-params/1", "mbp-params/2"), "field format");
        assertRefused("[1]", "must be a JSON object");
        assertRefused("{", "not JSON");
        BadInputException e = assertThrows(BadInputException.class, () -> ReleaseParams.read(tmp.resolve("none.json")));
        assertTrue(e.getMessage().contains("none.json: no such file"), e.getMessage());
    }

    private void assertRefused(String text, String fragment) throws Exception {
        Path f = write(text);
        BadInputException e = assertThrows(BadInputException.class, () -> ReleaseParams.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains(fragment), e.getMessage());
        assertEquals(4, e.exitCode());
    }
}
