package io.mbp.cli.chaos;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.chaos.EvidenceKind;
import io.mbp.chaos.GameDayLog;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.error.BadInputException;
import io.mbp.error.UsageException;
import io.mbp.events.FieldException;
import io.mbp.events.JsonLimits;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"File a report as S21 evidence: its SHA-256 and key fields go into the log (SreEvidenceRecorded), and",
            "`mbp evidence build --sprint S21` lists it. Kinds: dr-drill (a `mbp dr drill` report.json: rpo_seconds,",
            "rto_seconds, events_lost, verified are required), slo-report (`mbp slo report --json`), rules-check (promtool",
            "output, any text). Exit 4 when the file is missing, too large, or lacks a required field."})
final class RecordCommand implements Callable<Integer> {
    static final long MAX_BYTES = 16L << 20;
    static final int MAX_FIELDS = 32;

    @Mixin CommandContext ctx;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "dr-drill, slo-report or rules-check.") String kind;

    @Option(names = "--file", required = true, paramLabel = "FILE") Path file;

    @Option(names = "--name", paramLabel = "NAME", description = "How the evidence report names it (default: the file's path).")
    String name;

    record Filed(String kind, String name, String sha256, List<String> fields, long seq) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("filed " + kind + " " + name + " (sha256 " + sha256 + ") at seq " + seq + (fields.isEmpty() ? "" : ": "
                    + String.join(" ", fields)));
            out.flush();
        }
    }

    @Override
    public Integer call() throws Exception {
        EvidenceKind k;
        try {
            k = EvidenceKind.parse("--kind", kind);
        } catch (FieldException e) {
            throw new UsageException(e.getMessage());
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such file");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new BadInputException(file + ": larger than " + (MAX_BYTES >> 20) + " MiB");
        }
        byte[] bytes = Files.readAllBytes(file);
        List<String> fields = fields(k, bytes);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String shown = name != null ? name : file.toString();
        long seq;
        try (Database db = ctx.database()) {
            seq = new GameDayLog(db).file(k, shown, sha, fields, ctx.clock().instant());
        }
        return ctx.render(new Filed(k.wire(), shown, sha, fields, seq));
    }

    /** A scalar as the log keeps it: text as is, numbers with their digits; at most 200 characters. */
    private static String shown(JsonNode v) {
        String s = v.isTextual() ? v.asText() : v.toString();
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** The kept fields as {@code name=value} (scalars as JSON text, so numbers keep their digits); a text file keeps its size. */
    private List<String> fields(EvidenceKind k, byte[] bytes) {
        JsonNode root = null;
        try {
            root = JsonLimits.mapper().build().readTree(bytes);
        } catch (IOException e) {
            if (!k.keptFields().isEmpty()) {
                String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
                throw new BadInputException(file + ": not JSON (" + why + "); a " + k.wire() + " report is JSON");
            }
        }
        List<String> out = new ArrayList<>();
        if (root == null || !root.isObject()) {
            if (!k.keptFields().isEmpty()) {
                throw new BadInputException(file + ": a " + k.wire() + " report is a JSON object");
            }
            out.add("bytes=" + bytes.length);
            return out;
        }
        if (!k.keptFields().isEmpty()) {
            for (String f : k.keptFields()) {
                JsonNode v = root.get(f);
                if (v == null || !v.isValueNode() || v.isNull()) {
                    throw new BadInputException(file + ": field " + f + " missing (a " + k.wire() + " report has " + k.keptFields() + ")");
                }
                out.add(f + "=" + shown(v));
            }
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext() && out.size() < MAX_FIELDS; ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.add(e.getKey() + "=" + shown(e.getValue()));
            }
        }
        return out;
    }
}
