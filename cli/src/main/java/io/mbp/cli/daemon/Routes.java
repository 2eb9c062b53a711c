package io.mbp.cli.daemon;

import java.util.Set;

/**
 * The /v2 resources and the methods each serves (docs/openapi.yaml). A path that is none of them is
 * 404 whatever the method; a resource asked with a method it does not serve is 405 with Allow.
 */
final class Routes {
    private static final Set<String> GET = Set.of("GET");
    private static final Set<String> POST = Set.of("POST");
    private static final Set<String> GET_POST = new java.util.LinkedHashSet<>(java.util.List.of("GET", "POST"));

    private Routes() {
    }

    /** The methods served on a path split at "/" (without the leading one); empty when no resource is there. */
    static Set<String> methods(String[] parts) {
        if (parts.length < 2 || !"v2".equals(parts[0])) {
            return Set.of();
        }
        String resource = parts[1];
        if (parts.length == 2) {
            return switch (resource) {
                case "health" -> GET;
                case "markets", "webhooks" -> GET_POST;
                case "orders", "deposits", "withdrawals", "liquidity", "accounts" -> POST;
                default -> Set.of();
            };
        }
        if (parts.length == 3 && !parts[2].isEmpty() && ("markets".equals(resource) || "accounts".equals(resource))) {
            return GET;
        }
        if (parts.length == 4 && "markets".equals(resource) && !parts[2].isEmpty() && "quality".equals(parts[3])) {
            return GET;
        }
        if (parts.length == 3 && ("kyc".equals(resource) && "callbacks".equals(parts[2]) || "orders".equals(resource) && "batch".equals(parts[2]))) {
            return POST;
        }
        if (parts.length == 3 && "webhooks".equals(resource) && !parts[2].isEmpty()) {
            return Set.of("DELETE");
        }
        if (parts.length == 3 && "proofs".equals(resource) && !parts[2].isEmpty()) {
            return GET;
        }
        if ("oracle".equals(resource) && "events".equals(parts[2]) && oracleView(parts)) {
            return GET;
        }
        return Set.of();
    }

    /** Resources anyone may GET without a key (rate limited per source address; docs/api-auth.md#public-routes). */
    static final Set<String> PUBLIC_READS = Set.of("health", "markets", "proofs", "oracle");

    /**
     * Whether a request needs no API key: the public reads, and the KYC vendor's callbacks (which carry
     * the vendor's own signature, docs/adr/0708).
     */
    static boolean isPublic(String method, String[] parts) {
        if (parts.length < 2) {
            return false;
        }
        return "GET".equals(method) && PUBLIC_READS.contains(parts[1])
                || "POST".equals(method) && parts.length == 3 && "kyc".equals(parts[1]) && "callbacks".equals(parts[2]);
    }

    /**
     * The scope a signed request needs: read for GETs, admin to create markets, trade for the other
     * writes; a route this does not know needs admin (a new route is closed until it says otherwise).
     */
    static io.mbp.apiclient.Scope scope(String method, String[] parts) {
        if ("GET".equals(method)) {
            return io.mbp.apiclient.Scope.READ;
        }
        return switch (parts[1]) {
            case "orders", "deposits", "withdrawals", "liquidity", "accounts" -> io.mbp.apiclient.Scope.TRADE;
            // a client manages its own webhooks with a read key (or admin: docs/webhooks.md)
            case "webhooks" -> io.mbp.apiclient.Scope.READ;
            default -> io.mbp.apiclient.Scope.ADMIN;
        };
    }

    /**
     * The routes that only hand work to the engine thread or answer at once (orders and their batches, deposits, the engine's
     * reads, the no-op), so they may run on Jetty's selector thread (docs/adr/0122). Withdrawals read the payee
     * vault on the calling thread and the desks' routes hand over to threads of their own: they, and any route
     * added later until someone lists it here, run on a pool thread.
     */
    static boolean quick(String method, String path) {
        if (path == null) {
            return false;
        }
        return switch (method) {
            case "POST" -> path.equals("/v2/orders") || path.equals("/v2/orders/batch") || path.equals("/v2/deposits");
            case "GET" -> path.equals("/v2/noop") || path.equals("/v2/health") || path.equals("/v2/markets")
                    || path.startsWith("/v2/markets/") && path.indexOf('/', "/v2/markets/".length()) < 0;
            default -> false;
        };
    }

    /** /v2/oracle/events, /v2/oracle/events/{id} and its rounds, finalization and disputes. */
    private static boolean oracleView(String[] parts) {
        return parts.length == 3 || parts.length == 4 && !parts[3].isEmpty()
                || parts.length == 5 && !parts[3].isEmpty() && Set.of("rounds", "finalization", "disputes").contains(parts[4]);
    }
}
