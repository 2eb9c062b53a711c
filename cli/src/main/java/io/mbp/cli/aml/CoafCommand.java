package io.mbp.cli.aml;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.aml.AmlCases;
import io.mbp.cli.TextResult;
import io.mbp.cli.privacy.VaultCommand;
import io.mbp.error.BadInputException;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "coaf", mixinStandardHelpOptions = true,
        description = "COAF communication drafts of escalated cases (docs/aml.md): list with their deadlines, show (text, or the"
                + " structured JSON with --json), export both to files for filing in SISCOAF.",
        subcommands = {CoafCommand.ListDrafts.class, CoafCommand.Show.class, CoafCommand.Export.class})
final class CoafCommand {

    record Row(String id, String caseId, String decidedAt, String due, boolean overdue) {
    }

    record Rows(@JsonValue List<Row> drafts) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.printf("%-12s %-12s %-24s %-24s%n", "DRAFT", "CASE", "DECIDED", "DUE");
            drafts.forEach(r -> out.printf("%-12s %-12s %-24s %-24s%s%n", r.id(), r.caseId(), r.decidedAt(), r.due(),
                    r.overdue() ? " OVERDUE" : ""));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Drafts with their deadline (OVERDUE once past it).")
    static final class ListDrafts extends VaultCommand {
        @Override
        public Integer call() {
            Instant now = clock().instant();
            try (Database db = ctx.database()) {
                return ctx.render(new Rows(new AmlCases(db, clock()).drafts().stream()
                        .map(d -> new Row(d.id(), d.caseId(), d.decidedAt(), d.due(), now.isAfter(Instant.parse(d.due())))).toList()));
            }
        }
    }

    /** The draft: --json prints the structured document as stored; text prints the narrative form. */
    record Shown(@JsonValue @JsonRawValue String json, String text) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.print(text);
            out.flush();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One draft (verified against its case and its event's hash).")
    static final class Show extends VaultCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                AmlCases.Draft d = new AmlCases(db, clock()).draft(id);
                return ctx.render(new Shown(d.json(), d.text()));
            }
        }
    }

    record Exported(String draft, String json, String text, String sha256) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("wrote " + json + " and " + text + " (sha256 of the JSON " + sha256 + ")");
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write ID.json and ID.txt into --dir (each written whole or not at all).")
    static final class Export extends VaultCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;

        @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;

        @Override
        public Integer call() {
            AmlCases.Draft d;
            try (Database db = ctx.database()) {
                d = new AmlCases(db, clock()).draft(id);
            }
            Path json = dir.resolve(d.id() + ".json");
            Path text = dir.resolve(d.id() + ".txt");
            try {
                Files.createDirectories(dir);
                write(json, d.json() + "\n");
                write(text, d.text());
            } catch (IOException e) {
                throw new BadInputException("--dir " + dir + ": cannot write the draft (" + e.getMessage() + ")", e);
            }
            return ctx.render(new Exported(d.id(), json.toString(), text.toString(), d.sha256()));
        }

        private static void write(Path to, String content) throws IOException {
            Path tmp = Files.createTempFile(to.getParent(), ".coaf-", ".tmp");
            try {
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
