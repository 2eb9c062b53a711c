package io.mbp.webhooks;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Subscriptions and the deliveries not yet delivered, folded from the log: webhook events through
 * {@link #evolve}, and each event on a subscribed topic through {@link #offer}, which opens its
 * delivery. A delivered delivery is dropped (its attempts stay in the log), so memory follows what
 * is still owed.
 */
public final class WebhookState {
    public record Subscription(String id, String client, String url, List<String> topics, long fromSeq, String at, boolean active) {
    }

    /** A delivery still owed: pending (due at {@code nextAt}) or dead-lettered. */
    public static final class Delivery {
        final String id;
        final String subscription;
        final long eventSeq;
        long attempts;
        long basis;
        boolean dead;
        Instant nextAt;
        long lastStatus;
        String lastError;

        Delivery(String id, String subscription, long eventSeq, Instant nextAt) {
            this.id = id;
            this.subscription = subscription;
            this.eventSeq = eventSeq;
            this.basis = eventSeq;
            this.nextAt = nextAt;
        }

        public String id() {
            return id;
        }

        public String subscription() {
            return subscription;
        }

        public long eventSeq() {
            return eventSeq;
        }

        public long attempts() {
            return attempts;
        }

        /** The seq of the log event that opened this round (the event, the last failed attempt, or a replay): a sender claims it. */
        public long basis() {
            return basis;
        }

        public boolean dead() {
            return dead;
        }

        public Instant nextAt() {
            return nextAt;
        }

        public long lastStatus() {
            return lastStatus;
        }

        public String lastError() {
            return lastError;
        }
    }

    private final Map<String, Subscription> subscriptions = new TreeMap<>();
    private final Map<String, Delivery> owed = new TreeMap<>();

    /** {@code subscription:seq}: stable, so a receiver deduplicates on it (deliveries are at least once). */
    public static String deliveryId(String subscription, long seq) {
        return subscription + ":" + seq;
    }

    public Map<String, Subscription> subscriptions() {
        return Collections.unmodifiableMap(subscriptions);
    }

    public Map<String, Delivery> owed() {
        return Collections.unmodifiableMap(owed);
    }

    public WebhookState evolve(WebhookEvent e, long logSeq, Instant loggedAt) {
        switch (e) {
            case WebhookSubscribed s -> subscriptions.put(s.subscription(), new Subscription(s.subscription(), s.client(), s.url(),
                    s.topics(), s.fromSeq(), s.at(), true));
            case WebhookUnsubscribed u -> {
                Subscription s = subscriptions.get(u.subscription());
                if (s != null) {
                    subscriptions.put(s.id(), new Subscription(s.id(), s.client(), s.url(), s.topics(), s.fromSeq(), s.at(), false));
                }
                owed.values().removeIf(d -> d.subscription.equals(u.subscription()));
            }
            case WebhookAttempted a -> {
                Subscription s = subscriptions.get(a.subscription());
                if ("delivered".equals(a.outcome()) || s == null || !s.active()) {
                    owed.remove(a.delivery());
                } else {
                    Delivery d = owed.computeIfAbsent(a.delivery(), k -> new Delivery(k, a.subscription(), a.eventSeq(), loggedAt));
                    d.attempts = a.attempt();
                    d.basis = logSeq;
                    d.lastStatus = a.status();
                    d.lastError = a.error();
                    d.nextAt = a.nextAt() == null ? d.nextAt : Instant.parse(a.nextAt());
                }
            }
            case WebhookDeadLettered x -> {
                Delivery d = owed.get(x.delivery());
                if (d != null) {
                    d.dead = true;
                }
            }
            case WebhookReplayed r -> {
                Subscription s = subscriptions.get(r.subscription());
                if (s != null && s.active()) {
                    long seq = Long.parseLong(r.delivery().substring(r.delivery().lastIndexOf(':') + 1));
                    Delivery d = owed.computeIfAbsent(r.delivery(), k -> new Delivery(k, r.subscription(), seq, loggedAt));
                    d.dead = false;
                    d.attempts = 0;
                    d.basis = logSeq;
                    d.nextAt = Instant.parse(r.at());
                }
            }
        }
        return this;
    }

    /** An event on a topic at {@code seq}: opens a delivery on every active subscription that asked for it. */
    public void offer(long seq, String eventType, Instant loggedAt) {
        Topic t = Topic.ofEventType(eventType).orElse(null);
        if (t == null) {
            return;
        }
        for (Subscription s : subscriptions.values()) {
            if (s.active() && seq >= s.fromSeq() && s.topics().contains(t.wire())) {
                owed.putIfAbsent(deliveryId(s.id(), seq), new Delivery(deliveryId(s.id(), seq), s.id(), seq, loggedAt));
            }
        }
    }
}
