package io.mbp.anchor;

import io.mbp.custody.CheckpointStore;
import io.mbp.custody.StoredCheckpoint;
import io.mbp.error.BadInputException;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.merkle.DbNodeSource;
import io.mbp.merkle.MerkleTree;
import io.mbp.sql.Database;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Builds the proof file for one event: O(log n) reads, whatever the size of the log. */
public final class ProofExporter {
    private final Database db;

    public ProofExporter(Database db) {
        this.db = db;
    }

    /**
     * The proof of event {@code seq} against checkpoint {@code checkpointId}, or by default the
     * newest anchored checkpoint that covers it (else the newest checkpoint that covers it).
     */
    public ProofBundle export(long seq, Long checkpointId) {
        Event e = new EventLog(db).get(seq);
        if (e == null) {
            throw new BadInputException("event " + seq + ": the log has no such event").about("proof-event");
        }
        return db.read(dsl -> {
            StoredCheckpoint cp;
            if (checkpointId != null) {
                cp = CheckpointStore.byId(dsl, checkpointId)
                        .orElseThrow(() -> new BadInputException("checkpoint #" + checkpointId + ": no such checkpoint")
                                .about("checkpoint"));
                if (cp.treeSize() <= seq) {
                    throw new BadInputException("checkpoint #" + checkpointId + " covers events 0.." + (cp.treeSize() - 1)
                            + ", not event " + seq);
                }
            } else {
                List<StoredCheckpoint> covering = CheckpointStore.all(dsl).stream().filter(c -> c.treeSize() > seq)
                        .sorted(Comparator.comparingLong(StoredCheckpoint::id).reversed()).toList();
                if (covering.isEmpty()) {
                    throw new BadInputException("event " + seq + " is not sealed yet: run `mbp seal` first");
                }
                cp = covering.stream().filter(c -> !AnchorStore.forCheckpoint(dsl, c.id()).isEmpty()).findFirst()
                        .orElse(covering.get(0));
            }
            Optional<StoredAnchor> a = AnchorStore.latestFor(dsl, cp.id());
            List<byte[]> path = new MerkleTree(DbNodeSource.forProofs(dsl)).inclusionProof(seq, cp.treeSize());
            ProofBundle.Anchor anchor = a.map(x -> new ProofBundle.Anchor(x.chainId(), x.txHash(), x.blockNumber(), x.blockHash()))
                    .orElse(null);
            return ProofBundle.of(e, cp.treeSize(), path, cp.note(), cp.keyId(), anchor);
        });
    }
}
