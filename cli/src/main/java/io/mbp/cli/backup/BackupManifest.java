package io.mbp.cli.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.mbp.error.BadInputException;
import io.mbp.events.JsonLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * manifest.json of a backup folder. What the source held when the backup began (log size, the leaf
 * hash of its last event, the newest checkpoint): the log is append-only, so the snapshot taken
 * just after holds at least that much, and a restore checks it does. Every file with its SHA-256.
 */
public record BackupManifest(String format, String engine, String createdAt, String source, int schemaVersion,
                             long logSize, String lastLeafHash, Long checkpointId, Long checkpointSize, String checkpointRoot,
                             String schema, List<FileEntry> files) {
    public static final String FORMAT = "mbp-backup/1";
    public static final String NAME = "manifest.json";

    public record FileEntry(String name, long bytes, String sha256) {
    }

    static final ObjectMapper JSON = JsonLimits.mapper()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    static BackupManifest read(Path dir) {
        Path file = dir.resolve(NAME);
        String text = JsonLimits.readText(file, JsonLimits.MAX_DOCUMENT_BYTES, file.toString());
        BackupManifest m;
        try {
            m = JSON.readValue(text, BackupManifest.class);
        } catch (IOException e) {
            throw new BadInputException(file + ": not a backup manifest: " + firstLine(e.getMessage()));
        }
        if (!FORMAT.equals(m.format()) || m.engine() == null || m.files() == null || m.files().isEmpty()) {
            throw new BadInputException(file + ": field format must be " + FORMAT + " with an engine and files");
        }
        for (FileEntry f : m.files()) {
            if (f.name() == null || f.sha256() == null || f.name().contains("/") || f.name().contains("\\") || f.name().startsWith(".")) {
                throw new BadInputException(file + ": field files: a file entry needs a plain name and a sha256");
            }
        }
        return m;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
