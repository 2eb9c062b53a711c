package io.mbp.cli.db;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.sql.Database;
import io.mbp.sql.MigrationResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Create the database or upgrade it to this mbp's schema; prints the schema version.")
public final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        MigrationResult r;
        try (Database db = Database.open(g.dbUrl())) {
            r = db.migrate();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("schema_version", r.schemaVersion());
            m.put("applied", r.applied());
            Render.json(out, m);
        } else {
            out.println("schema version " + r.schemaVersion()
                    + (r.applied().isEmpty() ? " (up to date)" : " (applied " + r.applied() + ")"));
        }
        return 0;
    }
}
