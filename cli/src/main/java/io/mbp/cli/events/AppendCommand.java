package io.mbp.cli.events;

import io.mbp.catalog.EventCatalog;
import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "append", mixinStandardHelpOptions = true,
        description = {"Append NDJSON events, one {\"type\",\"stream\",\"ts\",\"payload\"} per line; seq is assigned.",
            "The whole file is one transaction: a bad line (reported with its number and field) appends nothing.",
            "Market events must be what the engine would decide at their ts against the log (funds, e2eid, pool quotes);",
            "halts, settlements and the oracle, custody, anchor, payout and recon families are refused: their commands write them."})
public final class AppendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "NDJSON file, or - for stdin.")
    String file;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        AppendResult r;
        try (BufferedReader reader = open(file);
             Database db = Database.openMigrated(g.dbUrl())) {
            String source = "-".equals(file) ? "stdin" : file;
            r = new EventImport(db, EventCatalog.standard(), new MarketEngine())
                    .append(new EventFileReader(reader, source, EventCatalog.standard()), source);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("appended", r.appended());
            m.put("first_seq", r.appended() == 0 ? null : r.firstSeq());
            m.put("last_seq", r.appended() == 0 ? null : r.lastSeq());
            m.put("log_size", r.logSize());
            Render.json(out, m);
        } else {
            out.println("appended " + r.appended() + " events"
                    + (r.appended() == 0 ? "" : " (seq " + r.firstSeq() + ".." + r.lastSeq() + ")")
                    + "; log size " + r.logSize());
        }
        return 0;
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
