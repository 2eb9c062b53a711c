package io.mbp.cli.custody;

import io.mbp.cli.CliClock;
import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.custody.KeyStore;
import io.mbp.custody.NoteSigner;
import io.mbp.custody.SealService;
import io.mbp.custody.StoredCheckpoint;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "seal", mixinStandardHelpOptions = true,
        description = {"Sign a checkpoint (C2SP tlog-checkpoint) of the whole event log.",
            "First re-hashes every event and checks the stored tree and the previous checkpoint still match:",
            "if an event was altered or removed outside mbp, nothing is sealed and the exit code is 3."})
public final class SealCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KeyFileOption keys;
    @Mixin
    StaleKeyOption staleKey;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        KeyStore store = keys.store();
        staleKey.checkOperator(store, "seal");
        SealService.Result r;
        try (Database db = Database.openMigrated(g.dbUrl())) {
            NoteSigner signer = staleKey.operatorSigner(store, db, "seal");
            r = new SealService(db, CliClock.get()).seal(signer);
        }
        StoredCheckpoint c = r.checkpoint();
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            Map<String, Object> m = checkpointJson(c);
            m.put("created", r.created());
            m.put("events_rehashed", r.eventsRehashed());
            Render.json(out, m);
        } else {
            if (r.created()) {
                out.println("sealed checkpoint #" + c.id() + ": " + c.treeSize() + " events, root " + c.rootHex()
                        + ", key " + c.keyId());
                out.println(r.previous().map(p -> "consistent with checkpoint #" + p.id() + " (" + p.treeSize()
                        + " events): proof of " + c.consistencyProof().size() + " hashes verified")
                        .orElse("first checkpoint of this log"));
            } else {
                out.println("nothing new since checkpoint #" + c.id() + " (" + c.treeSize() + " events); history re-verified");
            }
            out.print(c.note());
            out.flush();
        }
        return 0;
    }

    static Map<String, Object> checkpointJson(StoredCheckpoint c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("tree_size", c.treeSize());
        m.put("root_hash", c.rootHex());
        m.put("origin", c.origin());
        m.put("key_id", c.keyId());
        m.put("previous_size", c.previousSize());
        m.put("consistency_proof", c.consistencyProof());
        m.put("created_at", c.createdAt());
        m.put("note", c.note());
        return m;
    }
}
