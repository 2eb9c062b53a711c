package io.mbp.cli.backup;

import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.custody.VerifierKeyFile;
import io.mbp.error.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Online backups of the database and verified restores (docs/runbooks/dr.md).",
        subcommands = {BackupCommand.Create.class, BackupCommand.Restore.class})
public final class BackupCommand {

    record CreatedView(String dir, String engine, int schemaVersion, long logSize, Long checkpointId, List<BackupManifest.FileEntry> files,
                       double seconds) implements TextResult {
        @Override
        public void printText(PrintWriter w) {
            w.printf("backup of %s written to %s in %.3f s: %d events at start%s, schema V%d%n", engine.toLowerCase(), dir, seconds,
                    logSize, checkpointId == null ? ", NO checkpoint (run `mbp seal` first: a restore verifies against one)"
                            : ", newest checkpoint #" + checkpointId, schemaVersion);
            for (BackupManifest.FileEntry f : files) {
                w.println("  " + f.name() + "  " + f.bytes() + " bytes  sha256 " + f.sha256());
            }
            w.flush();
        }
    }

    record RestoredView(String db, boolean verified, List<RestoreCheck.Check> checks, double seconds) implements TextResult {
        @Override
        public void printText(PrintWriter w) {
            for (RestoreCheck.Check c : checks) {
                w.println((c.ok() ? "✓ " : "✗ ") + c.check() + ": " + c.detail());
            }
            w.printf(verified ? "restored into %s and verified in %.3f s%n"
                    : "restored into %s in %.3f s but it FAILED verification: do not serve from it%n", db, seconds);
            w.flush();
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Online, consistent backup of --db while the daemon and jobs keep writing: H2 BACKUP TO, SQLite",
                "VACUUM INTO, PostgreSQL pg_dump of the schema. DIR gets the snapshot and manifest.json (SHA-256 of every",
                "file, the log size, last leaf hash and newest checkpoint when the backup began). Exit 4 if DIR is not empty."})
    static final class Create implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "A new or empty folder.") Path out;

        @Override
        public Integer call() {
            Backups.Created c = Backups.create(ctx.global().dbUrl(), out, ctx.clock());
            BackupManifest m = c.manifest();
            return ctx.render(new CreatedView(c.dir().toString(), m.engine(), m.schemaVersion(), m.logSize(), m.checkpointId(), m.files(),
                    c.seconds()));
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Restore a backup into a fresh database (--db; exit 4 if it holds one already) and verify it: the",
                "files' SHA-256 (exit 3, nothing restored), every event re-hashed, every checkpoint's root, signature and",
                "consistency proof, and a consistency proof from the newest checkpoint to the restored log. Exit 3 naming",
                "each failed check."})
    static final class Restore implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Parameters(paramLabel = "DIR", description = "The backup folder.") Path dir;

        @Option(names = "--pubkey", paramLabel = "FILE",
                description = "Trusted verifier key(s) (`mbp keys export-public`); default: the keys the log announced (self-asserted).")
        Path pubkey;

        @Override
        public Integer call() {
            List<NoteVerifierKey> keys = pubkey == null ? List.of() : VerifierKeyFile.read(pubkey, "--pubkey " + pubkey);
            Backups.Restored r = Backups.restore(dir, ctx.global().dbUrl(), keys);
            ctx.render(new RestoredView(r.target(), r.verified(), r.checks(), r.seconds()));
            if (!r.verified()) {
                PrintWriter err = ctx.err();
                r.checks().stream().filter(c -> !c.ok()).forEach(c -> err.println("mbp: error: " + c.check() + ": " + c.detail()));
                err.flush();
            }
            return r.verified() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }
}
