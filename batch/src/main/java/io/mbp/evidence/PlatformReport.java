package io.mbp.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.events.CanonicalJson;
import io.mbp.events.EventLog;
import io.mbp.exports.ExportsPublished;
import io.mbp.exports.PublicationEvents;
import io.mbp.exports.StatusSiteBuilt;
import io.mbp.sql.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * S22 public platform (issue 15): API clients and their keys, quota rejections and webhook deliveries,
 * then every signed export set and status site build the log records, with their hashes. The API and
 * webhook families come with issue 15's authentication and webhooks; they are read by event type name
 * (the names below), so this report needs no import of them and says "no evidence" while none is logged.
 * Events only, so replay recomputes it.
 */
final class PlatformReport implements EvidenceReport {
    static final List<String> KEY_TYPES = List.of("ApiKeyCreated", "ApiKeyRotated", "ApiKeyRevoked");
    static final List<String> QUOTA_TYPES = List.of("QuotaRejected");
    static final List<String> WEBHOOK_TYPES = List.of("WebhookDeliveryAttempted", "WebhookDelivered", "WebhookDeadLettered");

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public Sprint section() {
        return Sprint.S22;
    }

    @Override
    public List<String> compute(Database db, long treeSize) {
        Set<String> wanted = new TreeSet<>(PublicationEvents.NAMES);
        wanted.addAll(KEY_TYPES);
        wanted.addAll(QUOTA_TYPES);
        wanted.addAll(WEBHOOK_TYPES);
        Map<String, Long> counts = new TreeMap<>();
        Set<String> clients = new TreeSet<>();
        List<String> exports = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        if (treeSize > 0) {
            new EventLog(db).forEach(0, treeSize - 1, e -> {
                if (!wanted.contains(e.type())) {
                    return;
                }
                counts.merge(e.type(), 1L, Long::sum);
                if (e.type().equals("ApiKeyCreated")) {
                    clients.add(field(e.payload(), "client"));
                } else if (PublicationEvents.NAMES.contains(e.type())) {
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
            });
        }
        List<String> out = new ArrayList<>();
        if (KEY_TYPES.stream().noneMatch(counts::containsKey)) {
            out.add("api keys: no evidence (no " + String.join(", ", KEY_TYPES) + " events: `mbp api-keys` records them)");
        } else {
            clients.remove("");
            out.add("api clients " + clients.size() + " keys created " + counts.getOrDefault("ApiKeyCreated", 0L) + " rotated "
                    + counts.getOrDefault("ApiKeyRotated", 0L) + " revoked " + counts.getOrDefault("ApiKeyRevoked", 0L));
        }
        out.add(QUOTA_TYPES.stream().noneMatch(counts::containsKey)
                ? "quota rejections: no evidence (no " + String.join(", ", QUOTA_TYPES) + " events)"
                : "quota rejections " + counts.getOrDefault("QuotaRejected", 0L));
        out.add(WEBHOOK_TYPES.stream().noneMatch(counts::containsKey)
                ? "webhook deliveries: no evidence (no " + String.join(", ", WEBHOOK_TYPES) + " events)"
                : "webhook deliveries attempted " + counts.getOrDefault("WebhookDeliveryAttempted", 0L) + " delivered "
                + counts.getOrDefault("WebhookDelivered", 0L) + " dead-lettered " + counts.getOrDefault("WebhookDeadLettered", 0L));
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

    private static String field(String payload, String name) {
        try {
            JsonNode n = CanonicalJson.readTree(payload);
            return n.path(name).asText("");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "";
        }
    }
}
