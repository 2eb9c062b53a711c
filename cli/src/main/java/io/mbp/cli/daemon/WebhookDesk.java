package io.mbp.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.market.Reject;
import io.mbp.sql.Database;
import io.mbp.webhooks.DeliveryPolicy;
import io.mbp.webhooks.HttpWebhookSender;
import io.mbp.webhooks.WebhookSecrets;
import io.mbp.webhooks.WebhookService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Webhooks on the daemon (docs/webhooks.md, ADR 0314): {@code POST/GET /v2/webhooks} and
 * {@code DELETE /v2/webhooks/{id}} on a "webhooks-api" thread, and the delivery worker on a
 * "webhook-delivery" thread that every tick sends what is due (at most {@link #PER_PASS} per pass,
 * so a pass of slow receivers ends and the next one starts from the log again). Neither touches the
 * engine thread; each has its own connection and its own {@link WebhookService}. Without
 * {@code $MBP_WEBHOOK_KEY} nothing is signed, so nothing is sent and the routes answer 503.
 */
final class WebhookDesk implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(WebhookDesk.class);
    static final int PER_PASS = 50;
    /** POST /v2/webhooks: what a subscription is made of. */
    private static final Set<String> FIELDS = Set.of("url", "topics");

    private final String dbUrl;
    private final Clock clock;
    private final ThreadPoolExecutor api = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1_000),
            r -> new Thread(r, "webhooks-api"));
    private final ScheduledExecutorService delivery = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "webhook-delivery"));
    private Database apiDb;
    private Database deliveryDb;
    private WebhookService apiSvc;
    private volatile WebhookSecrets secrets;
    private DeliveryPolicy policy = DeliveryPolicy.DEFAULT;
    private Duration tick = Duration.ofSeconds(1);

    WebhookDesk(String dbUrl, Clock clock) {
        this.dbUrl = dbUrl;
        this.clock = clock;
    }

    /** Before start: the key secrets derive from, the retry policy and how often the worker looks for due deliveries. */
    void configure(WebhookSecrets secrets, DeliveryPolicy policy, Duration tick) {
        this.secrets = secrets;
        this.policy = policy;
        this.tick = tick;
    }

    void start() {
        if (secrets == null) {
            return;
        }
        apiDb = Database.open(dbUrl);
        deliveryDb = Database.open(dbUrl);
        apiSvc = new WebhookService(apiDb, clock, policy, secrets, new HttpWebhookSender());
        WebhookService worker = new WebhookService(deliveryDb, clock, policy, secrets, new HttpWebhookSender());
        delivery.scheduleWithFixedDelay(() -> {
            try {
                WebhookService.Pass p = worker.deliverDue(PER_PASS);
                if (p.attempts() > 0) {
                    LOG.info("webhooks: {} delivered, {} failed, {} dead-lettered", p.delivered(), p.failed(), p.deadLettered());
                }
            } catch (RuntimeException e) {
                LOG.warn("webhook delivery pass failed (retried next tick): {}", e.toString());
            }
        }, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A webhook request of {@code client}, the client the request was signed for (scope read or admin: {@link Routes#scope}). */
    CompletableFuture<Reply> serve(String method, String[] parts, ApiRequest ex, String client) {
        if (secrets == null) {
            return CompletableFuture.completedFuture(Reply.error(Reject.WEBHOOKS_UNAVAILABLE, null,
                    "webhooks are off: the daemon was started without $" + WebhookSecrets.KEY_ENV));
        }
        if ("POST".equals(method)) {
            JsonNode b = ApiBodies.body(ex, FIELDS);
            List<String> topics = new ArrayList<>();
            JsonNode t = b.get("topics");
            if (t != null && !t.isArray()) {
                throw new ApiError(Reject.INVALID_FIELD, "topics", "topics: an array of topic names");
            }
            if (t != null) {
                t.forEach(n -> topics.add(n.asText()));
            }
            JsonNode url = b.get("url");
            if (url == null || !url.isTextual()) {
                throw new ApiError(Reject.MISSING_FIELD, "url", "url: required, a string");
            }
            return on(() -> {
                WebhookService.Created c = apiSvc.subscribe(client, url.textValue(), topics);
                Map<String, Object> m = new LinkedHashMap<>(apiSvc.list(client).stream()
                        .filter(s -> s.get("id").equals(c.subscription().id())).findFirst().orElseThrow());
                m.put("secret", c.secret()); // shown once: not stored, never shown again
                return new Reply(201, m);
            });
        }
        if ("DELETE".equals(method)) {
            String id = parts[2];
            return on(() -> {
                apiSvc.unsubscribe(client, id, client);
                return new Reply(200, Map.of("id", id, "deleted", true));
            });
        }
        return on(() -> new Reply(200, apiSvc.list(client)));
    }

    private CompletableFuture<Reply> on(java.util.function.Supplier<Reply> work) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return work.get();
                } catch (WebhookService.Refused e) {
                    return Reply.error(e.unknown() ? Reject.UNKNOWN_WEBHOOK : Reject.INVALID_FIELD, e.field(), e.getMessage());
                }
            }, api);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Reply.error(Reject.RATE_LIMITED, null, "too many webhook requests queued"));
        }
    }

    @Override
    public void close() {
        delivery.shutdownNow();
        api.shutdown();
        try {
            delivery.awaitTermination(12, TimeUnit.SECONDS);
            api.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (apiDb != null) {
            apiDb.close();
            deliveryDb.close();
        }
    }
}
