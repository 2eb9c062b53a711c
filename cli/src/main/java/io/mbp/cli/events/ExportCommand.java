package io.mbp.cli.events;

import io.mbp.cli.CommandContext;
import io.mbp.error.UsageException;
import io.mbp.events.EventExporter;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Stream events with seq and leaf_hash to stdout, in seq order, in constant memory.",
            "ndjson lines are the canonical event plus leaf_hash; csv has a header row."})
public final class ExportCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--from", paramLabel = "N", description = "First seq (default ${DEFAULT-VALUE}).", defaultValue = "0") long from;

    @Option(names = "--to", paramLabel = "N", description = "Last seq, inclusive (default: the end of the log).") Long to;

    @Option(names = "--format", paramLabel = "FORMAT", description = "ndjson or csv (default ${DEFAULT-VALUE}).",
            defaultValue = "ndjson")
    EventExporter.Format format;

    @Override
    public Integer call() {
        if (from < 0 || (to != null && to < from)) {
            throw new UsageException("--from must be >= 0 and --to >= --from");
        }
        try (Database db = ctx.database();
             BufferedWriter w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)) {
            EventExporter.export(new EventLog(db), from, to == null ? Long.MAX_VALUE : to, format, w);
        } catch (IOException | UncheckedIOException e) {
            // A closed pipe (| head) is a normal way to stop reading.
            return 0;
        }
        return 0;
    }
}
