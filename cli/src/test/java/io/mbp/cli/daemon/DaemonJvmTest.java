package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The daemon's JVM options are the same whether an operator starts it (scripts/mbp) or a command does (ADR 0158). */
class DaemonJvmTest {
    @Test
    void scriptsMbpGivesTheDaemonTheSameJvmOptions() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../scripts/mbp"));
        List<Integer> starts = java.util.stream.IntStream.range(0, lines.size())
                .filter(i -> lines.get(i).trim().startsWith("\"daemon \"*)")).boxed().toList();
        assertEquals(1, starts.size(), "scripts/mbp has one case for `mbp daemon`: " + starts);
        StringBuilder daemonCase = new StringBuilder();
        for (int i = starts.get(0); !daemonCase.toString().contains(";;"); i++) {
            daemonCase.append(lines.get(i)).append('\n');
        }
        List<String> given = Arrays.stream(daemonCase.toString().split("[\\s\"]+")).filter(w -> w.startsWith("-X")).toList();
        assertEquals(DaemonJvm.OPTIONS, given, "scripts/mbp's options for the daemon are DaemonJvm.OPTIONS");
    }

    @Test
    void aCommandsDaemonGetsTheOptionsThenItsOwnExtrasThenItsArguments() {
        List<String> cmd = DaemonJvm.command(List.of("-XX:MaxTenuringThreshold=15"), "--port", "0");
        int options = cmd.indexOf(DaemonJvm.OPTIONS.get(0));
        int extra = cmd.indexOf("-XX:MaxTenuringThreshold=15");
        int main = cmd.indexOf("io.mbp.cli.Main");
        assertTrue(options > 0 && extra > options && main > extra, "the JVM takes the last of a repeated option, so extras override: " + cmd);
        assertEquals(List.of("daemon", "--port", "0"), cmd.subList(main + 1, cmd.size()));
        assertTrue(cmd.contains("--enable-native-access=ALL-UNNAMED"), "SQLite's native library: " + cmd);
    }
}
