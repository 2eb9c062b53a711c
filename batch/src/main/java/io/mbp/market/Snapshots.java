package io.mbp.market;

import static io.mbp.sql.schema.Tables.MARKET_SNAPSHOTS;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.events.EventTypes;
import io.mbp.events.JsonLimits;
import io.mbp.events.Timestamps;
import io.mbp.market.MarketState.Account;
import io.mbp.market.MarketState.Book;
import io.mbp.market.MarketState.OracleStatus;
import io.mbp.oracle.Finalized;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * Snapshots of the market state in the database (table {@code market_snapshots}), so the daemon starts
 * from the latest snapshot plus the log's tail instead of the whole log. A snapshot is derived data
 * checked against the log on load (the leaf hash of the last event it covers); when it does not match,
 * or cannot be read, the caller replays the whole log.
 */
final class Snapshots {
    // Depth, string and number bounds like any input; no document bound, since a snapshot grows with
    // the accounts and is written by MBP itself (one that cannot be read is replaced by a replay).
    private static final ObjectMapper JSON = JsonLimits.mapper(0).build();
    private static final int CHUNK = 500_000;
    /** Parts written apart are smaller: each transaction holds the writers' lock a millisecond or two. */
    static final int APART_CHUNK = 128 * 1024;
    private final EventTypes types = MarketService.FOLDED;

    /** The snapshot as loaded: its state and the log size it covers. */
    record Loaded(MarketState state, long covers) {
    }

    /** Writes an encoded snapshot covering the log's first {@code covers} events in the caller's transaction. */
    void save(DSLContext dsl, String text, long covers, Instant now) {
        save(unit -> unit.accept(dsl), text, covers, now, CHUNK);
    }

    /** Runs one unit of a snapshot's writing: in the caller's transaction, or in a transaction of its own. */
    interface Writes {
        void run(Consumer<DSLContext> unit);
    }

    /**
     * Writes an encoded snapshot (a no-op for {@code covers} 0) in units: the head (the covered leaf
     * read, a leftover of the same {@code covers} removed), each part of at most {@code chunk}
     * characters, then the pruning. A snapshot is read only once every part is there, so when each
     * unit is a transaction of its own, one cut off half-written is skipped, not trusted.
     */
    void save(Writes writes, String text, long covers, Instant now, int chunk) {
        if (covers == 0) {
            return;
        }
        String[] leaf = {null};
        writes.run(dsl -> {
            leaf[0] = HexFormat.of().formatHex(EventLog.leafHash(dsl, covers - 1)).trim();
            dsl.deleteFrom(MARKET_SNAPSHOTS).where(MARKET_SNAPSHOTS.COVERS.eq(covers)).execute();
        });
        int parts = Math.max(1, (text.length() + chunk - 1) / chunk);
        String takenAt = Timestamps.format(now);
        for (int p = 0; p < parts; p++) {
            String part = text.substring(p * chunk, Math.min(text.length(), (p + 1) * chunk));
            int at = p;
            writes.run(dsl -> dsl.insertInto(MARKET_SNAPSHOTS, MARKET_SNAPSHOTS.COVERS, MARKET_SNAPSHOTS.PART, MARKET_SNAPSHOTS.PARTS,
                    MARKET_SNAPSHOTS.TAKEN_AT, MARKET_SNAPSHOTS.LAST_LEAF, MARKET_SNAPSHOTS.CHUNK)
                    .values(covers, at, parts, takenAt, leaf[0], part)
                    .execute());
        }
        writes.run(Snapshots::prune);
    }

    /** Keeps the two newest complete snapshots: one to fall back on while the next is written. */
    private static void prune(DSLContext dsl) {
        Long keepFrom = complete(dsl, Long.MAX_VALUE).limit(1).offset(1).fetchOne(MARKET_SNAPSHOTS.COVERS);
        if (keepFrom != null) {
            dsl.deleteFrom(MARKET_SNAPSHOTS).where(MARKET_SNAPSHOTS.COVERS.lt(keepFrom)).execute();
        }
    }

    /** The snapshots with every part written, covering at most {@code logSize} events, newest first. */
    private static org.jooq.SelectLimitStep<org.jooq.Record1<Long>> complete(DSLContext dsl, long logSize) {
        return dsl.select(MARKET_SNAPSHOTS.COVERS).from(MARKET_SNAPSHOTS).where(MARKET_SNAPSHOTS.COVERS.le(logSize))
                .groupBy(MARKET_SNAPSHOTS.COVERS).having(DSL.count().eq(DSL.max(MARKET_SNAPSHOTS.PARTS)))
                .orderBy(MARKET_SNAPSHOTS.COVERS.desc());
    }

    /** The newest snapshot consistent with the log, or null. */
    Loaded latest(DSLContext dsl, long logSize) {
        Long covers = complete(dsl, logSize).limit(1).fetchOne(MARKET_SNAPSHOTS.COVERS);
        if (covers == null) {
            return null;
        }
        Result<Record> rows = dsl.select().from(MARKET_SNAPSHOTS).where(MARKET_SNAPSHOTS.COVERS.eq(covers))
                .orderBy(MARKET_SNAPSHOTS.PART).fetch();
        if (rows.isEmpty() || rows.size() != rows.get(0).get(MARKET_SNAPSHOTS.PARTS)) {
            return null;
        }
        byte[] leafHash = EventLog.leafHash(dsl, covers - 1);
        String leaf = leafHash == null ? null : HexFormat.of().formatHex(leafHash);
        if (leaf == null || !leaf.trim().equals(rows.get(0).get(MARKET_SNAPSHOTS.LAST_LEAF).trim())) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Record r : rows) {
            text.append(r.get(MARKET_SNAPSHOTS.CHUNK));
        }
        try {
            return new Loaded(decode(text.toString()), covers);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The state as it is now, held apart from it: the parts that change in place (books, accounts,
     * oracle statuses, the ledger) are rendered now; of the append-only ones (the idempotency keys'
     * answers, the ids seen) only how many there are is noted ({@link Appended.Prefix}). Costs the owning
     * thread O(books + accounts), nothing per key; {@link Frozen#encode()}, the document's rendering,
     * may then run on another thread while the owner goes on changing the state (ADR 0127).
     */
    Frozen freeze(MarketState s) {
        ObjectNode root = JSON.createObjectNode();
        // 2: an idempotency key keeps the event that answered it (1 kept the API's rendering of it;
        // such a snapshot is not read, the next start replays the log and writes a version 2)
        root.put("version", 2);
        ObjectNode books = root.putObject("books");
        for (Book b : s.books.values()) {
            ObjectNode n = books.putObject(b.spec.market());
            n.put("spec", types.encode(b.spec));
            longs(n.putArray("pool"), b.pool);
            n.put("lp_supply", b.lpSupply);
            map(n.putObject("lp_shares"), b.lpShares);
            n.put("fee_pool_weight", b.feePoolWeight);
            map(n.putObject("withdrawn_fees"), b.withdrawnFees);
            n.put("total_withdrawn_fees", b.totalWithdrawnFees);
            ArrayNode comp = n.putArray("components");
            ArrayNode since = n.putArray("since");
            for (int i = 0; i < 3; i++) {
                comp.add(b.components[i].wire());
                since.add(b.since[i] == null ? null : b.since[i].toString());
            }
            n.put("reopen_day", b.reopenDay);
            n.put("reopenings", b.reopenings);
            ArrayNode w = n.putArray("window");
            for (long[] bucket : b.window) {
                longs(w.addArray(), bucket);
            }
            if (b.settlement != null) {
                n.put("settlement", types.encode(b.settlement));
            }
            n.put("orders", b.orders);
            n.put("volume", b.volume);
            if (b.release != null) {
                n.put("release", b.release);
                n.put("fee_bps", b.feeBps());
                if (!b.bands.equals(ParamBands.NONE)) { // absent for fee-only moves: older snapshots stay as they were
                    n.set("bands", io.mbp.events.CanonicalJson.MAPPER.valueToTree(b.bands));
                }
            }
        }
        ObjectNode accounts = root.putObject("accounts");
        for (Account a : s.accounts.values()) {
            ObjectNode n = accounts.putObject(a.id);
            a.positions.forEach((m, pos) -> longs(n.putArray(m), pos));
        }
        ObjectNode oracle = root.putObject("oracle");
        s.oracle.forEach((id, os) -> {
            ObjectNode n = oracle.putObject(id);
            if (os.finalized != null) {
                n.put("finalized", types.encode(os.finalized));
            }
            n.put("finalized_seq", os.finalizedSeq);
            n.put("mode", os.mode);
            n.put("mode_since", os.modeSince == null ? null : os.modeSince.toString());
        });
        root.putObject("idempotency"); // places in the document's order, rendered from the prefixes by Frozen
        root.putArray("e2eids");
        root.putArray("withdrawal_ids");
        map(root.putObject("ledger"), s.ledger.balances());
        ArrayNode viol = root.putArray("step_violations");
        s.stepViolations.forEach(viol::add);
        root.put("deposits", s.deposits);
        root.put("orders", s.orders);
        root.put("events", s.events);
        root.put("last_seq", s.lastSeq);
        return new Frozen(root, s.answers.prefix(), s.e2eOrder.prefix(), s.withdrawalOrder.prefix());
    }

    /**
     * A state held apart by {@link #freeze}; {@link #encode()} renders it once, on any one thread, streaming
     * the keys' answers into the document rather than building a tree of them first.
     */
    final class Frozen {
        private final ObjectNode root;
        private final AnsweredKeys.Prefix answered;
        private final Appended.Prefix<String> e2eids;
        private final Appended.Prefix<String> withdrawalIds;
        private boolean encoded;

        private Frozen(ObjectNode root, AnsweredKeys.Prefix answered, Appended.Prefix<String> e2eids,
                       Appended.Prefix<String> withdrawalIds) {
            this.root = root;
            this.answered = answered;
            this.e2eids = e2eids;
            this.withdrawalIds = withdrawalIds;
        }

        String encode() {
            if (encoded) {
                throw new IllegalStateException("a frozen snapshot is encoded once");
            }
            encoded = true;
            java.io.StringWriter out = new java.io.StringWriter(1 << 16);
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> f = it.next();
                    g.writeFieldName(f.getKey());
                    switch (f.getKey()) {
                        case "idempotency" -> {
                            g.writeStartObject();
                            answered.forEach(a -> answer(g, a));
                            g.writeEndObject();
                        }
                        case "e2eids" -> strings(g, e2eids);
                        case "withdrawal_ids" -> strings(g, withdrawalIds);
                        default -> g.writeTree(f.getValue());
                    }
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }

        /** A key's answer; the event as its record's JSON (bound back strictly on load; a snapshot is not hashed). */
        private void answer(JsonGenerator g, MarketState.Idem a) {
            try {
                g.writeObjectFieldStart(a.key());
                g.writeStringField("hash", a.requestHash());
                g.writeStringField("type", types.nameOf(a.answer()));
                g.writeStringField("answer", io.mbp.events.CanonicalJson.MAPPER.writeValueAsString(a.answer()));
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void strings(JsonGenerator g, Appended.Prefix<String> ids) throws IOException {
            g.writeStartArray();
            try {
                ids.forEach(id -> {
                    try {
                        g.writeString(id);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            g.writeEndArray();
        }
    }

    MarketState decode(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root.get("version").asInt() != 2) {
            throw new IllegalStateException("unknown snapshot version");
        }
        MarketState s = new MarketState();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("books").fields(); it.hasNext();) {
            JsonNode n = it.next().getValue();
            Book b = new Book((MarketCreated) types.decode("MarketCreated", n.get("spec").asText()));
            readLongs(n.get("pool"), b.pool);
            b.lpSupply = n.get("lp_supply").asLong();
            n.get("lp_shares").fields().forEachRemaining(e -> b.lpShares.put(e.getKey(), e.getValue().asLong()));
            b.feePoolWeight = n.get("fee_pool_weight").asLong();
            n.get("withdrawn_fees").fields().forEachRemaining(e -> b.withdrawnFees.put(e.getKey(), e.getValue().asLong()));
            b.totalWithdrawnFees = n.get("total_withdrawn_fees").asLong();
            for (int i = 0; i < 3; i++) {
                b.components[i] = HaltLevel.parse("components", n.get("components").get(i).asText());
                JsonNode since = n.get("since").get(i);
                b.since[i] = since.isNull() ? null : Instant.parse(since.asText());
            }
            b.reopenDay = n.get("reopen_day").asLong();
            b.reopenings = n.get("reopenings").asLong();
            for (JsonNode bucket : n.get("window")) {
                long[] a = new long[bucket.size()];
                readLongs(bucket, a);
                b.window.addLast(a);
            }
            if (n.hasNonNull("settlement")) {
                b.settlement = (MarketSettled) types.decode("MarketSettled", n.get("settlement").asText());
            }
            b.orders = n.get("orders").asLong();
            b.volume = n.get("volume").asLong();
            if (n.hasNonNull("release")) {
                b.release = n.get("release").asText();
                b.fee = n.get("fee_bps").asLong();
                if (n.hasNonNull("bands")) {
                    JsonNode bn = n.get("bands");
                    b.bands = new ParamBands(optLong(bn, "halt_warn_bps"), optLong(bn, "halt_soft_bps"), optLong(bn, "halt_hard_bps"),
                            optLong(bn, "oracle_staleness_seconds"), optLong(bn, "oracle_band_bps"));
                }
            }
            s.books.put(b.spec.market(), b);
        }
        root.get("accounts").fields().forEachRemaining(e -> {
            Account a = new Account(e.getKey());
            e.getValue().fields().forEachRemaining(p -> {
                long[] pos = new long[p.getValue().size()];
                readLongs(p.getValue(), pos);
                a.positions.put(p.getKey(), pos);
            });
            s.accounts.put(a.id, a);
        });
        root.get("oracle").fields().forEachRemaining(e -> {
            OracleStatus os = new OracleStatus();
            JsonNode n = e.getValue();
            if (n.hasNonNull("finalized")) {
                EventPayload f = types.decode("Finalized", n.get("finalized").asText());
                os.finalized = (Finalized) f;
            }
            os.finalizedSeq = n.get("finalized_seq").asLong();
            os.mode = n.get("mode").asText();
            os.modeSince = n.get("mode_since").isNull() ? null : Instant.parse(n.get("mode_since").asText());
            s.oracle.put(e.getKey(), os);
        });
        root.get("idempotency").fields().forEachRemaining(e -> {
            MarketEvent answer = (MarketEvent) types.decode(e.getValue().get("type").asText(), e.getValue().get("answer").asText());
            s.remember(new MarketState.Idem(e.getKey(), e.getValue().get("hash").asText(null), answer));
        });
        root.get("e2eids").forEach(n -> s.addE2eid(n.asText()));
        root.get("withdrawal_ids").forEach(n -> s.addWithdrawalId(n.asText()));
        root.get("ledger").fields().forEachRemaining(e -> s.ledger.set(e.getKey(), e.getValue().asLong()));
        root.get("step_violations").forEach(n -> s.stepViolations.add(n.asText()));
        s.deposits = root.get("deposits").asLong();
        s.orders = root.get("orders").asLong();
        s.events = root.get("events").asLong();
        s.lastSeq = root.get("last_seq").asLong();
        return s;
    }

    private static void longs(ArrayNode a, long[] values) {
        for (long v : values) {
            a.add(v);
        }
    }

    private static void readLongs(JsonNode a, long[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = a.get(i).asLong();
        }
    }

    private static void map(ObjectNode n, Map<String, Long> m) {
        m.forEach(n::put);
    }

    private static Long optLong(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asLong() : null;
    }
}
