package io.mbp.evidence;

import io.mbp.anchor.AnchorPublished;
import io.mbp.custody.CheckpointSealed;
import io.mbp.events.EventPayload;
import io.mbp.sql.Database;
import java.util.ArrayList;
import java.util.List;

/** Checkpoints sealed and anchors published, as the log itself records them. */
final class CustodyReport implements EvidenceReport {
    @Override
    public String name() {
        return "custody";
    }

    @Override
    public Pass open(Database db, long treeSize) {
        List<String> out = new ArrayList<>();
        return new Pass() {
            @Override
            public void accept(LogRow e) {
                if (!e.type().equals("CheckpointSealed") && !e.type().equals("AnchorPublished")) {
                    return;
                }
                EventPayload p = e.decoded();
                if (p instanceof CheckpointSealed c) {
                    out.add("checkpoint " + c.checkpointId() + " size " + c.treeSize() + " root " + c.rootHash() + " key "
                            + c.keyId() + " seq " + e.seq());
                } else if (p instanceof AnchorPublished a) {
                    out.add("anchor checkpoint " + a.checkpointId() + " size " + a.treeSize() + " chain " + a.chainId() + " tx "
                            + a.txHash() + " block " + a.blockNumber() + " seq " + e.seq());
                }
            }

            @Override
            public List<String> finish() {
                if (out.isEmpty()) {
                    out.add("no checkpoint or anchor events in seq 0.." + (treeSize - 1));
                }
                return out;
            }
        };
    }
}
