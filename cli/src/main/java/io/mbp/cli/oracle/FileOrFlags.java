package io.mbp.cli.oracle;

import io.mbp.error.BadInputException;
import io.mbp.error.UsageException;
import io.mbp.events.FieldException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Registry commands take a CSV ({@code --file}) or one entry from flags, never both. */
final class FileOrFlags {
    private FileOrFlags() {
    }

    /**
     * The file's entries, or the one entry the flags describe.
     *
     * @param flags    the entry's flags as the user sees them, e.g. {@code --id/--name}
     * @param required the flags one entry needs, e.g. {@code --id and --weight}
     */
    static <T> List<T> entries(Path file, boolean anyFlag, boolean flagsComplete, String flags, String required,
                               Function<Path, List<T>> read, Supplier<T> fromFlags) {
        if (file != null) {
            if (anyFlag) {
                throw new UsageException("give either --file or " + flags + ", not both");
            }
            return read.apply(file);
        }
        if (!flagsComplete) {
            throw new UsageException("give " + required + " (or --file)");
        }
        try {
            return List.of(fromFlags.get());
        } catch (FieldException e) {
            // the domain names the field; the user typed the flag of the same name
            throw new BadInputException("--" + e.field() + ": " + e.getMessage());
        }
    }
}
