package io.mbp.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.market.HaltPolicy;
import io.mbp.market.MarketDefaults;
import io.mbp.oracle.OracleParams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The writer and the one reader of params.json agree: what release cut writes reads back as the same parameters. */
class EngineParamsTest {
    @Test
    void theReaderGivesBackWhatTheWriterWrote() {
        EngineParams.Values v = EngineParams.parse("params.json", EngineParams.current());
        assertEquals(MarketDefaults.FEE_BPS, v.feeBps());
        assertEquals(HaltPolicy.DEFAULT, v.halt());
        assertEquals(OracleParams.DEFAULTS, v.oracle());
        assertEquals(OracleParams.DEFAULT_STALENESS_SECONDS, v.stalenessSeconds());
        assertEquals(OracleParams.DEFAULT_DISPUTE_WINDOW_SECONDS, v.disputeWindowSeconds());

        HaltPolicy halt = new HaltPolicy(Duration.ofMinutes(10), 900, 1_900, 2_900, 400, Duration.ofSeconds(120), 2);
        OracleParams o = OracleParams.DEFAULTS.withQuorumSources(4).withHysteresis(2, 6);
        byte[] bytes = EngineParams.of(175, halt, o);
        EngineParams.Values w = EngineParams.parse("params.json", bytes);
        assertEquals(new EngineParams.Values(175, halt, o, OracleParams.DEFAULT_STALENESS_SECONDS,
                OracleParams.DEFAULT_DISPUTE_WINDOW_SECONDS), w);
        assertArrayEquals(bytes, EngineParams.of(w.feeBps(), w.halt(), w.oracle()), "one line of RFC 8785 JSON, the same bytes again");
        assertEquals(1, new String(bytes, StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void theReleasesPageShowsThisBuildsSet() throws Exception {
        String line = new String(EngineParams.current(), StandardCharsets.UTF_8).strip();
        assertTrue(Files.readString(Path.of("../docs/releases.md")).contains("\n" + line + "\n"), "docs/releases.md#paramsjson shows " + line);
    }
}
