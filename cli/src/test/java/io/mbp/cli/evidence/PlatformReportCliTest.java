package io.mbp.cli.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.custody.Secrets;
import io.mbp.cli.testing.Cli;
import io.mbp.sql.Database;
import io.mbp.webhooks.DeliveryPolicy;
import io.mbp.webhooks.WebhookSecrets;
import io.mbp.webhooks.WebhookSender;
import io.mbp.webhooks.WebhookService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S22's platform report counts the events `mbp api-keys` and the webhook service really log
 * (io.mbp.apiclient, io.mbp.webhooks), says quota rejections have no log evidence, and replays identically.
 */
class PlatformReportCliTest {
    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();

    @AfterEach
    void plainEnvironment() {
        Secrets.useEnvironment(null);
    }

    private String url() {
        return "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    private String ok(String... args) {
        Secrets.useEnvironment(env::get);
        return Cli.ok(url(), args);
    }

    private static String field(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + ": ")).findFirst().orElseThrow().substring(name.length() + 2);
    }

    @Test
    void theReportCountsTheRealApiClientAndWebhookEvents() throws Exception {
        env.put("MBP_VAULT_PASSPHRASE", "platform report test passphrase");
        env.put("MBP_KEK_FILE", tmp.resolve("keys/vault-kek.json").toString());
        env.put("MBP_KEY_PASSPHRASE", "platform report test passphrase");
        env.put("MBP_KEYFILE", tmp.resolve("keys.json").toString());
        // Held open so H2 does not close and reopen its store in this JVM (h2database#2752).
        try (Database db = Database.openMigrated(url())) {
            ok("privacy", "kek", "init");
            String acme = field(ok("api-keys", "create", "--client", "acme", "--scopes", "read,trade"), "key_id");
            ok("api-keys", "create", "--client", "partner", "--scopes", "read");
            ok("api-keys", "rotate", "--key", acme, "--overlap", "PT1H", "--secret-out", tmp.resolve("acme-2.secret").toString());
            ok("api-keys", "revoke", "--key", acme);
            ok("api-keys", "bind", "--client", "acme", "--account", "ana");

            // a subscription, then two fills on its topic: the first delivery answered 200, the second 503
            AtomicInteger posts = new AtomicInteger();
            WebhookSender sender = (u, headers, body) -> posts.getAndIncrement() == 0
                    ? new WebhookSender.Result(200, null) : new WebhookSender.Result(503, "503 from the receiver");
            WebhookService hooks = new WebhookService(db, Clock.systemUTC(), DeliveryPolicy.DEFAULT,
                    new WebhookSecrets("platform report test webhook key!".getBytes(StandardCharsets.UTF_8)), sender);
            hooks.subscribe("acme", "http://127.0.0.1:9/hook", List.of("order.filled"));
            List<String> day = Files.readAllLines(Path.of("..", "samples", "events", "2026-11-27.ndjson"));
            Path fills = tmp.resolve("fills.ndjson");
            // the sample day up to its second fill: markets, liquidity and deposits first
            int second = 0;
            for (int fillsSeen = 0; fillsSeen < 2; second++) {
                fillsSeen += day.get(second).contains("\"type\":\"OrderFilled\"") ? 1 : 0;
            }
            Files.write(fills, day.subList(0, second));
            ok("events", "append", "--file", fills.toString());
            WebhookService.Pass pass = hooks.deliverDue(10);
            assertEquals(1, pass.delivered(), pass.toString());
            assertEquals(1, pass.failed(), pass.toString());

            ok("keys", "init");
            ok("seal");
            Path s22 = tmp.resolve("s22");
            ok("evidence", "build", "--sprint", "S22", "--out", s22.toString());
            String platform = Files.readString(s22.resolve("reports/platform.txt"));
            assertTrue(platform.contains("api clients 2 registered 2 keys created 3 rotated 1 revoked 1 accounts bound 1"), platform);
            assertTrue(platform.contains("quota rejections: no evidence in the log (a quota rejection is a 429"), platform);
            assertTrue(platform.contains("webhook subscriptions 1 unsubscribed 0 attempts 2 delivered 1 failed 1 dead-lettered 0"
                    + " replayed 0"), platform);
            String replayed = ok("evidence", "replay", s22.toString());
            assertTrue(replayed.contains("platform recomputed and identical"), replayed);
        }
    }
}
