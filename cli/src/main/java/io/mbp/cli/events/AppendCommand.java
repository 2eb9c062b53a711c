package io.mbp.cli.events;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.catalog.EventCatalog;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.error.BadInputException;
import io.mbp.events.AppendResult;
import io.mbp.events.EventFileReader;
import io.mbp.ingest.EventImport;
import io.mbp.market.MarketEngine;
import io.mbp.sql.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "append", mixinStandardHelpOptions = true,
        description = {"Append NDJSON events, one {\"type\",\"stream\",\"ts\",\"payload\"} per line; seq is assigned.",
            "The whole file is one transaction: a bad line (reported with its number and field) appends nothing.",
            "Market events must be what the engine would decide at their ts against the log (funds, e2eid, pool quotes);",
            "halts, settlements and the oracle, custody, anchor, payout and recon families are refused: their commands write them."})
public final class AppendCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    /** What an append added; the seqs are null when nothing was. */
    @JsonPropertyOrder(alphabetic = true)
    record Appended(long appended, Long firstSeq, Long lastSeq, long logSize) implements TextResult {
        static Appended of(AppendResult r) {
            return new Appended(r.appended(), r.appended() == 0 ? null : r.firstSeq(), r.appended() == 0 ? null : r.lastSeq(),
                    r.logSize());
        }

        @Override
        public void printText(PrintWriter out) {
            out.println("appended " + appended + " events" + (appended == 0 ? "" : " (seq " + firstSeq + ".." + lastSeq + ")")
                    + "; log size " + logSize);
        }
    }

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "NDJSON file, or - for stdin.") String file;

    @Override
    public Integer call() {
        AppendResult r;
        try (BufferedReader reader = open(file);
             Database db = ctx.database()) {
            String source = "-".equals(file) ? "stdin" : file;
            r = new EventImport(db, EventCatalog.standard(), new MarketEngine(),
                    () -> io.mbp.cli.privacy.VaultOptions.fromEnvironment(ctx.clock()))
                    .append(new EventFileReader(reader, source, EventCatalog.standard()), source);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
        return ctx.render(Appended.of(r));
    }

    private static BufferedReader open(String file) {
        if ("-".equals(file)) {
            return EventFileReader.utf8(System.in);
        }
        try {
            return EventFileReader.utf8(Files.newInputStream(Path.of(file)));
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
