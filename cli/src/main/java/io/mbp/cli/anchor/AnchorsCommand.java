package io.mbp.cli.anchor;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.anchor.AnchorReport;
import io.mbp.anchor.Web3jChain;
import io.mbp.cli.CommandContext;
import io.mbp.cli.Render;
import io.mbp.cli.TextResult;
import io.mbp.error.InfrastructureException;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "anchors", mixinStandardHelpOptions = true, description = "The anchors & custody panel.",
        subcommands = {AnchorsCommand.Report.class})
public final class AnchorsCommand {

    /** Where the panel was written. */
    @JsonPropertyOrder(alphabetic = true)
    record Written(String html, String json, int checkpoints) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("wrote " + html + " and " + json + " (" + checkpoints + " checkpoints)");
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Write DIR/index.html (static, opens from disk) and DIR/anchors.json: every checkpoint",
                "(size, root, signer key id, time) and its anchors (tx, block, confirmations, status).",
                "With --rpc each anchor is re-checked on the chain; without, recorded values are shown."})
    static final class Report implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.") Path dir;

        @Option(names = "--rpc", paramLabel = "URL", description = "Re-check anchors on this chain.") String rpc;

        @Option(names = "--confirmations", paramLabel = "K", defaultValue = "6",
                description = "Confirmations that count as confirmed (default ${DEFAULT-VALUE}).")
        int confirmations;

        @Override
        public Integer call() {
            String generatedAt = ctx.clock().instant().toString();
            List<AnchorReport.Row> rows;
            try (Database db = ctx.database()) {
                if (rpc != null) {
                    try (Web3jChain chain = new Web3jChain(rpc)) {
                        rows = AnchorReport.build(db, chain, confirmations);
                    }
                } else {
                    rows = AnchorReport.build(db, null, confirmations);
                }
            }
            AnchorsPanel.Document doc = AnchorsPanel.Document.of(rows, generatedAt, rpc != null);
            StringWriter json = new StringWriter();
            Render.json(new PrintWriter(json), doc);
            Path html = dir.resolve("index.html");
            Path jsonFile = dir.resolve("anchors.json");
            try {
                Files.createDirectories(dir);
                Files.writeString(jsonFile, json.toString(), StandardCharsets.UTF_8);
                Files.writeString(html, AnchorsPanel.html(doc), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InfrastructureException("cannot write the report into " + dir + ": " + e.getMessage(), e);
            }
            return ctx.render(new Written(html.toString(), jsonFile.toString(), rows.size()));
        }
    }
}
