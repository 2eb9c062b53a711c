package io.mbp.cli.custody;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.custody.SealService;
import io.mbp.custody.StoredCheckpoint;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "seal", mixinStandardHelpOptions = true,
        description = {"Sign a checkpoint (C2SP tlog-checkpoint) of the whole event log.",
            "First re-hashes the events after the previous checkpoint, checks that the stored subtrees still fold to",
            "its signed root and re-verifies 256 random older events (every 7th checkpoint, and with --full-audit:",
            "every event; ADR 0109): if an event was altered or removed outside mbp, nothing is sealed and the",
            "exit code is 3."})
public final class SealCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;
    @Mixin KeyFileOption keys;
    @Mixin StaleKeyOption staleKey;

    @Option(names = "--full-audit", description = "Re-hash every event of the log, not only those after the previous checkpoint.")
    boolean fullAudit;

    /** The checkpoint sealed (or the latest, when nothing was new) and what was re-verified. */
    @JsonPropertyOrder(alphabetic = true)
    record Sealed(long id, long treeSize, String rootHash, String origin, String keyId, long previousSize,
                  List<String> consistencyProof, String createdAt, String note, boolean created, long eventsRehashed,
                  boolean fullAudit, int sampled, @JsonIgnore String previous) implements TextResult {
        static Sealed of(SealService.Result r) {
            StoredCheckpoint c = r.checkpoint();
            return new Sealed(c.id(), c.treeSize(), c.rootHex(), c.origin(), c.keyId(), c.previousSize(), c.consistencyProof(),
                    c.createdAt(), c.note(), r.created(), r.eventsRehashed(), r.fullAudit(), r.sampled(),
                    r.previous().map(p -> "consistent with checkpoint #" + p.id() + " (" + p.treeSize()
                            + " events): proof of " + c.consistencyProof().size() + " hashes verified")
                            .orElse("first checkpoint of this log"));
        }

        @Override
        public void printText(PrintWriter out) {
            if (created) {
                out.println("sealed checkpoint #" + id + ": " + treeSize + " events, root " + rootHash + ", key " + keyId);
                out.println(previous);
                out.println(fullAudit ? "full audit: all " + eventsRehashed + " events re-hashed"
                        : eventsRehashed + " events re-hashed: those after the previous checkpoint and " + sampled
                        + " sampled older ones; the previous checkpoint's subtrees fold to its signed root");
            } else {
                out.println("nothing new since checkpoint #" + id + " (" + treeSize + " events); history re-verified");
            }
            out.print(note);
        }
    }

    @Override
    public Integer call() {
        return ctx.render(Sealed.of(staleKey.signing(keys.store(), ctx, "seal",
                (db, signer) -> new SealService(db, ctx.clock())
                        .seal(signer, fullAudit ? SealService.Audit.FULL : SealService.Audit.NIGHTLY))));
    }
}
