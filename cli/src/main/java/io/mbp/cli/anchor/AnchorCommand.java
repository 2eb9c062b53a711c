package io.mbp.cli.anchor;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.anchor.AnchorService;
import io.mbp.anchor.ChainAccount;
import io.mbp.anchor.Web3jChain;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.custody.StaleKeyOption;
import io.mbp.custody.KeyAge;
import io.mbp.custody.StaleKeyGuard;
import io.mbp.error.ExitCodes;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "anchor", mixinStandardHelpOptions = true,
        description = "Write checkpoints to a public chain and re-check them (docs/anchoring.md).",
        subcommands = {AnchorCommand.Publish.class, AnchorCommand.Status.class})
public final class AnchorCommand {

    /** A checkpoint anchored: where its root landed. */
    @JsonPropertyOrder(alphabetic = true)
    record Anchored(long checkpointId, long treeSize, String rootHash, long chainId, String txHash, long blockNumber,
                    String blockHash, long confirmations, String from) implements TextResult {
        static Anchored of(AnchorService.Published p) {
            var a = p.anchor();
            return new Anchored(a.checkpointId(), p.checkpoint().treeSize(), p.checkpoint().rootHex(), a.chainId(), a.txHash(),
                    a.blockNumber(), a.blockHash(), a.confirmations(), a.fromAddress());
        }

        @Override
        public void printText(PrintWriter out) {
            out.println("anchored checkpoint #" + checkpointId + " (" + treeSize + " events, root " + rootHash + ")");
            out.println("  chain " + chainId + ", tx " + txHash + ", block " + blockNumber + " " + blockHash
                    + ", " + confirmations + " confirmations, from " + from);
        }
    }

    /** One recorded anchor re-checked on the chain. */
    @JsonPropertyOrder(alphabetic = true)
    record AnchorState(long anchorId, long checkpointId, long treeSize, long chainId, String txHash, long blockNumber,
                       String blockHash, String state, long confirmations, String detail, @JsonIgnore boolean healthy) {
        static AnchorState of(AnchorService.Status s) {
            return new AnchorState(s.anchor().id(), s.checkpoint().id(), s.checkpoint().treeSize(), s.anchor().chainId(),
                    s.anchor().txHash(), s.anchor().blockNumber(), s.anchor().blockHash(), s.state(), s.confirmations(),
                    s.detail(), s.healthy());
        }
    }

    /** Every recorded anchor's state. */
    record Statuses(@JsonValue List<AnchorState> anchors) implements TextResult {
        boolean healthy() {
            return anchors.stream().allMatch(AnchorState::healthy);
        }

        @Override
        public void printText(PrintWriter out) {
            if (anchors.isEmpty()) {
                out.println("no anchors yet: run `mbp anchor publish`");
            }
            for (AnchorState s : anchors) {
                out.printf("%s anchor #%d  checkpoint #%d (%d events)  %-9s %s  tx %s%n", s.healthy() ? "✓" : "✗",
                        s.anchorId(), s.checkpointId(), s.treeSize(), s.state(), s.detail(), s.txHash());
            }
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Send a transaction whose data is MBPCKPT1 ‖ size ‖ root of a checkpoint, wait for K",
                "confirmations, and record chain id, tx hash, block number and hash. The chain key comes from",
                "$MBP_CHAIN_KEY (hex) or --chain-keyfile, never from the command line."})
    static final class Publish implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @Mixin RpcOption rpc;
        @Mixin StaleKeyOption staleKey;

        @Option(names = "--checkpoint", paramLabel = "ID", description = "Checkpoint to anchor (default: the latest).") Long checkpoint;

        @Option(names = "--confirmations", paramLabel = "K", defaultValue = "6",
                description = "Blocks (the tx's included) to wait for (default ${DEFAULT-VALUE}).")
        int confirmations;

        @Option(names = "--chain-keyfile", paramLabel = "FILE", description = "File holding the chain account's hex private key.") Path chainKeyfile;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
                description = "Give up waiting for confirmations after this long (default ${DEFAULT-VALUE}).")
        long timeout;

        @Override
        public Integer call() {
            ChainAccount account = ChainAccount.fromHex(Secrets.chainKey(chainKeyfile),
                    chainKeyfile != null ? "--chain-keyfile " + chainKeyfile : "$" + Secrets.CHAIN_KEY_ENV);
            AnchorService.Published p;
            try (Database db = ctx.database()) {
                AnchorService service = new AnchorService(db, ctx.clock(), Duration.ofMillis(250));
                // The chain key's age is its first anchor here (docs/adr/0106); refused past 90 days before any RPC.
                KeyAge age = service.chainKeyAge(account);
                StaleKeyGuard.requireAllowed(age, "anchor", staleKey.allowedBy());
                age.warning().filter(w -> !age.stale()).ifPresent(w -> {
                    ctx.err().println("mbp: warning: " + w);
                    ctx.err().flush();
                });
                try (Web3jChain chain = new Web3jChain(rpc.url())) {
                    service.checkpoint(checkpoint); // a missing checkpoint is bad input before the override is recorded
                    chain.chainId(); // an unreachable chain is exit 5 before the override is recorded
                    StaleKeyGuard.admit(db, age, "anchor", staleKey.allowedBy());
                    p = service.publish(chain, account, checkpoint, confirmations, Duration.ofSeconds(timeout));
                }
            }
            return ctx.render(Anchored.of(p));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Re-check every recorded anchor on the chain: still canonical (same block hash at that",
                "height), receipt status 1, confirmations. Exit 3 if any anchor was reorganized away or failed."})
    static final class Status implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @Mixin RpcOption rpc;

        @Option(names = "--confirmations", paramLabel = "K", defaultValue = "6",
                description = "Confirmations an anchor needs to count as confirmed (default ${DEFAULT-VALUE}).")
        int confirmations;

        @Override
        public Integer call() {
            List<AnchorService.Status> all;
            try (Database db = ctx.database(); Web3jChain chain = new Web3jChain(rpc.url())) {
                all = new AnchorService(db, ctx.clock(), Duration.ofMillis(250)).status(chain, confirmations);
            }
            Statuses r = new Statuses(all.stream().map(AnchorState::of).toList());
            ctx.render(r);
            return r.healthy() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }
}
