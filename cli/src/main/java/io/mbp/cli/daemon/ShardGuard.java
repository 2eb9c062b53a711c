package io.mbp.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.events.CanonicalJson;
import io.mbp.market.Reject;
import io.mbp.market.Shard;
import java.io.IOException;
import java.util.Map;

/**
 * Refuses, before any other work, a request naming a market another shard owns (docs/adr/0309): 421
 * {@code WRONG_SHARD}, the message and the {@code MBP-Shard} header naming the owner. Requests
 * naming no market (deposits, withdrawals, accounts, health) are served by every shard. A body that
 * does not parse passes through: the route itself answers it with the precise error. A daemon owning
 * a canary cohort (docs/adr/0321) answers the same, naming the owning cohort in {@code MBP-Cohort}.
 */
final class ShardGuard {
    private final Ownership owner;

    ShardGuard(Ownership owner) {
        this.owner = owner;
    }

    boolean owns(String market) {
        return owner.owns(market);
    }

    /** Throws {@link ApiError} WRONG_SHARD when {@code parts} (the path split at "/") or the body name a foreign market. */
    void check(String method, String[] parts, ApiRequest ex) {
        if (!owner.splits() || parts.length < 2) {
            return;
        }
        String resource = parts[1];
        String market = null;
        if ((parts.length == 3 || parts.length == 4) && "markets".equals(resource) && "GET".equals(method)) {
            market = parts[2];
        } else if (parts.length == 2 && "POST".equals(method)
                && ("markets".equals(resource) || "orders".equals(resource) || "liquidity".equals(resource))) {
            market = marketIn(ex);
        }
        check(market);
    }

    /** Throws {@link ApiError} WRONG_SHARD (field "market") when another shard or cohort owns {@code market}; null passes. */
    void check(String market) {
        if (market == null || owner.owns(market)) {
            return;
        }
        if (owner.side() != null) {
            // a canary cohort (docs/adr/0321): the same answer, naming the cohort that owns the market
            Ownership.Side other = owner.side().other();
            throw new ApiError(Reject.WRONG_SHARD, "market", "market \"" + market + "\" belongs to the " + other.label()
                    + " cohort, this daemon serves " + owner.describe() + "; send the request to the daemon started with --cohort "
                    + other.label(), Map.of("MBP-Cohort", other.label()));
        }
        Shard shard = owner.shard();
        Shard other = shard.ownerOf(market);
        throw new ApiError(Reject.WRONG_SHARD, "market", "market \"" + market + "\" belongs to shard " + other
                + ", this daemon serves shard " + shard + "; send the request to the daemon started with --shard " + other,
                Map.of("MBP-Shard", other.toString()));
    }

    private static String marketIn(ApiRequest ex) {
        if (ex.bodyTooLarge()) {
            return null;
        }
        try {
            JsonNode n = CanonicalJson.readTree(ex.body());
            JsonNode m = n == null || !n.isObject() ? null : n.get("market");
            return m != null && m.isTextual() ? m.textValue() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
