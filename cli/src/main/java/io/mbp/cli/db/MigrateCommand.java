package io.mbp.cli.db;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.sql.Database;
import io.mbp.sql.MigrationResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Create the database or upgrade it to this mbp's schema; prints the schema version.")
public final class MigrateCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @JsonPropertyOrder(alphabetic = true)
    record Migrated(int schemaVersion, List<Integer> applied) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("schema version " + schemaVersion + (applied.isEmpty() ? " (up to date)" : " (applied " + applied + ")"));
        }
    }

    @Override
    public Integer call() {
        MigrationResult r;
        // Not ctx.database(): that migrates already, and this command reports what migrating applied.
        try (Database db = Database.open(ctx.global().dbUrl())) {
            r = db.migrate();
        }
        return ctx.render(new Migrated(r.schemaVersion(), r.applied()));
    }
}
