package io.mbp.cli.audit;

import io.mbp.anchor.JsonRpcChain;
import io.mbp.audit.AuditWorkpapers;
import io.mbp.audit.CustodyAudit;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.cli.custody.KeyFileOption;
import io.mbp.cli.custody.StaleKeyOption;
import io.mbp.error.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "custody", mixinStandardHelpOptions = true,
        description = {"Custody audit workpapers: a reproducible random sample (--seed; SHA-256 counter mode, docs/adr/0026) of",
            "events and checkpoints, each inclusion and consistency proof verified against the latest checkpoint, every",
            "anchor cross-checked on the chain at --rpc, the key inventory and rotations against the 90-day policy.",
            "Writes DIR/report.json, report.md (with the auditor's sign-off) and report.dsse.json (signed by the operator key).",
            "Exit codes: 0 clean, 3 findings, 4 bad input (DIR not empty, no checkpoint), 5 chain unreachable."})
public final class AuditCustodyCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;
    @Mixin KeyFileOption keys;
    @Mixin StaleKeyOption staleKey;

    @Option(names = "--sample", required = true, paramLabel = "N", description = "Events and checkpoints to draw (each).") int sample;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "The draw's seed; the same seed redraws the same sample.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Workpapers folder (new or empty).") Path out;

    @Option(names = "--rpc", paramLabel = "URL",
            description = "Chain JSON-RPC URL to cross-check every anchor on; without it the anchors are a finding (not checked).")
    String rpc;

    record Done(String out, boolean clean, long treeSize, int events, int checkpoints, int anchors, int keys,
                List<String> findings) implements TextResult {
        @Override
        public void printText(PrintWriter w) {
            w.println("custody audit of " + treeSize + " events: " + events + " event(s), " + checkpoints + " checkpoint(s), " + anchors
                    + " anchor(s), " + keys + " key(s) checked: " + (clean ? "clean" : findings.size() + " finding(s)"));
            findings.forEach(f -> w.println("  finding: " + f));
            w.println("workpapers: " + out + "/report.md, report.json, report.dsse.json");
        }
    }

    @Override
    public Integer call() {
        CustodyAudit.Result r = staleKey.signing(keys.store(), ctx, "audit", (db, signer) -> {
            CustodyAudit.Result res = new CustodyAudit(db).run(sample, seed, rpc == null ? null : () -> new JsonRpcChain(rpc),
                    ctx.clock().instant());
            AuditWorkpapers.write(out, res, signer);
            return res;
        });
        ctx.render(new Done(out.toString(), r.clean(), r.treeSize(), r.events().size(), r.checkpoints().size(), r.anchors().size(),
                r.keys().size(), r.findings()));
        return r.clean() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
    }
}
