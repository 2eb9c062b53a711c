package io.mbp.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A scratch folder for fuzz inputs that the readers under test take as files, as the CLI passes them. */
final class FuzzFiles {
    private static Path dir;

    private FuzzFiles() {
    }

    static synchronized Path write(String name, byte[] input) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("mbp-fuzz-oracle");
                dir.toFile().deleteOnExit();
            }
            Path p = dir.resolve(name);
            Files.write(p, input);
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
