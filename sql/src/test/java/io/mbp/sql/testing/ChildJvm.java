package io.mbp.sql.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM a test starts and kills or lets finish within seconds (a crash or
 * kill -9 drill): this JVM's java on this JVM's class path, with the C1 compiler only and the serial
 * collector (ADR 0140). Such a child runs for a few seconds, so C2's compile threads and the parallel
 * collector's threads cost CPU it never gets back; on the 2-core build machine both JVMs compete
 * for it. What the tests check (what was acknowledged is durable, a killed run resumes) does not
 * depend on the compiler or the collector.
 */
public final class ChildJvm {
    /** The flags the child gets before its class path. */
    public static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private ChildJvm() {
    }

    /** {@code java FLAGS -cp <this class path> main args}. */
    public static List<String> command(String main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(FLAGS);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main);
        cmd.addAll(List.of(args));
        return cmd;
    }
}
