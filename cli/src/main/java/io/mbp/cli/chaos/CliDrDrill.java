package io.mbp.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.cli.Main;
import io.mbp.error.ExitCodes;
import io.mbp.error.MbpException;
import io.mbp.events.JsonLimits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link DrDrill} through the command line: runs {@code mbp --db URL dr drill --out DIR} in process
 * and reads its {@code report.json} (rpo_seconds, rto_seconds, events_lost, verified). Going through
 * the command keeps the game day independent of the drill's classes; a build without the command is
 * {@link DrDrill.Unavailable}. The drill's own options decide its length ({@code --drill-arg} passes them);
 * {@code seconds} is not forwarded, as the drill's option names are its own.
 */
final class CliDrDrill implements DrDrill {
    private final List<String> extra;

    /** {@code extra}: further options for `mbp dr drill` (e.g. a replica URL on PostgreSQL). */
    CliDrDrill(List<String> extra) {
        this.extra = List.copyOf(extra);
    }

    @Override
    public Result run(String dbUrl, Path out, double seconds) throws Exception {
        List<String> args = new ArrayList<>(List.of("--db", dbUrl, "--json", "dr", "drill", "--out", out.toString()));
        args.addAll(extra);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
        if (code == ExitCodes.USAGE && e.toString().contains("'drill'")) {
            throw new Unavailable("this build has no `mbp dr drill` (issue 14's DR part): " + firstLine(e.toString()));
        }
        Path report = out.resolve("report.json");
        if (code != 0 || !Files.isRegularFile(report)) {
            throw new MbpException(ExitCodes.UNEXPECTED, "`mbp dr drill` exited " + code + ": " + firstLine(e.toString()));
        }
        JsonNode r = JsonLimits.mapper().build().readTree(report.toFile());
        for (String f : List.of("rpo_seconds", "rto_seconds", "events_lost", "verified")) {
            if (!r.has(f)) {
                throw new MbpException(ExitCodes.BAD_INPUT, report + ": field " + f + " missing");
            }
        }
        return new Result(r.get("rpo_seconds").asDouble(), r.get("rto_seconds").asDouble(), r.get("events_lost").asLong(),
                r.get("verified").asBoolean(), report);
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
