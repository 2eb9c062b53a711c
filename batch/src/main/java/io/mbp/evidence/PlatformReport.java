package io.mbp.evidence;

import io.mbp.apiclient.ApiClientEvent;
import io.mbp.apiclient.ApiClientEvents;
import io.mbp.exports.ExportsPublished;
import io.mbp.exports.PublicationEvents;
import io.mbp.exports.StatusSiteBuilt;
import io.mbp.sql.Database;
import io.mbp.webhooks.WebhookAttempted;
import io.mbp.webhooks.WebhookEvents;
import io.mbp.webhooks.WebhookSubscribed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * S22 public platform (issue 15): API clients and their keys ({@code io.mbp.apiclient}), webhook
 * subscriptions and deliveries ({@code io.mbp.webhooks}), then every signed export set and status site
 * build the log records, with their hashes. Quota rejections are 429 answers, not events: the daemon's
 * /metrics counts them, the log has no evidence of them and the report says so. Events only, so replay recomputes it.
 */
final class PlatformReport implements EvidenceReport {
    static final String QUOTA_NO_EVIDENCE = "quota rejections: no evidence in the log (a quota rejection is a 429 RATE_LIMITED"
            + " answer, not an event; the daemon counts them in GET /metrics as mbp_rate_limit_rejections_total by group)";

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public Sprint section() {
        return Sprint.S22;
    }

    @Override
    public Pass open(Database db, long treeSize) {
        Set<String> wanted = new TreeSet<>(PublicationEvents.NAMES);
        wanted.addAll(ApiClientEvents.NAMES);
        wanted.addAll(WebhookEvents.NAMES);
        Map<String, Long> counts = new TreeMap<>();
        Set<String> clients = new TreeSet<>();
        Set<String> subscriptions = new TreeSet<>();
        long[] deliveries = new long[2]; // attempts delivered, failed
        List<String> exports = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        return new Pass() {
            @Override
            public void accept(LogRow e) {
                if (!wanted.contains(e.type())) {
                    return;
                }
                counts.merge(e.type(), 1L, Long::sum);
                if (ApiClientEvents.NAMES.contains(e.type())) {
                    clients.add(((ApiClientEvent) ApiClientEvents.TYPES.decode(e.type(), e.payload())).client());
                } else if (WebhookEvents.NAMES.contains(e.type())) {
                    switch (WebhookEvents.TYPES.decode(e.type(), e.payload())) {
                        case WebhookSubscribed s -> subscriptions.add(s.subscription());
                        case WebhookAttempted a -> deliveries["delivered".equals(a.outcome()) ? 0 : 1]++;
                        default -> {
                        }
                    }
                } else {
                    switch (PublicationEvents.TYPES.decode(e.type(), e.payload())) {
                        case ExportsPublished x -> {
                            exports.add("exports " + x.date() + " manifest sha256 " + x.manifestSha256() + " files " + x.files().size()
                                    + " log_size " + x.logSize() + " signed by " + x.keyid() + " seq " + e.seq());
                            x.files().forEach(f -> exports.add("  " + f));
                        }
                        case StatusSiteBuilt s -> sites.add("status-site " + s.date() + " sha256 " + s.siteSha256() + " files " + s.files()
                                + " log_size " + s.logSize() + " seq " + e.seq());
                        default -> {
                        }
                    }
                }
            }

            @Override
            public List<String> finish() {
                return lines(counts, clients, subscriptions, deliveries, exports, sites);
            }
        };
    }

    private static List<String> lines(Map<String, Long> counts, Set<String> clients, Set<String> subscriptions, long[] deliveries,
                                      List<String> exports, List<String> sites) {
        List<String> out = new ArrayList<>();
        if (clients.isEmpty()) {
            out.add("api clients: no evidence (no " + String.join(", ", ApiClientEvents.NAMES) + " events: `mbp api-keys` records them)");
        } else {
            out.add("api clients " + clients.size() + " registered " + counts.getOrDefault("ApiClientRegistered", 0L) + " keys created "
                    + counts.getOrDefault("ApiKeyCreated", 0L) + " rotated " + counts.getOrDefault("ApiKeyRotated", 0L) + " revoked "
                    + counts.getOrDefault("ApiKeyRevoked", 0L) + " accounts bound " + counts.getOrDefault("AccountBoundToClient", 0L));
        }
        out.add(QUOTA_NO_EVIDENCE);
        if (WebhookEvents.NAMES.stream().noneMatch(counts::containsKey)) {
            out.add("webhooks: no evidence (no " + String.join(", ", WebhookEvents.NAMES) + " events)");
        } else {
            out.add("webhook subscriptions " + subscriptions.size() + " unsubscribed " + counts.getOrDefault("WebhookUnsubscribed", 0L)
                    + " attempts " + counts.getOrDefault("WebhookAttempted", 0L) + " delivered " + deliveries[0] + " failed " + deliveries[1]
                    + " dead-lettered " + counts.getOrDefault("WebhookDeadLettered", 0L) + " replayed "
                    + counts.getOrDefault("WebhookReplayed", 0L));
        }
        out.add("exports published " + counts.getOrDefault("ExportsPublished", 0L));
        if (exports.isEmpty()) {
            out.add("exports: no evidence (build and sign them with `mbp exports build` or the nightly)");
        }
        out.addAll(exports);
        out.add("status site builds " + counts.getOrDefault("StatusSiteBuilt", 0L));
        if (sites.isEmpty()) {
            out.add("status-site: no evidence (build it with `mbp status build` or the nightly)");
        }
        out.addAll(sites);
        return out;
    }
}
