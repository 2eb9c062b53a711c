package io.mbp.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.merkle.TreeBuilder;
import io.mbp.merkle.TreeHash;
import io.mbp.sql.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Replays a bundle offline: appends the bundle's events to a fresh log with the same event-log
 * code (which recomputes every leaf hash), checks the rebuilt log against the signed checkpoint,
 * then recomputes every report through the {@link EvidenceReport} SPI and compares it line by line
 * with the bundle's. Stops at the first difference and names it.
 */
public final class EvidenceReplayer {
    public record Result(boolean ok, long events, List<String> reportsCompared, String firstDifference) {
    }

    /** Bundle rows replayed per rebuilt-log transaction. */
    private static final int CHUNK = 20_000;

    private final List<EvidenceReport> reports;

    public EvidenceReplayer(List<EvidenceReport> reports) {
        this.reports = List.copyOf(reports);
    }

    public Result replay(Path dir, Path workDir) throws IOException {
        JsonNode manifest = EvidenceBuilder.readManifest(dir);
        long n = manifest.path("checkpoint").path("tree_size").asLong();
        String rootHex = manifest.path("checkpoint").path("root_hash").asText();
        Path rebuiltFile = workDir.resolve("replay.sqlite");
        Files.deleteIfExists(rebuiltFile);
        List<String> compared = new ArrayList<>();
        try (Database bundle = BundleFiles.openCopy(dir.resolve(BundleFiles.DATABASE), workDir);
             Database rebuilt = Database.openMigrated("jdbc:sqlite:" + rebuiltFile)) {
            long rows = BundleFiles.forEachEvent(bundle, e -> { });
            if (rows != n) {
                return new Result(false, rows, List.of(), BundleFiles.DATABASE + " holds " + rows
                        + " events, the manifest's checkpoint covers " + n);
            }
            // Streams (ADR 0604): a chunk of the bundle's rows is appended to the rebuilt log, read back
            // and compared, then dropped, so the replay of any length runs in flat memory.
            TreeBuilder tree = new TreeBuilder((id, hash) -> { });
            long cursor = Long.MIN_VALUE;
            long next = 0;
            while (true) {
                List<Event> chunk = new ArrayList<>();
                while (chunk.size() < CHUNK) {
                    long from = cursor;
                    List<Event> page = bundle.read(dsl -> EventLog.rowsFrom(dsl, from, BundleFiles.PAGE));
                    chunk.addAll(page);
                    if (page.size() < BundleFiles.PAGE) {
                        break;
                    }
                    cursor = page.get(page.size() - 1).seq() + 1;
                }
                if (chunk.isEmpty()) {
                    break;
                }
                cursor = chunk.get(chunk.size() - 1).seq() + 1;
                new EventLog(rebuilt).append(chunk.stream().map(e -> new NewEvent(e.type(), e.stream(), e.ts(), e.payload())).toList());
                long at = next;
                List<Event> replayed = rebuilt.read(dsl -> EventLog.rowsFrom(dsl, at, chunk.size()));
                for (int i = 0; i < chunk.size(); i++) {
                    Event original = chunk.get(i);
                    Event again = replayed.get(i);
                    if (original.seq() != again.seq()) {
                        return new Result(false, n, compared, "seq " + again.seq() + " is missing from the bundle's events"
                                + " (found seq " + original.seq() + " in its place)");
                    }
                    if (!MessageDigest.isEqual(original.leafHash(), again.leafHash())) {
                        return new Result(false, n, compared, "event " + original.seq() + " (" + original.type() + ", stream "
                                + original.stream() + "): replay hashes it to " + TreeHash.hex(again.leafHash())
                                + ", the bundle stores " + TreeHash.hex(original.leafHash()));
                    }
                    tree.append(again.leafHash());
                }
                next += chunk.size();
                if (chunk.size() < CHUNK) {
                    break;
                }
            }
            byte[] root = tree.root();
            if (!MessageDigest.isEqual(root, TreeHash.parseHex(rootHex))) {
                return new Result(false, n, compared, "the replayed log of " + n + " events has root " + TreeHash.hex(root)
                        + ", the bundle's checkpoint " + rootHex);
            }
            Map<String, EvidenceReport> byName = reports.stream().collect(Collectors.toMap(EvidenceReport::name, Function.identity()));
            // The reports the manifest names, up to the first one that cannot be recomputed; all of them in one
            // pass over the rebuilt log (ADR 0129), then compared in the manifest's order.
            List<EvidenceReport> named = new ArrayList<>();
            String problem = null;
            for (JsonNode r : manifest.path("reports")) {
                String name = r.asText();
                EvidenceReport report = byName.get(name);
                if (report == null) {
                    problem = "reports/" + name + ".txt: this tool version has no replay code for"
                            + " report '" + name + "'; use the mbp version named in the manifest (" + manifest.path("tool_version").asText() + ")";
                    break;
                }
                if (!Files.isRegularFile(dir.resolve("reports").resolve(name + ".txt"))) {
                    problem = "reports/" + name + ".txt is missing";
                    break;
                }
                named.add(report);
            }
            List<List<String>> recomputed = LogPass.run(rebuilt, n, named.stream().map(r -> r.open(rebuilt, n)).toList());
            for (int k = 0; k < named.size(); k++) {
                String name = named.get(k).name();
                List<String> stated = Files.readAllLines(dir.resolve("reports").resolve(name + ".txt"), StandardCharsets.UTF_8);
                List<String> computed = recomputed.get(k);
                for (int i = 0; i < Math.max(stated.size(), computed.size()); i++) {
                    String s = i < stated.size() ? stated.get(i) : "(no line)";
                    String c = i < computed.size() ? computed.get(i) : "(no line)";
                    if (!s.equals(c)) {
                        return new Result(false, n, compared, "reports/" + name + ".txt line " + (i + 1) + ": the bundle says '"
                                + s + "', replay computes '" + c + "'");
                    }
                }
                compared.add(name);
            }
            if (problem != null) {
                return new Result(false, n, compared, problem);
            }
        }
        return new Result(true, n, compared, null);
    }
}
