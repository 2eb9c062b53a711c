package io.mbp.anchor;

import io.mbp.custody.CheckpointStore;
import io.mbp.custody.KeyAge;
import io.mbp.custody.StoredCheckpoint;
import io.mbp.error.BadInputException;
import io.mbp.error.InfrastructureException;
import io.mbp.error.VerificationFailedException;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Publishes checkpoints to a chain and re-checks published anchors. Publishing waits for K
 * confirmations and checks the block is still canonical before it records anything, so a recorded
 * anchor was, at that moment, K blocks deep in the chain the RPC node follows.
 */
public final class AnchorService {
    private static final Logger LOG = LogManager.getLogger(AnchorService.class);
    private static final HexFormat HEX = HexFormat.of();
    private final Database db;
    private final Clock clock;
    private final Duration poll;

    public AnchorService(Database db, Clock clock, Duration poll) {
        this.db = db;
        this.clock = clock;
        this.poll = poll;
    }

    public record Published(StoredCheckpoint checkpoint, StoredAnchor anchor) {
    }

    /** The chain key's age now: since its first anchor in this database (now, if it has none yet). */
    public KeyAge chainKeyAge(ChainAccount account) {
        Instant now = clock.instant();
        Instant since = db.read(dsl -> AnchorStore.firstUse(dsl, account.address())).orElse(now);
        return new KeyAge(KeyAge.Kind.CHAIN, account.address(), since, now);
    }

    /** The checkpoint {@code id}, or the latest one when {@code id} is null. */
    public StoredCheckpoint checkpoint(Long id) {
        return db.read(dsl -> id == null
                ? CheckpointStore.latest(dsl).orElseThrow(() -> new BadInputException("no checkpoint yet: run `mbp seal` first"))
                : CheckpointStore.byId(dsl, id).orElseThrow(() -> new BadInputException("checkpoint #" + id + ": no such checkpoint").about("checkpoint")));
    }

    public Published publish(Chain chain, ChainAccount from, Long checkpointId, int confirmations, Duration timeout) {
        if (confirmations < 1) {
            throw new BadInputException("an anchor needs at least 1 confirmation (the block holding the transaction)")
                    .about("anchor-confirmations");
        }
        StoredCheckpoint cp = checkpoint(checkpointId);
        String tx = send(chain, from, cp);
        return confirmAndRecord(chain, from, cp, tx, confirmations, timeout);
    }

    /** Sends the anchor transaction for {@code cp} and returns its hash; records nothing. */
    public String send(Chain chain, ChainAccount from, StoredCheckpoint cp) {
        AnchorPayload payload = new AnchorPayload(cp.treeSize(), HEX.parseHex(cp.rootHex()));
        String tx = chain.sendData(from, payload.encode());
        LOG.info("anchor of checkpoint #{} (size {}, root {}) sent from {}: transaction {}", cp.id(), cp.treeSize(),
                cp.rootHex(), from.address(), tx);
        return tx;
    }

    /**
     * Waits for K confirmations of an already sent anchor transaction {@code tx}, then records it.
     * Split from {@link #publish} so a job that noted the hash before a crash can finish the same
     * transaction instead of sending a second one.
     */
    public Published confirmAndRecord(Chain chain, ChainAccount from, StoredCheckpoint cp, String tx, int confirmations,
                                      Duration timeout) {
        if (confirmations < 1) {
            throw new BadInputException("an anchor needs at least 1 confirmation (the block holding the transaction)")
                    .about("anchor-confirmations");
        }
        long chainId = chain.chainId();
        Instant deadline = clock.instant().plus(timeout);
        Chain.Receipt receipt;
        long depth;
        while (true) {
            Optional<Chain.Receipt> r = chain.receipt(tx);
            if (r.isPresent()) {
                if (!r.get().success()) {
                    throw new VerificationFailedException("anchor transaction " + tx + " failed on chain (receipt status 0)");
                }
                long head = chain.blockNumber();
                depth = head - r.get().blockNumber() + 1;
                Optional<String> canonical = chain.blockHash(r.get().blockNumber());
                if (depth >= confirmations && canonical.isPresent() && canonical.get().equalsIgnoreCase(r.get().blockHash())) {
                    receipt = r.get();
                    break;
                }
            }
            if (clock.instant().isAfter(deadline)) {
                LOG.info("anchor transaction {} of checkpoint #{}: not {} confirmations within {} s; nothing recorded",
                        tx, cp.id(), confirmations, timeout.toSeconds());
                throw new InfrastructureException("anchor transaction " + tx + " was sent but did not reach " + confirmations
                        + " confirmations within " + timeout.toSeconds() + " s; nothing was recorded. Check the chain and"
                        + " publish again (a second transaction for the same checkpoint is harmless)");
            }
            sleep();
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Chain.Receipt rc = receipt;
        long d = depth;
        StoredAnchor stored = db.inTransaction(dsl -> {
            EventLog.lockWritersOnSqlite(dsl); // reads the next id, then inserts: after a confirmed transaction, never fail here
            StoredAnchor a = new StoredAnchor(AnchorStore.nextId(dsl), cp.id(), chainId, tx, from.address(), rc.blockNumber(),
                    rc.blockHash(), d, Timestamps.format(now));
            AnchorStore.insert(dsl, a);
            EventLog.appendIn(dsl, List.of(NewEvent.of(AnchorEvents.TYPES, AnchorEvent.STREAM, now,
                    new AnchorPublished(cp.id(), cp.treeSize(), cp.rootHex(), chainId, tx, rc.blockNumber(), rc.blockHash(),
                            d, a.publishedAt()))).iterator());
            return a;
        });
        LOG.info("anchor of checkpoint #{} confirmed on chain {}: transaction {} in block {} ({}), {} confirmation(s)",
                cp.id(), chainId, tx, stored.blockNumber(), stored.blockHash(), stored.confirmations());
        return new Published(cp, stored);
    }

    /** One anchor re-checked against the chain now. */
    public record Status(StoredAnchor anchor, StoredCheckpoint checkpoint, String state, long confirmations, String detail) {
        public boolean healthy() {
            return "confirmed".equals(state) || "pending".equals(state);
        }
    }

    public List<Status> status(Chain chain, int wanted) {
        List<StoredAnchor> anchors = db.read(AnchorStore::all);
        List<Status> out = new ArrayList<>();
        long chainId = chain.chainId();
        long head = chain.blockNumber();
        for (StoredAnchor a : anchors) {
            StoredCheckpoint cp = db.read(dsl -> CheckpointStore.byId(dsl, a.checkpointId()).orElseThrow());
            out.add(check(chain, chainId, head, a, cp, wanted));
        }
        return out;
    }

    private static Status check(Chain chain, long chainId, long head, StoredAnchor a, StoredCheckpoint cp, int wanted) {
        if (a.chainId() != chainId) {
            return new Status(a, cp, "other-chain", 0, "anchored on chain " + a.chainId() + ", the RPC serves chain " + chainId);
        }
        Optional<Chain.Receipt> r = chain.receipt(a.txHash());
        if (r.isEmpty()) {
            return new Status(a, cp, "reorged", 0, "transaction " + a.txHash() + " is no longer in the chain"
                    + " (block " + a.blockNumber() + " was reorganized away); publish again");
        }
        if (!r.get().success()) {
            return new Status(a, cp, "failed", 0, "receipt status 0");
        }
        Optional<String> canonical = chain.blockHash(a.blockNumber());
        if (canonical.isEmpty() || !canonical.get().equalsIgnoreCase(a.blockHash())
                || !r.get().blockHash().equalsIgnoreCase(a.blockHash())) {
            return new Status(a, cp, "reorged", 0, "block " + a.blockNumber() + " is now " + canonical.orElse("missing")
                    + ", recorded " + a.blockHash() + "; publish again");
        }
        long confirmations = head - a.blockNumber() + 1;
        return new Status(a, cp, confirmations >= wanted ? "confirmed" : "pending", confirmations,
                confirmations + " confirmations, receipt status 1, block hash canonical");
    }

    private void sleep() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while waiting for confirmations");
        }
    }
}
