package io.mbp.cli.anchor;

import io.mbp.anchor.AnchorService;
import io.mbp.anchor.ChainAccount;
import io.mbp.anchor.Web3jChain;
import io.mbp.cli.CliClock;
import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.custody.StaleKeyOption;
import io.mbp.custody.KeyAge;
import io.mbp.custody.StaleKeyGuard;
import io.mbp.error.ExitCodes;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "anchor", mixinStandardHelpOptions = true,
        description = "Write checkpoints to a public chain and re-check them (docs/anchoring.md).",
        subcommands = {AnchorCommand.Publish.class, AnchorCommand.Status.class})
public final class AnchorCommand {

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Send a transaction whose data is MBPCKPT1 ‖ size ‖ root of a checkpoint, wait for K",
                "confirmations, and record chain id, tx hash, block number and hash. The chain key comes from",
                "$MBP_CHAIN_KEY (hex) or --chain-keyfile, never from the command line."})
    static final class Publish implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RpcOption rpc;
        @Mixin
        StaleKeyOption staleKey;

        @Option(names = "--checkpoint", paramLabel = "ID", description = "Checkpoint to anchor (default: the latest).")
        Long checkpoint;

        @Option(names = "--confirmations", paramLabel = "K", defaultValue = "6",
                description = "Blocks (the tx's included) to wait for (default ${DEFAULT-VALUE}).")
        int confirmations;

        @Option(names = "--chain-keyfile", paramLabel = "FILE", description = "File holding the chain account's hex private key.")
        Path chainKeyfile;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
                description = "Give up waiting for confirmations after this long (default ${DEFAULT-VALUE}).")
        long timeout;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            ChainAccount account = ChainAccount.fromHex(Secrets.chainKey(chainKeyfile),
                    chainKeyfile != null ? "--chain-keyfile " + chainKeyfile : "$" + Secrets.CHAIN_KEY_ENV);
            AnchorService.Published p;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                AnchorService service = new AnchorService(db, CliClock.get(), Duration.ofMillis(250));
                // The chain key's age is its first anchor here (docs/adr/0106); refused past 90 days before any RPC.
                KeyAge age = service.chainKeyAge(account);
                StaleKeyGuard.requireAllowed(age, "anchor", staleKey.allowedBy());
                age.warning().filter(w -> !age.stale()).ifPresent(w -> {
                    spec.commandLine().getErr().println("mbp: warning: " + w);
                    spec.commandLine().getErr().flush();
                });
                try (Web3jChain chain = new Web3jChain(rpc.url())) {
                    service.checkpoint(checkpoint); // a missing checkpoint is bad input before the override is recorded
                    chain.chainId(); // an unreachable chain is exit 5 before the override is recorded
                    StaleKeyGuard.admit(db, age, "anchor", staleKey.allowedBy());
                    p = service.publish(chain, account, checkpoint, confirmations, Duration.ofSeconds(timeout));
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            var a = p.anchor();
            if (g.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("checkpoint_id", a.checkpointId());
                m.put("tree_size", p.checkpoint().treeSize());
                m.put("root_hash", p.checkpoint().rootHex());
                m.put("chain_id", a.chainId());
                m.put("tx_hash", a.txHash());
                m.put("block_number", a.blockNumber());
                m.put("block_hash", a.blockHash());
                m.put("confirmations", a.confirmations());
                m.put("from", a.fromAddress());
                Render.json(out, m);
            } else {
                out.println("anchored checkpoint #" + a.checkpointId() + " (" + p.checkpoint().treeSize() + " events, root "
                        + p.checkpoint().rootHex() + ")");
                out.println("  chain " + a.chainId() + ", tx " + a.txHash() + ", block " + a.blockNumber() + " " + a.blockHash()
                        + ", " + a.confirmations() + " confirmations, from " + a.fromAddress());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Re-check every recorded anchor on the chain: still canonical (same block hash at that",
                "height), receipt status 1, confirmations. Exit 3 if any anchor was reorganized away or failed."})
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RpcOption rpc;

        @Option(names = "--confirmations", paramLabel = "K", defaultValue = "6",
                description = "Confirmations an anchor needs to count as confirmed (default ${DEFAULT-VALUE}).")
        int confirmations;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            List<AnchorService.Status> all;
            try (Database db = Database.openMigrated(g.dbUrl()); Web3jChain chain = new Web3jChain(rpc.url())) {
                all = new AnchorService(db, Clock.systemUTC(), Duration.ofMillis(250)).status(chain, confirmations);
            }
            PrintWriter out = spec.commandLine().getOut();
            boolean healthy = all.stream().allMatch(AnchorService.Status::healthy);
            if (g.json()) {
                List<Object> list = new ArrayList<>();
                for (AnchorService.Status s : all) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("anchor_id", s.anchor().id());
                    m.put("checkpoint_id", s.checkpoint().id());
                    m.put("tree_size", s.checkpoint().treeSize());
                    m.put("chain_id", s.anchor().chainId());
                    m.put("tx_hash", s.anchor().txHash());
                    m.put("block_number", s.anchor().blockNumber());
                    m.put("block_hash", s.anchor().blockHash());
                    m.put("state", s.state());
                    m.put("confirmations", s.confirmations());
                    m.put("detail", s.detail());
                    list.add(m);
                }
                Render.json(out, list);
            } else {
                if (all.isEmpty()) {
                    out.println("no anchors yet: run `mbp anchor publish`");
                }
                for (AnchorService.Status s : all) {
                    out.printf("%s anchor #%d  checkpoint #%d (%d events)  %-9s %s  tx %s%n", s.healthy() ? "✓" : "✗",
                            s.anchor().id(), s.checkpoint().id(), s.checkpoint().treeSize(), s.state(), s.detail(),
                            s.anchor().txHash());
                }
                out.flush();
            }
            return healthy ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }
}
