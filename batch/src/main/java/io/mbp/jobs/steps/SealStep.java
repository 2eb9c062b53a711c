package io.mbp.jobs.steps;


import io.mbp.custody.CheckpointStore;
import io.mbp.custody.SealService;
import io.mbp.custody.StoredCheckpoint;
import io.mbp.events.EventLog;
import io.mbp.jobs.DataNotReadyException;
import io.mbp.jobs.Step;
import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Seals the log for the business date (custody's {@link SealService}). Idempotent: when nothing but
 * seal's, anchor's and the publication steps' own bookkeeping events (which every night appends after the
 * checkpoint) follows the latest checkpoint, the log did not grow and no checkpoint is made.
 */
public final class SealStep implements Step {
    /**
     * Events that seal and anchor append about a checkpoint, and the publication records the exports and
     * status-site steps append after it (ADR 0605), and a Go/No-Go decision that changed only because a
     * re-run found the publications of the run before (ADR 0025); they alone do not call for a new one,
     * and the next checkpoint made for other events covers them.
     */
    public static final Set<String> BOOKKEEPING = Set.of("CheckpointSealed", "AnchorPublished", "ExportsPublished", "StatusSiteBuilt", "GateChecked");
    private final StepSecrets secrets;

    public SealStep(Function<String, String> env) {
        this.secrets = new StepSecrets(env);
    }

    @Override
    public String name() {
        return "seal";
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        long size = new EventLog(ctx.db()).size();
        if (size == 0) {
            throw new DataNotReadyException("the event log is empty: nothing to seal for " + ctx.businessDate());
        }
        Optional<StoredCheckpoint> latest = ctx.db().read(CheckpointStore::latest);
        if (latest.isPresent()) {
            long from = latest.get().treeSize();
            long grown = ctx.db().read(dsl -> EventLog.countFrom(dsl, from, BOOKKEEPING));
            if (grown == 0) {
                StoredCheckpoint c = latest.get();
                return StepOutcome.of(size, 0, "no new events since checkpoint #" + c.id() + " (" + c.treeSize()
                        + " events); no checkpoint made");
            }
        }
        StepSecrets.Signing signing = secrets.signer(ctx, "seal");
        SealService.Result r = new SealService(ctx.db(), ctx.clock()).seal(signing.signer());
        StoredCheckpoint c = r.checkpoint();
        return StepOutcome.of(r.eventsRehashed(), r.created() ? 1 : 0, (r.created() ? "sealed checkpoint #" : "unchanged checkpoint #")
                + c.id() + ": " + c.treeSize() + " events, root " + c.rootHex() + signing.suffix());
    }
}
