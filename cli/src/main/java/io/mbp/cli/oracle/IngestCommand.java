package io.mbp.cli.oracle;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mbp.cli.Clocks;
import io.mbp.cli.CommandContext;
import io.mbp.cli.InstantConverter;
import io.mbp.cli.TextResult;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Ingest source reports; refused lines go to a rejects file and the log.",
            "CSV (header source,event,observed_at,value) or NDJSON",
            "(.ndjson/.jsonl, same fields). Refused lines (unknown or suspended source, out of bounds,",
            "observed in the future, unparsable, duplicate) go to the rejects file and to ReportRejected",
            "events; the rest is accepted. One transaction for the whole file."})
public final class IngestCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "Report file.") Path file;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Rejects CSV (default: FILE.rejects.csv).") Path rejects;

    @Option(names = "--at", paramLabel = "TS", converter = InstantConverter.class,
            description = "Ingest time; reports observed after it are rejected as future (default: now).")
    Instant at;

    record Result(@JsonUnwrapped Views.Appended appended, long accepted, long rejected, Map<String, Long> rejectedByReason,
                  String rejectsFile) implements TextResult {
        static Result of(OracleService.IngestResult r) {
            Map<String, Long> reasons = new TreeMap<>();
            r.outcome().of(ReportRejected.class).forEach(rj -> reasons.merge(rj.reason(), 1L, Long::sum));
            return new Result(Views.Appended.of(r.outcome()), r.accepted(), r.rejected(), reasons, r.rejectsFile().toString());
        }

        @Override
        public void printText(PrintWriter out) {
            out.println("accepted " + accepted + " report(s), rejected " + rejected
                    + (rejectedByReason.isEmpty() ? "" : " " + rejectedByReason) + "; rejects in " + rejectsFile + "; " + appended.seqs());
        }
    }

    @Override
    public Integer call() {
        try (Database db = ctx.database()) {
            return ctx.render(Result.of(new OracleService(db).ingest(file, rejects, Clocks.at(at, ctx.clock()))));
        }
    }
}
