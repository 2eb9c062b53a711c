package io.mbp.cli.gate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.mbp.cli.CommandContext;
import io.mbp.cli.NowOption;
import io.mbp.cli.TextResult;
import io.mbp.error.ExitCodes;
import io.mbp.gate.Check;
import io.mbp.gate.Gate;
import io.mbp.gate.GateReport;
import io.mbp.gate.GateService;
import io.mbp.gate.GateStatus;
import io.mbp.gate.GoNoGo;
import io.mbp.gate.LogEvidenceSource;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Evaluate the seven Go/No-Go gates from evidence: the log, the output folder (formal results, custody",
            "audit workpapers, status site, market-quality reports) and the repository's docs and specs. Each check is",
            "green, red or no-evidence, with a pointer to what decided it; no evidence is never green.",
            "Exit codes: 0 go (every gate green), 3 no-go, 5 database unreachable. See docs/gates.md."})
public final class GateCheckCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Mixin NowOption now;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Business date evaluated (default: today, UTC).")
    LocalDate date;

    @Option(names = "--out", defaultValue = "out", paramLabel = "DIR", description = "Output folder holding the evidence (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--repo", defaultValue = ".", paramLabel = "DIR", description = "Repository with docs/ and specs/ (default ${DEFAULT-VALUE}).")
    Path repo;

    @Option(names = "--record", description = "Also append the decision to the log (GateChecked), as the nightly's gate step does.")
    boolean record;

    /** The decision; JSON: {"go", "gates": [{"id", "name", "status", "checks": [...]}]}. */
    record Result(boolean go, List<Gate> gates) implements TextResult {
        @JsonIgnore
        List<String> ids(GateStatus s) {
            return gates.stream().filter(g -> g.status() == s).map(Gate::id).toList();
        }

        @Override
        public void printText(PrintWriter w) {
            for (Gate g : gates) {
                w.printf("%-12s %-11s %s%n", g.id(), g.status().wire(), g.name());
                for (Check c : g.checks()) {
                    w.printf("  %-11s %-32s %s%s%n", c.status().wire(), c.id(), c.detail(),
                            c.evidence().isEmpty() ? "" : " [" + String.join(", ", c.evidence()) + "]");
                }
            }
            if (go) {
                w.println("GO: every gate is green");
            } else {
                w.println("NO-GO: red " + ids(GateStatus.RED) + ", no evidence " + ids(GateStatus.NO_EVIDENCE) + ", green "
                        + ids(GateStatus.GREEN));
            }
        }
    }

    @Override
    public Integer call() {
        java.time.Clock clock = now.clock(ctx.clock());
        LocalDate d = date != null ? date : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        GateReport r;
        try (Database db = ctx.database()) {
            r = GoNoGo.evaluate(new LogEvidenceSource(db, out, repo, clock, d));
            if (record) {
                new GateService(db).record(d.toString(), r, clock.instant());
            }
        }
        int code = ctx.render(new Result(r.go(), r.gates()));
        return code != ExitCodes.OK ? code : r.go() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
    }
}
