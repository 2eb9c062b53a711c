package io.mbp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a benchmark writes its fresh databases: {@code --dir}, or a new temp folder; never {@code --db}. */
public final class BenchDir {
    @Option(names = "--dir", description = "Folder for the benchmark databases (default: a new temp folder).") Path dir;

    /** The folder, created if need be; a new temp folder named after {@code prefix} without {@code --dir}. */
    public Path create(String prefix) throws IOException {
        return create(dir, prefix);
    }

    /** {@code dir}, created if need be, or a new temp folder named after {@code prefix} when it is null. */
    public static Path create(Path dir, String prefix) throws IOException {
        return dir != null ? Files.createDirectories(dir) : Files.createTempDirectory(prefix);
    }
}
