package io.mbp.jobs.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.anchor.AnchorEvents;
import io.mbp.custody.CustodyEvents;
import io.mbp.events.CanonicalJson;
import io.mbp.events.Event;
import io.mbp.market.MarketEvents;
import io.mbp.oracle.OracleEvents;
import io.mbp.payout.PayoutEvents;
import io.mbp.recon.ReconEvents;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What of an event the public may see (ADR 0704). An allowlist of families: market, oracle, payout,
 * reconciliation, custody and anchor events are public; the KYC and privacy families, and any family
 * added later, are withheld until someone decides otherwise. In a public event the fields that point
 * at a person are dropped and named in {@code redacted}; a redacted line has no {@code leaf_hash},
 * since a hash over data holding a clear PIX key (an old log's) can be brute-forced.
 */
final class PublicProjection {
    /** Fields that name or point at a person: the key, its reference and ciphertext, the data subject. */
    static final List<String> PERSONAL = List.of("pix_key", "pix_key_enc", "pix_key_ref", "subject");
    private static final Set<String> PUBLIC = new HashSet<>();

    static {
        for (var t : List.of(MarketEvents.TYPES, OracleEvents.TYPES, PayoutEvents.TYPES, ReconEvents.TYPES,
                CustodyEvents.TYPES, AnchorEvents.TYPES)) {
            PUBLIC.addAll(t.names());
        }
    }

    private PublicProjection() {
    }

    /** The public NDJSON line (no newline) for {@code e}, or empty when its family is not public. */
    static Optional<String> line(Event e) {
        if (!PUBLIC.contains(e.type())) {
            return Optional.empty();
        }
        try {
            ObjectNode payload = (ObjectNode) CanonicalJson.MAPPER.readTree(e.payload());
            ArrayNode redacted = CanonicalJson.MAPPER.createArrayNode();
            for (String f : PERSONAL) {
                if (payload.remove(f) != null) {
                    redacted.add(f);
                }
            }
            // an old withdrawal's request hash covers its clear key
            if ("WithdrawalRequested".equals(e.type()) && payload.remove("request_hash") != null) {
                redacted.add("request_hash");
            }
            ObjectNode line = CanonicalJson.MAPPER.createObjectNode();
            if (redacted.isEmpty()) {
                line.put("leaf_hash", e.leafHashHex());
            } else {
                line.set("redacted", redacted);
            }
            line.set("payload", payload);
            line.put("seq", e.seq());
            line.put("stream", e.stream());
            line.put("ts", e.ts());
            line.put("type", e.type());
            return Optional.of(CanonicalJson.canonicalize((JsonNode) line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new UncheckedIOException("stored payload of seq " + e.seq() + " is not JSON", x);
        }
    }
}
