package io.mbp.cli.oracle;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.oracle.OracleService;
import io.mbp.oracle.ReportRejected;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Ingest source reports; refused lines go to a rejects file and the log.",
            "CSV (header source,event,observed_at,value) or NDJSON",
            "(.ndjson/.jsonl, same fields). Refused lines (unknown or suspended source, out of bounds,",
            "observed in the future, unparsable, duplicate) go to the rejects file and to ReportRejected",
            "events; the rest is accepted. One transaction for the whole file."})
public final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "Report file.")
    Path file;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Rejects CSV (default: FILE.rejects.csv).")
    Path rejects;

    @Option(names = "--at", paramLabel = "TS", converter = InstantConverter.class,
            description = "Ingest time; reports observed after it are rejected as future (default: now).")
    Instant at;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        Path target = rejects != null ? rejects : file.resolveSibling(file.getFileName() + ".rejects.csv");
        OracleService.IngestResult r;
        try (Database db = Database.openMigrated(g.dbUrl())) {
            r = new OracleService(db).ingest(file, target, Clocks.at(at));
        }
        Map<String, Long> reasons = new TreeMap<>();
        for (ReportRejected rj : r.outcome().of(ReportRejected.class)) {
            reasons.merge(rj.reason(), 1L, Long::sum);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            Map<String, Object> m = Views.appended(r.outcome());
            m.put("accepted", r.accepted());
            m.put("rejected", r.rejected());
            m.put("rejected_by_reason", reasons);
            m.put("rejects_file", r.rejectsFile().toString());
            Render.json(out, m);
        } else {
            out.println("accepted " + r.accepted() + " report(s), rejected " + r.rejected()
                    + (reasons.isEmpty() ? "" : " " + reasons) + "; rejects in " + r.rejectsFile() + "; " + Views.seqs(r.outcome()));
        }
        return 0;
    }
}
