package io.mbp.market;

/**
 * The catalogue of refusals, with stable codes (docs/api-errors.md) and the HTTP status the daemon
 * answers with. A code is never renamed or reused: clients branch on it.
 */
public enum Reject {
    MALFORMED_JSON(400, "The request body is not a JSON object, or a field has the wrong type."),
    MALFORMED_REQUEST(400, "The request line or headers are not valid HTTP: a bad % escape in the path, a header over 16 KiB."),
    MISSING_FIELD(400, "A required field is absent."),
    INVALID_FIELD(400, "A field is present but its value is not acceptable (zero, negative, too large, unknown side...)."),
    IDEMPOTENCY_KEY_REQUIRED(400, "A write was sent without an Idempotency-Key header."),
    IDEMPOTENCY_KEY_REUSED(422, "The Idempotency-Key was already used with a different request body."),
    FIELD_NOT_COLLECTED(400, "The request carries a field we do not collect (minimal collection of personal data)."),
    INVALID_SIGNATURE(401, "A KYC vendor callback's signature header is missing, stale or does not match the body."),
    UNAUTHENTICATED(401, "The request is not signed, or its signature does not verify: unknown, revoked or expired key, or wrong MBP-Signature (docs/api-auth.md)."),
    TIMESTAMP_OUT_OF_WINDOW(401, "MBP-Timestamp is more than 300 s away from the server's clock."),
    REQUEST_REPLAYED(401, "The same signed write (key, timestamp, signature) was received already; a retry is signed anew."),
    FORBIDDEN_SCOPE(403, "The API key lacks the scope the route needs (read, trade or admin)."),
    ACCOUNT_NOT_BOUND(403, "The account is not bound to the API key's client: a client acts only for its own accounts."),
    AUTH_LOCKED_OUT(429, "Too many failed authentications from this key id or source address; retry after the Retry-After seconds."),
    UNKNOWN_MARKET(404, "No market has that id."),
    UNKNOWN_ACCOUNT(404, "No account has that id."),
    UNKNOWN_OUTCOME(400, "The market has no outcome of that name."),
    NOT_ONBOARDED(422, "The account was never onboarded (KYC): it has no registered PIX key, so it cannot withdraw."),
    NOT_FOUND(404, "No such route or resource."),
    METHOD_NOT_ALLOWED(405, "The route exists but not for this HTTP method."),
    ACCOUNT_EXISTS(409, "An account with that id is already onboarded."),
    MARKET_EXISTS(409, "A market with that id already exists."),
    INSUFFICIENT_FUNDS(409, "The account's cash does not cover the order, withdrawal or liquidity."),
    INSUFFICIENT_SHARES(409, "The account holds fewer shares (or LP shares) than it tries to sell or remove."),
    MARKET_NOT_OPEN(409, "The market is not open yet."),
    MARKET_CLOSED(409, "The market closed (or settled): no more trades or liquidity changes."),
    MARKET_HALTED(409, "The market is in a Hard halt (Halt_Active): no trades at all."),
    MARKET_SOFT_HALTED(409, "The market is in a Soft halt: only sells and liquidity removal."),
    POOL_EMPTY(409, "The pool has no liquidity to trade against."),
    DUST_ORDER(422, "The order is too small to give a positive result after fees and rounding."),
    POOL_DEGENERATE(422, "The trade would leave an outcome's pool balance below the minimum (degenerate pool)."),
    SLIPPAGE_EXCEEDED(409, "The fill would give fewer shares than min_shares (buy) or return less than min_return (sell)."),
    ORDER_TOO_LARGE(422, "An amount exceeds the per-command ceiling that keeps every number exact (I7)."),
    NOT_FINALIZED(409, "The market's oracle event has no Finalized event yet (I5): nothing is settled."),
    ALREADY_SETTLED(409, "The market was already settled; the payout vector is written once."),
    SETTLEMENT_MISMATCH(409, "The Finalized result does not fit the market (unknown outcome, numeric vs categorical)."),
    NOT_HALTED(409, "Resume was asked for a market with no manual or automatic halt to clear."),
    RATE_LIMITED(429, "Too many requests on this route; retry after the Retry-After seconds."),
    WRONG_SHARD(421, "The market belongs to another shard of the sharded daemons; the answer names it (MBP-Shard header)."),
    SHUTTING_DOWN(503, "The daemon is draining for shutdown; retry against the next instance."),
    KYC_UNAVAILABLE(503, "The daemon was started without what KYC needs: the vault (key file and passphrase) or the callback secret."),
    STORAGE_UNAVAILABLE(503, "The event log could not be written; nothing was acknowledged. Retry with the same Idempotency-Key."),
    INVARIANT_VIOLATED(500, "An invariant check failed; the daemon stops rather than continue."),
    UNKNOWN_ORACLE_EVENT(404, "No oracle event has that id."),
    ORACLE_NOT_FINALIZED(404, "The oracle event has no Finalized event yet: there is no final answer to show."),
    UNKNOWN_EVENT(404, "The event log has no event at that seq."),
    EVENT_NOT_SEALED(404, "The event is in the log but not yet in a signed checkpoint: no proof until the next seal."),
    UNKNOWN_WEBHOOK(404, "No webhook subscription (of this client) has that id."),
    WEBHOOKS_UNAVAILABLE(503, "The daemon was started without $MBP_WEBHOOK_KEY: nothing can be signed, so webhooks are off.");

    private final int status;
    private final String meaning;

    Reject(int status, String meaning) {
        this.status = status;
        this.meaning = meaning;
    }

    public int status() {
        return status;
    }

    public String meaning() {
        return meaning;
    }
}
