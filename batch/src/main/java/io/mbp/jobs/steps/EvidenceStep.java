package io.mbp.jobs.steps;

import io.mbp.custody.CheckpointStore;
import io.mbp.evidence.EvidenceBuilder;
import io.mbp.evidence.EvidenceReports;
import io.mbp.jobs.DataNotReadyException;
import io.mbp.jobs.Step;
import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Builds the evidence bundle for the business date into {@code <out>/evidence/<D>/}, with a
 * consistency proof back to the bundle of D-1 when it is there. Idempotent: a re-run rebuilds the
 * same bundle from the same log and replaces it whole.
 */
public final class EvidenceStep implements Step {
    private final StepSecrets secrets;

    public EvidenceStep(Function<String, String> env) {
        this.secrets = new StepSecrets(env);
    }

    @Override
    public String name() {
        return "evidence";
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        if (ctx.db().read(CheckpointStore::latest).isEmpty()) {
            throw new DataNotReadyException("no checkpoint yet: the evidence bundle needs the seal step first");
        }
        Path root = Path.of(ctx.option("out", "out")).resolve("evidence");
        Path previous = root.resolve(ctx.businessDate().minusDays(1).toString());
        EvidenceBuilder.Request req = new EvidenceBuilder.Request(new EvidenceBuilder.Scope(ctx.businessDate(), null),
                root.resolve(ctx.businessDate().toString()), Files.isRegularFile(previous.resolve("manifest.json")) ? previous : null,
                null, ctx.option("tool-version", "unknown"));
        StepSecrets.Signing signing = secrets.signer(ctx, "evidence");
        EvidenceBuilder.Built b = new EvidenceBuilder(ctx.db(), EvidenceReports.standard()).build(req, signing.signer());
        return StepOutcome.of(b.treeSize(), b.files(), "bundle " + b.dir() + ": checkpoint #" + b.checkpointId() + " ("
                + b.treeSize() + " events), " + b.files() + " files, " + b.anchorTxs().size() + " anchor(s)"
                + (req.previous() == null ? ", no previous bundle" : ", consistent with " + req.previous().getFileName())
                + signing.suffix());
    }
}
