package io.mbp.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.custody.NoteSigner;
import io.mbp.error.BadInputException;
import io.mbp.evidence.Dsse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The custody audit's workpapers in a folder: {@code report.json} (the result, kind
 * {@code custody-audit}), {@code report.md} (the same for people, ending in the auditor's sign-off)
 * and {@code report.dsse.json} (a DSSE envelope over report.json by the operator key). Written in a
 * staging folder and moved into place; an existing non-empty folder is refused, so workpapers an
 * auditor signed are never overwritten.
 */
public final class AuditWorkpapers {
    public static final String PAYLOAD_TYPE = "application/vnd.mbp.custody-audit+json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private AuditWorkpapers() {
    }

    public static void write(Path dir, CustodyAudit.Result r, NoteSigner signer) {
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new BadInputException(dir + ": not empty; workpapers are never overwritten, choose a new --out");
                    }
                }
            }
            Path parent = dir.toAbsolutePath().normalize().getParent();
            Files.createDirectories(parent);
            Path stage = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp-");
            ObjectNode json = JSON.valueToTree(r);
            json.put("kind", "custody-audit");
            json.put("format", "mbp-custody-audit/1");
            json.put("clean", r.clean());
            byte[] body = (JSON.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.write(stage.resolve("report.json"), body);
            Files.writeString(stage.resolve("report.md"), markdown(r), StandardCharsets.UTF_8);
            Files.writeString(stage.resolve("report.dsse.json"), Dsse.sign(PAYLOAD_TYPE, body, signer));
            if (Files.isDirectory(dir)) {
                Files.delete(dir);
            }
            Files.move(stage, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the workpapers to " + dir, e);
        }
    }

    static String markdown(CustodyAudit.Result r) {
        StringBuilder b = new StringBuilder();
        b.append("# Custody audit workpapers\n\n");
        b.append("Log audited up to checkpoint #").append(r.checkpointId()).append(" (").append(r.treeSize()).append(" events, root `")
                .append(r.root()).append("`), at ").append(r.auditedAt()).append(".\n\n");
        b.append("Sample: ").append(r.sample()).append(" per population, seed ").append(r.seed()).append(". Draw: ")
                .append(r.algorithm()).append(".\n\n");
        b.append("**Result: ").append(r.clean() ? "clean, no finding" : r.findings().size() + " finding(s)").append("**\n\n");
        if (!r.findings().isEmpty()) {
            b.append("## Findings\n\n");
            r.findings().forEach(f -> b.append("- ").append(f).append('\n'));
            b.append('\n');
        }
        table(b, "Events: leaf hash and inclusion proof", r.events());
        table(b, "Checkpoints: signature and consistency proof to the latest", r.checkpoints());
        table(b, "Anchors, cross-checked on chain" + (r.chainChecked() ? "" : " (NOT CHECKED: no chain given)"), r.anchors());
        b.append("## Keys and rotations (policy: 90 days)\n\n| kind | key | name | since | until | days | within policy |\n|---|---|---|---|---|---|---|\n");
        for (CustodyAudit.Key k : r.keys()) {
            b.append("| ").append(k.kind()).append(" | `").append(k.id()).append("` | ").append(k.name()).append(" | ").append(k.since())
                    .append(" | ").append(k.until()).append(" | ").append(k.days()).append(" | ").append(k.withinPolicy() ? "yes" : "NO")
                    .append(" |\n");
        }
        b.append("\n## Sign-off\n\nI have re-performed the checks above from the log, its checkpoints and the chain, and\n")
                .append("report.json matches the DSSE envelope report.dsse.json under the operator's published key.\n\n")
                .append("Auditor: ______________________  Firm: ______________________\n\n")
                .append("Date: ______________  Signature: ______________________\n");
        return b.toString();
    }

    private static void table(StringBuilder b, String title, java.util.List<CustodyAudit.Item> items) {
        b.append("## ").append(title).append("\n\n");
        if (items.isEmpty()) {
            b.append("none\n\n");
            return;
        }
        b.append("| item | ok | detail |\n|---|---|---|\n");
        for (CustodyAudit.Item i : items) {
            b.append("| ").append(i.kind()).append(' ').append(i.id()).append(" | ").append(i.ok() ? "yes" : "NO").append(" | ")
                    .append(i.detail()).append(" |\n");
        }
        b.append('\n');
    }
}
