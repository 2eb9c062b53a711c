package io.mbp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * `bench verify-anchor` times child JVMs: they start with the start-up cache its own JVM was given by
 * scripts/mbp (docs/adr/0146) and the options the JVM checks that cache against, so the figure is what
 * `scripts/mbp verify-anchor` gives; nothing else of this JVM's (its heap size, JIT, logging) is passed on.
 */
class BenchVerifyAnchorStartupTest {
    @Test
    void passesOnTheAotCacheWithTheOptionsItWasMadeWith() {
        List<String> own = List.of("--enable-native-access=ALL-UNNAMED", "-XX:AOTCache=/x/cli/target/aot/mbp-0123.aot",
                "-Xlog:aot*=off", "-Xlog:cds*=off", "-Xmx1g", "-XX:TieredStopAtLevel=1", "-Xlog:gc");
        assertEquals(List.of("--enable-native-access=ALL-UNNAMED", "-XX:AOTCache=/x/cli/target/aot/mbp-0123.aot", "-Xlog:aot*=off",
                "-Xlog:cds*=off"), BenchVerifyAnchorCommand.startupCache(own));
    }

    @Test
    void passesOnAClassDataSharingArchiveToo() {
        assertEquals(List.of("-XX:SharedArchiveFile=a.jsa"),
                BenchVerifyAnchorCommand.startupCache(List.of("-XX:SharedArchiveFile=a.jsa", "-Xshare:auto")));
    }

    @Test
    void passesNothingWhenStartedWithoutACache() {
        assertEquals(List.of(), BenchVerifyAnchorCommand.startupCache(
                List.of("--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-Dfoo=bar")));
    }
}
