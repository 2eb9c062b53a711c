package io.mbp.jobs.steps;


import io.mbp.events.EventLog;
import io.mbp.jobs.DataNotReadyException;
import io.mbp.jobs.Step;
import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Public exports for the business date: the daily truth files ({@link Publish#exports}: oracle staleness
 * and divergence, market quality, uptime, incidents as JSON and CSV, hashed, the manifest signed with the
 * operator key; ADR 0605) and the day's events (seq range of events whose ts falls on D,
 * UTC) as a public-safe projection, NDJSON ({@link PublicProjection}, ADR 0704: no personal data, no
 * ciphertext or reference of a person), with a SHA-256 file beside it. Written to a temp file and moved into place, so
 * a re-run replaces the export whole and a crash never leaves half a file.
 */
public final class PublicExportsStep implements Step {
    private final StepSecrets secrets;

    public PublicExportsStep(java.util.function.Function<String, String> env) {
        this.secrets = new StepSecrets(env);
    }

    @Override
    public String name() {
        return "public-exports";
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        String day = ctx.businessDate().toString();
        String next = ctx.businessDate().plusDays(1).toString();
        var found = ctx.db().read(dsl -> EventLog.seqRangeByTs(dsl, day, next));
        if (found.isEmpty()) {
            throw new DataNotReadyException("no events are logged for " + day + " yet; nothing to export");
        }
        EventLog.SeqRange range = found.get();
        Path dir = Path.of(ctx.option("out", "out")).resolve("exports").resolve(day);
        Path file = dir.resolve("events-" + day + ".ndjson");
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".events-", ".tmp");
            long[] n = new long[2];
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                new EventLog(ctx.db()).forEach(range.first(), range.last(), e -> {
                    var line = PublicProjection.line(e);
                    if (line.isEmpty()) {
                        n[1]++;
                        return;
                    }
                    try {
                        w.write(line.get());
                        w.write('\n');
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                    n[0]++;
                });
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            Files.writeString(dir.resolve("events-" + day + ".ndjson.sha256"), sha + "  " + file.getFileName() + "\n");
            StepSecrets.Signing signing = secrets.signer(ctx, "public exports");
            Publish.Exports truth = Publish.exports(ctx.db(), ctx.businessDate(), dir, signing.signer(),
                    io.mbp.slo.SloSpecs.services(Publish.objectives(Path.of(ctx.option("slo-specs", "specs/slo")),
                            ctx.options().containsKey("slo-specs"))),
                    ctx.clock());
            return StepOutcome.of(n[0], 2 + truth.written().files().size() + 3, "signed " + truth.written().files().size()
                    + " truth files (manifest sha256 " + truth.written().manifestSha256() + ") and exported seq " + range.first() + ".." + range.last() + " to " + file
                    + " (public-safe projection" + (n[1] == 0 ? "" : ", " + n[1] + " events of personal-data families withheld") + ")" + signing.suffix());
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + " failed", e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
