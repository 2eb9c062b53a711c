package io.mbp.anchor;

import io.mbp.custody.CheckpointStore;
import io.mbp.custody.StoredCheckpoint;
import io.mbp.sql.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The custody panel's data: every checkpoint with its anchors and, when a chain is given, each
 * anchor's state now. Rendering (HTML, JSON) is the command's business.
 */
public final class AnchorReport {
    public record Row(StoredCheckpoint checkpoint, List<AnchorRow> anchors) {
    }

    public record AnchorRow(StoredAnchor anchor, String state, Long confirmations, String detail) {
    }

    private AnchorReport() {
    }

    public static List<Row> build(Database db, Chain chainOrNull, int wanted) {
        List<StoredCheckpoint> cps = db.read(CheckpointStore::all);
        List<StoredAnchor> anchors = db.read(AnchorStore::all);
        Map<Long, AnchorService.Status> status = new HashMap<>();
        if (chainOrNull != null) {
            for (AnchorService.Status s : new AnchorService(db, java.time.Clock.systemUTC(), java.time.Duration.ZERO)
                    .status(chainOrNull, wanted)) {
                status.put(s.anchor().id(), s);
            }
        }
        List<Row> out = new ArrayList<>();
        for (StoredCheckpoint c : cps) {
            List<AnchorRow> rows = new ArrayList<>();
            for (StoredAnchor a : anchors) {
                if (a.checkpointId() == c.id()) {
                    AnchorService.Status s = status.get(a.id());
                    rows.add(s == null
                            ? new AnchorRow(a, "not checked", null, "recorded with " + a.confirmations()
                                    + " confirmations; pass --rpc to re-check the chain")
                            : new AnchorRow(a, s.state(), s.confirmations(), s.detail()));
                }
            }
            out.add(new Row(c, rows));
        }
        return out;
    }
}
