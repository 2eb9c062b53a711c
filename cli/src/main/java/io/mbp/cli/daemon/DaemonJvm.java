package io.mbp.cli.daemon;

import java.util.ArrayList;
import java.util.List;

/** How a daemon's JVM is started: by {@code scripts/mbp} for an operator, and here for the commands that start one of their own. */
public final class DaemonJvm {
    /**
     * The collector options the daemon runs with (ADR 0158). G1 tenures what survives one young collection at
     * once: the daemon's long-lived state (answered fills, the replay guard) is then copied once, not at each
     * young pause until its default tenuring age. The heap starts at 1 GiB rather than the JVM's 1/64 of the
     * machine's memory: G1 sizes its young generation from the heap it has, and a heap left to grow from
     * ~380 MiB collected twice as often and ran a concurrent cycle every 3-4 s under load (ADR 0158's
     * amendment). {@code scripts/mbp} gives the same to {@code mbp daemon}; {@code DaemonJvmTest} keeps the
     * two equal.
     */
    public static final List<String> OPTIONS = List.of("-XX:MaxTenuringThreshold=0", "-Xms1g");

    private DaemonJvm() {
    }

    /**
     * {@code mbp daemon daemonArgs} in a JVM of its own: this JVM's java and class path, native access for
     * SQLite's library, {@link #OPTIONS}, then {@code jvmExtras} (which may override them).
     */
    public static List<String> command(List<String> jvmExtras, String... daemonArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(OPTIONS);
        cmd.addAll(jvmExtras);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.mbp.cli.Main", "daemon"));
        cmd.addAll(List.of(daemonArgs));
        return cmd;
    }
}
