package io.mbp.cli.webhooks;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.cli.daemon.DaemonCommand;
import io.mbp.error.UsageException;
import io.mbp.sql.Database;
import io.mbp.webhooks.DeliveryPolicy;
import io.mbp.webhooks.HttpWebhookSender;
import io.mbp.webhooks.WebhookSecrets;
import io.mbp.webhooks.WebhookService;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "webhooks", mixinStandardHelpOptions = true,
        description = {"Webhooks (docs/webhooks.md): subscriptions are made through POST /v2/webhooks; the daemon's worker",
            "delivers. These commands list them, deliver in batch and replay deliveries. Every attempt is a log event."},
        subcommands = {WebhooksCommand.ListSubscriptions.class, WebhooksCommand.Deliver.class, WebhooksCommand.Replay.class})
public final class WebhooksCommand {

    static WebhookService service(Database db, CommandContext ctx, WebhookSecrets secrets) {
        return new WebhookService(db, ctx.clock(), DeliveryPolicy.DEFAULT, secrets, new HttpWebhookSender());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Active subscriptions with their pending and dead-lettered deliveries.")
    static final class ListSubscriptions implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = "--client", paramLabel = "C", description = "Only this client's.") String client;

        record Result(@JsonValue List<Map<String, Object>> rows) implements TextResult {
            @Override
            public void printText(PrintWriter out) {
                out.printf("%-20s %-16s %-8s %-6s %-40s %s%n", "ID", "CLIENT", "PENDING", "DEAD", "TOPICS", "URL");
                for (Map<String, Object> r : rows) {
                    out.printf("%-20s %-16s %-8s %-6s %-40s %s%n", r.get("id"), r.get("client"), r.get("pending"), r.get("dead_lettered"),
                            String.join(",", castList(r.get("topics"))), r.get("url"));
                }
            }
        }

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(new Result(service(db, ctx, null).list(client)));
            }
        }
    }

    @Command(name = "deliver", mixinStandardHelpOptions = true,
            description = {"Send every delivery due now once (batch; the daemon's worker does the same every second).",
                "Failures are retried later with backoff, dead-lettered after 8 attempts. Needs $MBP_WEBHOOK_KEY."})
    static final class Deliver implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = "--max", defaultValue = "1000", paramLabel = "N", description = "Most attempts in this run (default ${DEFAULT-VALUE}).")
        int max;

        record Result(int delivered, int failed, int deadLettered) implements TextResult {
            @Override
            public void printText(PrintWriter out) {
                out.println("webhooks: " + delivered + " delivered, " + failed + " failed (retried later), " + deadLettered + " dead-lettered");
            }
        }

        @Override
        public Integer call() {
            WebhookSecrets secrets = DaemonCommand.webhookKey();
            if (secrets == null) {
                throw new UsageException("$" + WebhookSecrets.KEY_ENV + " is not set: deliveries cannot be signed (docs/webhooks.md)");
            }
            int delivered = 0;
            int failed = 0;
            int dead = 0;
            try (Database db = ctx.database()) {
                WebhookService svc = service(db, ctx, secrets);
                while (delivered + failed < max) {
                    WebhookService.Pass p = svc.deliverDue(Math.min(50, max - delivered - failed));
                    if (p.attempts() == 0) {
                        break;
                    }
                    delivered += p.delivered();
                    failed += p.failed();
                    dead += p.deadLettered();
                }
            }
            return ctx.render(new Result(delivered, failed, dead));
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Make deliveries due again with a fresh attempt budget: one by id (<subscription>:<seq>, also one",
                "already delivered) or every dead-lettered one. The daemon's worker or `mbp webhooks deliver` sends them."})
    static final class Replay implements Callable<Integer> {
        @Mixin CommandContext ctx;

        static final class Which {
            @Option(names = "--delivery", required = true, paramLabel = "ID", description = "The delivery id.") String delivery;

            @Option(names = "--dead-letter", required = true, description = "Every dead-lettered delivery.") boolean deadLetter;
        }

        @ArgGroup(exclusive = true, multiplicity = "1") Which which;

        @Option(names = "--by", paramLabel = "WHO", description = "Who asks (default: the system user name).")
        String by = System.getProperty("user.name", "operator");

        record Result(List<String> replayed) implements TextResult {
            @Override
            public void printText(PrintWriter out) {
                out.println(replayed.isEmpty() ? "nothing to replay" : "replayed " + replayed.size() + ": " + String.join(", ", replayed));
            }
        }

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(new Result(service(db, ctx, null).replay(which.delivery, "operator:" + by)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }
}
