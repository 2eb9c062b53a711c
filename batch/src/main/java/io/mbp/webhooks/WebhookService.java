package io.mbp.webhooks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.error.BadInputException;
import io.mbp.events.CanonicalJson;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.net.Urls;
import io.mbp.sql.Database;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Subscriptions, deliveries, dead letters and replays (docs/webhooks.md, ADR 0314). The state follows
 * the log ({@link #follow}); every decision is appended as a webhook event. One instance is used by
 * one thread at a time (the daemon's delivery thread, or {@code mbp webhooks}).
 */
public final class WebhookService {
    /** A refusal naming the request field at fault (400 in the API, exit 4 on the CLI). */
    public static final class Refused extends BadInputException {
        private final String field;
        private final boolean unknown;

        Refused(String field, String message, boolean unknown) {
            super(message);
            this.field = field;
            this.unknown = unknown;
        }

        public String field() {
            return field;
        }

        /** True when the subscription or delivery named does not exist (404 in the API). */
        public boolean unknown() {
            return unknown;
        }
    }

    public record Created(WebhookState.Subscription subscription, String secret) {
    }

    public record Pass(int delivered, int failed, int deadLettered) {
        public int attempts() {
            return delivered + failed;
        }
    }

    public static final int MAX_PER_CLIENT = 20;
    public static final int MAX_URL = 2048;
    private static final List<String> FOLLOWED = followed();

    private final Database db;
    private final Clock clock;
    private final DeliveryPolicy policy;
    private final WebhookSecrets secrets;
    private final WebhookSender sender;
    private final WebhookState state = new WebhookState();
    private final DeliveryClaims claims;
    private final Supplier<String> ids;
    private long next;
    private Instant pruned = Instant.MIN;

    public WebhookService(Database db, Clock clock, DeliveryPolicy policy, WebhookSecrets secrets, WebhookSender sender) {
        this(db, clock, policy, secrets, sender, randomIds());
    }

    WebhookService(Database db, Clock clock, DeliveryPolicy policy, WebhookSecrets secrets, WebhookSender sender, Supplier<String> ids) {
        this.db = db;
        this.clock = clock;
        this.policy = policy;
        this.secrets = secrets;
        this.sender = sender;
        this.ids = ids;
        this.claims = new DeliveryClaims(db);
    }

    private static List<String> followed() {
        List<String> t = new ArrayList<>(WebhookEvents.NAMES);
        t.addAll(Topic.allEventTypes());
        return List.copyOf(t);
    }

    private static Supplier<String> randomIds() {
        SecureRandom r = new SecureRandom();
        return () -> {
            byte[] b = new byte[8];
            r.nextBytes(b);
            return "wh_" + HexFormat.of().formatHex(b);
        };
    }

    /** Folds what the log gained since the last call: webhook events, and events on topics (new deliveries). */
    public WebhookState follow() {
        db.read(dsl -> EventLog.forEachOfTypes(dsl, FOLLOWED, next, e -> {
            Instant at = Instant.parse(e.ts());
            if (WebhookEvents.TYPES.isKnown(e.type())) {
                state.evolve((WebhookEvent) WebhookEvents.TYPES.decode(e.type(), e.payload()), e.seq(), at);
            } else {
                state.offer(e.seq(), e.type(), at);
            }
            next = e.seq() + 1;
        }));
        return state;
    }

    public Created subscribe(String client, String url, List<String> topics) {
        String u = checkUrl(url);
        if (topics == null || topics.isEmpty()) {
            throw new Refused("topics", "topics: at least one of " + String.join(", ", Topic.wires()), false);
        }
        Set<String> ts = new TreeSet<>();
        for (String t : topics) {
            if (Topic.parse(t).isEmpty()) {
                throw new Refused("topics", "topics: \"" + t + "\" is not one of " + String.join(", ", Topic.wires()), false);
            }
            ts.add(t);
        }
        follow();
        long mine = state.subscriptions().values().stream().filter(s -> s.active() && s.client().equals(client)).count();
        if (mine >= MAX_PER_CLIENT) {
            throw new Refused("url", "a client holds at most " + MAX_PER_CLIENT + " subscriptions; delete one first", false);
        }
        String id = ids.get();
        Instant now = clock.instant();
        WebhookSubscribed[] made = new WebhookSubscribed[1];
        db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            made[0] = new WebhookSubscribed(id, client, u, List.copyOf(ts), EventLog.size(dsl), now.toString());
            return EventLog.appendIn(dsl, List.of(entry(made[0], now)).iterator());
        });
        follow();
        return new Created(state.subscriptions().get(id), secrets == null ? null : secrets.secretFor(id));
    }

    public void unsubscribe(String client, String id, String by) {
        follow();
        WebhookState.Subscription s = state.subscriptions().get(id);
        if (s == null || !s.active() || client != null && !s.client().equals(client)) {
            throw new Refused("id", "no webhook subscription \"" + id + "\"", true);
        }
        append(List.of(new WebhookUnsubscribed(id, by, clock.instant().toString())));
    }

    /** The active subscriptions of {@code client} (all clients when null), with what each is still owed. */
    public List<Map<String, Object>> list(String client) {
        follow();
        List<Map<String, Object>> out = new ArrayList<>();
        for (WebhookState.Subscription s : state.subscriptions().values()) {
            if (!s.active() || client != null && !s.client().equals(client)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("client", s.client());
            m.put("url", Urls.mask(s.url()));
            m.put("topics", s.topics());
            m.put("created_at", s.at());
            m.put("pending", state.owed().values().stream().filter(d -> d.subscription().equals(s.id()) && !d.dead()).count());
            m.put("dead_lettered", state.owed().values().stream().filter(d -> d.subscription().equals(s.id()) && d.dead()).count());
            out.add(m);
        }
        return out;
    }

    /** Makes deliveries due again: one ({@code delivery}), or every dead-lettered one when it is null. Returns their ids. */
    public List<String> replay(String delivery, String by) {
        follow();
        List<WebhookEvent> events = new ArrayList<>();
        String at = clock.instant().toString();
        if (delivery != null) {
            int colon = delivery.lastIndexOf(':');
            String sub = colon < 1 ? null : delivery.substring(0, colon);
            WebhookState.Subscription s = sub == null ? null : state.subscriptions().get(sub);
            long seq;
            try {
                seq = Long.parseLong(delivery.substring(colon + 1));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                seq = -1;
            }
            if (s == null || !s.active() || seq < s.fromSeq() || seq >= next || !deliverable(seq, s)) {
                throw new Refused("delivery", "no delivery \"" + delivery + "\" (ids are <subscription>:<event seq>)", true);
            }
            events.add(new WebhookReplayed(sub, delivery, by, at));
        } else {
            state.owed().values().stream().filter(WebhookState.Delivery::dead)
                    .forEach(d -> events.add(new WebhookReplayed(d.subscription(), d.id(), by, at)));
        }
        if (!events.isEmpty()) {
            append(events);
        }
        return events.stream().map(e -> ((WebhookReplayed) e).delivery()).toList();
    }

    private boolean deliverable(long seq, WebhookState.Subscription s) {
        Event e = new EventLog(db).get(seq);
        return e != null && Topic.ofEventType(e.type()).map(t -> s.topics().contains(t.wire())).orElse(false);
    }

    /** One pass: sends every delivery due now (at most {@code max}, oldest due first) once, and logs each attempt. */
    public Pass deliverDue(int max) {
        follow();
        Instant now = clock.instant();
        List<WebhookState.Delivery> due = state.owed().values().stream().filter(d -> !d.dead() && !d.nextAt().isAfter(now))
                .sorted(Comparator.comparing(WebhookState.Delivery::nextAt).thenComparingLong(WebhookState.Delivery::eventSeq))
                .limit(max).toList();
        int delivered = 0;
        int failed = 0;
        int dead = 0;
        EventLog log = new EventLog(db);
        for (WebhookState.Delivery d : due) {
            if (!claims.take(d.id(), d.basis(), clock.instant())) {
                continue; // another sender (the daemon's worker, or `mbp webhooks deliver`) sends this round
            }
            WebhookState.Subscription s = state.subscriptions().get(d.subscription());
            Event e = log.get(d.eventSeq());
            Topic topic = Topic.ofEventType(e.type()).orElseThrow();
            long attempt = d.attempts() + 1;
            byte[] body = body(d.id(), topic, e);
            Instant sentAt = clock.instant();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("MBP-Webhook-Id", d.id());
            headers.put("MBP-Webhook-Topic", topic.wire());
            headers.put("MBP-Webhook-Attempt", Long.toString(attempt));
            if (secrets != null) {
                headers.put(WebhookSignature.HEADER, new WebhookSignature(secrets.secretFor(s.id())).sign(body, sentAt));
            }
            WebhookSender.Result r = sender.post(s.url(), headers, body);
            List<WebhookEvent> out = new ArrayList<>();
            String at = clock.instant().toString();
            if (r.delivered()) {
                delivered++;
                out.add(new WebhookAttempted(s.id(), d.id(), d.eventSeq(), topic.wire(), attempt, r.status(), "delivered", null, at, null));
            } else if (attempt >= policy.maxAttempts()) {
                dead++;
                failed++;
                out.add(new WebhookAttempted(s.id(), d.id(), d.eventSeq(), topic.wire(), attempt, r.status(), "failed", cut(r.error()), at, null));
                out.add(new WebhookDeadLettered(s.id(), d.id(), attempt, at));
            } else {
                failed++;
                String nextAt = clock.instant().plus(policy.delayAfter(d.id(), attempt)).toString();
                out.add(new WebhookAttempted(s.id(), d.id(), d.eventSeq(), topic.wire(), attempt, r.status(), "failed", cut(r.error()), at, nextAt));
            }
            Instant loggedAt = clock.instant();
            db.inTransaction(dsl -> { // the attempt and its settled claim commit together
                EventLog.appendIn(dsl, out.stream().map(w -> entry(w, loggedAt)).iterator());
                return claims.settleIn(dsl, d.id(), d.basis(), loggedAt);
            });
        }
        if (!due.isEmpty() && now.isAfter(pruned.plus(Duration.ofHours(1)))) {
            claims.prune(now);
            pruned = now;
        }
        follow();
        return new Pass(delivered, failed, dead);
    }

    /** The delivery body: {@code {"id", "topic", "event": {seq, type, stream, ts, payload}}} as canonical JSON. */
    static byte[] body(String delivery, Topic topic, Event e) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("id", delivery);
        root.put("topic", topic.wire());
        ObjectNode ev = root.putObject("event");
        ev.put("seq", e.seq());
        ev.put("type", e.type());
        ev.put("stream", e.stream());
        ev.put("ts", e.ts());
        try {
            ev.set("payload", CanonicalJson.readTree(e.payload()));
        } catch (java.io.IOException x) {
            throw new IllegalStateException("stored payload of event " + e.seq() + " is not JSON", x);
        }
        return CanonicalJson.canonicalize(root).getBytes(StandardCharsets.UTF_8);
    }

    private void append(List<WebhookEvent> events) {
        Instant now = clock.instant();
        new EventLog(db).append(events.stream().map(e -> entry(e, now)).toList());
    }

    private static NewEvent entry(WebhookEvent e, Instant at) {
        return NewEvent.of(WebhookEvents.TYPES, e.subscription(), at, e);
    }

    private static String cut(String s) {
        return s == null ? "no answer" : s.length() > 120 ? s.substring(0, 120) : s;
    }

    /**
     * A receiver URL: http(s) with a host and no credentials; plain http only to this machine
     * (127.0.0.1, ::1, localhost), so a delivery never crosses a network unencrypted.
     */
    static String checkUrl(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw new Refused("url", "url: an http(s) URL of at most " + MAX_URL + " characters is required", false);
        }
        URI u;
        try {
            u = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new Refused("url", "url: not a URL", false);
        }
        String host = u.getHost();
        if (host == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getRawUserInfo() != null
                || u.getRawFragment() != null) {
            throw new Refused("url", "url: an http:// or https:// URL with a host and without credentials or fragment", false);
        }
        boolean loopback = host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("localhost");
        if ("http".equals(u.getScheme()) && !loopback) {
            throw new Refused("url", "url: plain http only to 127.0.0.1, ::1 or localhost; use https", false);
        }
        return url;
    }
}
