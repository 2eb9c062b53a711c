package io.mbp.cli.anchor;

import io.mbp.anchor.AnchorReport;
import io.mbp.anchor.Web3jChain;
import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.error.InfrastructureException;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "anchors", mixinStandardHelpOptions = true, description = "The anchors & custody panel.",
        subcommands = {AnchorsCommand.Report.class})
public final class AnchorsCommand {

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Write DIR/index.html (static, opens from disk) and DIR/anchors.json: every checkpoint",
                "(size, root, signer key id, time) and its anchors (tx, block, confirmations, status).",
                "With --rpc each anchor is re-checked on the chain; without, recorded values are shown."})
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.")
        Path dir;

        @Option(names = "--rpc", paramLabel = "URL", description = "Re-check anchors on this chain.")
        String rpc;

        @Option(names = "--confirmations", paramLabel = "K", defaultValue = "6",
                description = "Confirmations that count as confirmed (default ${DEFAULT-VALUE}).")
        int confirmations;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            List<AnchorReport.Row> rows;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                if (rpc != null) {
                    try (Web3jChain chain = new Web3jChain(rpc)) {
                        rows = AnchorReport.build(db, chain, confirmations);
                    }
                } else {
                    rows = AnchorReport.build(db, null, confirmations);
                }
            }
            List<Object> data = new ArrayList<>();
            for (AnchorReport.Row r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("checkpoint_id", r.checkpoint().id());
                m.put("tree_size", r.checkpoint().treeSize());
                m.put("root_hash", r.checkpoint().rootHex());
                m.put("origin", r.checkpoint().origin());
                m.put("key_id", r.checkpoint().keyId());
                m.put("sealed_at", r.checkpoint().createdAt());
                List<Object> anchors = new ArrayList<>();
                for (AnchorReport.AnchorRow a : r.anchors()) {
                    Map<String, Object> am = new LinkedHashMap<>();
                    am.put("chain_id", a.anchor().chainId());
                    am.put("tx_hash", a.anchor().txHash());
                    am.put("block_number", a.anchor().blockNumber());
                    am.put("block_hash", a.anchor().blockHash());
                    am.put("confirmations", a.confirmations() != null ? a.confirmations() : a.anchor().confirmations());
                    am.put("status", a.state());
                    am.put("detail", a.detail());
                    am.put("published_at", a.anchor().publishedAt());
                    anchors.add(am);
                }
                m.put("anchors", anchors);
                data.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("generated_at", Instant.now().toString());
            doc.put("chain_checked", rpc != null);
            doc.put("checkpoints", data);
            StringWriter json = new StringWriter();
            Render.json(new PrintWriter(json), doc);
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("anchors.json"), json.toString(), StandardCharsets.UTF_8);
                Files.writeString(dir.resolve("index.html"), html(rows, rpc != null), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InfrastructureException("cannot write the report into " + dir + ": " + e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Render.json(out, Map.of("html", dir.resolve("index.html").toString(), "json", dir.resolve("anchors.json").toString(),
                        "checkpoints", rows.size()));
            } else {
                out.println("wrote " + dir.resolve("index.html") + " and " + dir.resolve("anchors.json") + " (" + rows.size()
                        + " checkpoints)");
                out.flush();
            }
            return 0;
        }

        private static String html(List<AnchorReport.Row> rows, boolean checked) {
            StringBuilder b = new StringBuilder();
            b.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>MBP anchors &amp; custody</title>\n")
                    .append("<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}")
                    .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
                    .append("code{font-size:12px}.ok{color:#070}.bad{color:#b00}.na{color:#777}</style></head><body>\n")
                    .append("<h1>MBP anchors &amp; custody</h1>\n<p>Generated ").append(esc(Instant.now().toString()))
                    .append(checked ? ". Anchors re-checked on the chain now." : ". Anchors NOT re-checked (recorded values).")
                    .append(" Verify any event yourself: <code>mbp verify-anchor</code> (docs/verify.md).</p>\n")
                    .append("<table><tr><th>#</th><th>events</th><th>root</th><th>signer key</th><th>sealed</th>")
                    .append("<th>anchors (chain, tx, block, confirmations, status)</th></tr>\n");
            for (AnchorReport.Row r : rows) {
                b.append("<tr><td>").append(r.checkpoint().id()).append("</td><td>").append(r.checkpoint().treeSize())
                        .append("</td><td><code>").append(esc(r.checkpoint().rootHex())).append("</code></td><td><code>")
                        .append(esc(r.checkpoint().keyId())).append("</code></td><td>").append(esc(r.checkpoint().createdAt()))
                        .append("</td><td>");
                if (r.anchors().isEmpty()) {
                    b.append("<span class=\"na\">not anchored</span>");
                }
                for (AnchorReport.AnchorRow a : r.anchors()) {
                    String cls = "confirmed".equals(a.state()) || "pending".equals(a.state()) ? "ok"
                            : "not checked".equals(a.state()) ? "na" : "bad";
                    b.append("chain ").append(a.anchor().chainId()).append(", tx <code>").append(esc(a.anchor().txHash()))
                            .append("</code>, block ").append(a.anchor().blockNumber()).append(", ")
                            .append(a.confirmations() != null ? a.confirmations() : a.anchor().confirmations())
                            .append(" conf., <span class=\"").append(cls).append("\">").append(esc(a.state()))
                            .append("</span><br>");
                }
                b.append("</td></tr>\n");
            }
            return b.append("</table></body></html>\n").toString();
        }

        private static String esc(String s) {
            return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
