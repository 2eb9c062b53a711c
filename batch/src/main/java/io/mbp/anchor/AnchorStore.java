package io.mbp.anchor;

import static io.mbp.sql.schema.Tables.ANCHORS;
import static io.mbp.sql.schema.Tables.ANCHOR_INTENTS;

import io.mbp.events.Timestamps;
import io.mbp.sql.schema.tables.records.AnchorsRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Reads and writes the {@code anchors} table. */
public final class AnchorStore {
    private AnchorStore() {
    }

    public static List<StoredAnchor> all(DSLContext dsl) {
        return dsl.selectFrom(ANCHORS).orderBy(ANCHORS.ID).fetch(AnchorStore::map);
    }

    public static List<StoredAnchor> forCheckpoint(DSLContext dsl, long checkpointId) {
        return dsl.selectFrom(ANCHORS).where(ANCHORS.CHECKPOINT_ID.eq(checkpointId)).orderBy(ANCHORS.ID).fetch(AnchorStore::map);
    }

    public static Optional<StoredAnchor> latestFor(DSLContext dsl, long checkpointId) {
        return dsl.selectFrom(ANCHORS).where(ANCHORS.CHECKPOINT_ID.eq(checkpointId)).orderBy(ANCHORS.ID.desc()).limit(1)
                .fetchOptional(AnchorStore::map);
    }

    /**
     * When {@code address} first anchored in this database: its earliest recorded anchor or sent
     * anchor transaction. This is the chain key's age (docs/adr/0106); empty for a key never used here.
     */
    public static Optional<Instant> firstUse(DSLContext dsl, String address) {
        List<String> times = new ArrayList<>(dsl.select(ANCHORS.PUBLISHED_AT).from(ANCHORS)
                .where(DSL.lower(ANCHORS.FROM_ADDRESS).eq(address.toLowerCase(Locale.ROOT))).fetch(ANCHORS.PUBLISHED_AT));
        times.addAll(dsl.select(ANCHOR_INTENTS.SENT_AT).from(ANCHOR_INTENTS)
                .where(DSL.lower(ANCHOR_INTENTS.FROM_ADDRESS).eq(address.toLowerCase(Locale.ROOT)))
                .fetch(ANCHOR_INTENTS.SENT_AT));
        return times.stream().map(t -> Timestamps.parse("published_at", t.trim())).min(Instant::compareTo);
    }

    public static long nextId(DSLContext dsl) {
        Long max = dsl.select(DSL.max(ANCHORS.ID)).from(ANCHORS).fetchOne(0, Long.class);
        return max == null ? 1 : max + 1;
    }

    public static void insert(DSLContext dsl, StoredAnchor a) {
        dsl.insertInto(ANCHORS)
                .set(ANCHORS.ID, a.id())
                .set(ANCHORS.CHECKPOINT_ID, a.checkpointId())
                .set(ANCHORS.CHAIN_ID, a.chainId())
                .set(ANCHORS.TX_HASH, a.txHash())
                .set(ANCHORS.FROM_ADDRESS, a.fromAddress())
                .set(ANCHORS.BLOCK_NUMBER, a.blockNumber())
                .set(ANCHORS.BLOCK_HASH, a.blockHash())
                .set(ANCHORS.CONFIRMATIONS, a.confirmations())
                .set(ANCHORS.PUBLISHED_AT, a.publishedAt())
                .execute();
    }

    private static StoredAnchor map(AnchorsRecord r) {
        return new StoredAnchor(r.getId(), r.getCheckpointId(), r.getChainId(), r.getTxHash().trim(), r.getFromAddress(),
                r.getBlockNumber(), r.getBlockHash().trim(), r.getConfirmations(), r.getPublishedAt());
    }
}
