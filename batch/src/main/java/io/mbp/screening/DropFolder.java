package io.mbp.screening;

import io.mbp.error.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder list files are dropped into (docs/runbooks/sanctions-updates.md): one sub-folder per
 * list id; in it each drop is a UN XML file ({@code *.xml}), a FollowTheMoney file ({@code *.json},
 * {@code *.ndjson}, {@code *.jsonl}) or an OFAC set (a folder holding sdn.csv). The newest drop by
 * modification time (then name) is the one imported. Names starting with "." or ending in ".part" or
 * ".tmp" are downloads in progress and are ignored.
 */
public final class DropFolder {
    /** One list's newest drop. */
    public record Drop(String list, ListFormat format, Path path) {
    }

    private DropFolder() {
    }

    /** The newest drop of every list sub-folder, by list id. */
    public static List<Drop> newest(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": the screening drop folder does not exist (pass --dir or set MBP_SCREENING_DROP)");
        }
        List<Drop> out = new ArrayList<>();
        try (Stream<Path> lists = Files.list(dir)) {
            for (Path l : lists.filter(Files::isDirectory).filter(p -> !ignored(p)).sorted().toList()) {
                newestIn(l).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read the drop folder " + dir + ": " + e.getMessage());
        }
        return out;
    }

    private static Optional<Drop> newestIn(Path listDir) throws IOException {
        String list = listDir.getFileName().toString();
        try (Stream<Path> drops = Files.list(listDir)) {
            return drops.filter(p -> !ignored(p)).filter(p -> format(p).isPresent())
                    .max(Comparator.comparing(DropFolder::modified).thenComparing(p -> p.getFileName().toString()))
                    .map(p -> new Drop(list, format(p).orElseThrow(), p));
        }
    }

    static Optional<ListFormat> format(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(p)) {
            return Files.isRegularFile(p.resolve("sdn.csv")) ? Optional.of(ListFormat.OFAC_CSV) : Optional.empty();
        }
        if (n.endsWith(".xml")) {
            return Optional.of(ListFormat.UN_XML);
        }
        if (n.endsWith(".json") || n.endsWith(".ndjson") || n.endsWith(".jsonl")) {
            return Optional.of(ListFormat.FTM);
        }
        return Optional.empty();
    }

    private static boolean ignored(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith(".") || n.endsWith(".part") || n.endsWith(".tmp");
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
