package io.mbp.jobs.steps;

import static io.mbp.sql.schema.Tables.ANCHOR_INTENTS;

import io.mbp.anchor.AnchorService;
import io.mbp.anchor.AnchorStore;
import io.mbp.anchor.Chain;
import io.mbp.anchor.ChainAccount;
import io.mbp.anchor.StoredAnchor;
import io.mbp.anchor.Web3jChain;
import io.mbp.custody.CheckpointStore;
import io.mbp.custody.StoredCheckpoint;
import io.mbp.error.BadInputException;
import io.mbp.events.Timestamps;
import io.mbp.jobs.DataNotReadyException;
import io.mbp.jobs.Step;
import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Record2;

/**
 * Anchors the latest checkpoint on the chain (custody's {@link AnchorService}). Never a second
 * anchor for a checkpoint: an anchor already recorded ends the step; a transaction already sent
 * (noted in anchor_intents right after sending) is awaited, not sent again, unless the chain has
 * dropped it. With the option {@code skip-anchor} the step completes without a chain and says so.
 */
public final class AnchorStep implements Step {
    private final StepSecrets secrets;

    public AnchorStep(Function<String, String> env) {
        this.secrets = new StepSecrets(env);
    }

    @Override
    public String name() {
        return "anchor";
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        StoredCheckpoint cp = ctx.db().read(CheckpointStore::latest).orElseThrow(() ->
                new DataNotReadyException("no checkpoint to anchor: the seal step made none yet"));
        if (Boolean.parseBoolean(ctx.option("skip-anchor", "false"))) {
            return StepOutcome.of(0, 0, "SKIPPED (--skip-anchor): checkpoint #" + cp.id() + " is NOT anchored;"
                    + " run `mbp anchor publish --checkpoint " + cp.id() + "` where a chain is reachable");
        }
        List<StoredAnchor> done = ctx.db().read(dsl -> AnchorStore.forCheckpoint(dsl, cp.id()));
        if (!done.isEmpty()) {
            StoredAnchor a = done.get(0);
            return StepOutcome.of(1, 0, "checkpoint #" + cp.id() + " already anchored: chain " + a.chainId() + ", tx " + a.txHash());
        }
        int confirmations = intOption(ctx, "confirmations", 6);
        Duration timeout = Duration.ofSeconds(intOption(ctx, "timeout", 300));
        String rpc = ctx.option("rpc", "http://127.0.0.1:8545");
        ChainAccount account = secrets.chainAccount(ctx);
        AnchorService service = new AnchorService(ctx.db(), ctx.clock(), Duration.ofMillis(250));
        try (Web3jChain chain = new Web3jChain(rpc)) {
            long chainId = chain.chainId();
            Optional<Record2<String, String>> intent = ctx.db().read(dsl -> dsl.select(ANCHOR_INTENTS.TX_HASH, ANCHOR_INTENTS.SENT_AT)
                    .from(ANCHOR_INTENTS).where(ANCHOR_INTENTS.CHECKPOINT_ID.eq(cp.id()).and(ANCHOR_INTENTS.CHAIN_ID.eq(chainId)))
                    .fetchOptional());
            String tx;
            String how;
            String stale = "";
            if (intent.isPresent() && onChain(chain, intent.get().value1().trim())) {
                tx = intent.get().value1().trim();
                how = "finished tx " + tx + " sent at " + intent.get().value2() + " by an earlier run";
            } else {
                // Only a transaction about to be signed needs the key young enough (or the override).
                stale = secrets.admit(ctx, service.chainKeyAge(account), "anchor").map(n -> "; " + n).orElse("");
                tx = service.send(chain, account, cp);
                String sent = Timestamps.format(ctx.clock().instant().truncatedTo(ChronoUnit.MILLIS));
                ctx.db().inTransaction(dsl -> {
                    dsl.deleteFrom(ANCHOR_INTENTS).where(ANCHOR_INTENTS.CHECKPOINT_ID.eq(cp.id())
                            .and(ANCHOR_INTENTS.CHAIN_ID.eq(chainId))).execute();
                    return dsl.insertInto(ANCHOR_INTENTS, ANCHOR_INTENTS.CHECKPOINT_ID, ANCHOR_INTENTS.CHAIN_ID,
                            ANCHOR_INTENTS.TX_HASH, ANCHOR_INTENTS.FROM_ADDRESS, ANCHOR_INTENTS.SENT_AT)
                            .values(cp.id(), chainId, tx, account.address(), sent).execute();
                });
                how = intent.isPresent() ? "re-sent: the chain no longer knows tx " + intent.get().value1().trim() : "sent tx " + tx;
            }
            AnchorService.Published p = service.confirmAndRecord(chain, account, cp, tx, confirmations, timeout);
            return StepOutcome.of(1, 1, "anchored checkpoint #" + cp.id() + " (" + cp.treeSize() + " events) on chain "
                    + chainId + " block " + p.anchor().blockNumber() + ": " + how + stale);
        }
    }

    private static boolean onChain(Chain chain, String tx) {
        return chain.receipt(tx).isPresent() || chain.transaction(tx).isPresent();
    }

    private static int intOption(StepContext ctx, String key, int fallback) {
        String v = ctx.option(key, Integer.toString(fallback));
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BadInputException("--" + key + " " + v + ": not a whole number");
        }
    }
}
