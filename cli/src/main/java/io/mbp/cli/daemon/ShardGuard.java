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
 * does not parse passes through: the route itself answers it with the precise error.
 */
final class ShardGuard {
    private final Shard shard;

    ShardGuard(Shard shard) {
        this.shard = shard;
    }

    Shard shard() {
        return shard;
    }

    /** Throws {@link ApiError} WRONG_SHARD when {@code parts} (the path split at "/") or the body name a foreign market. */
    void check(String method, String[] parts, ApiRequest ex) {
        if (shard.count() == 1 || parts.length < 2) {
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
        if (market != null && !shard.owns(market)) {
            Shard owner = shard.ownerOf(market);
            throw new ApiError(Reject.WRONG_SHARD, "market", "market \"" + market + "\" belongs to shard " + owner
                    + ", this daemon serves shard " + shard + "; send the request to the daemon started with --shard " + owner,
                    Map.of("MBP-Shard", owner.toString()));
        }
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
