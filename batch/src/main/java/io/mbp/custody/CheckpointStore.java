package io.mbp.custody;

import static io.mbp.sql.schema.Tables.CHECKPOINTS;

import io.mbp.sql.schema.tables.records.CheckpointsRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Reads and writes the {@code checkpoints} table. */
public final class CheckpointStore {
    private CheckpointStore() {
    }

    public static Optional<StoredCheckpoint> latest(DSLContext dsl) {
        return dsl.selectFrom(CHECKPOINTS).orderBy(CHECKPOINTS.ID.desc()).limit(1).fetchOptional(CheckpointStore::map);
    }

    public static Optional<StoredCheckpoint> byId(DSLContext dsl, long id) {
        return dsl.selectFrom(CHECKPOINTS).where(CHECKPOINTS.ID.eq(id)).fetchOptional(CheckpointStore::map);
    }

    public static List<StoredCheckpoint> all(DSLContext dsl) {
        return dsl.selectFrom(CHECKPOINTS).orderBy(CHECKPOINTS.ID).fetch(CheckpointStore::map);
    }

    public static long nextId(DSLContext dsl) {
        Long max = dsl.select(DSL.max(CHECKPOINTS.ID)).from(CHECKPOINTS).fetchOne(0, Long.class);
        return max == null ? 1 : max + 1;
    }

    public static void insert(DSLContext dsl, StoredCheckpoint c) {
        dsl.insertInto(CHECKPOINTS)
                .set(CHECKPOINTS.ID, c.id())
                .set(CHECKPOINTS.TREE_SIZE, c.treeSize())
                .set(CHECKPOINTS.ROOT_HASH, c.rootHex())
                .set(CHECKPOINTS.ORIGIN, c.origin())
                .set(CHECKPOINTS.KEY_NAME, c.keyName())
                .set(CHECKPOINTS.KEY_ID, c.keyId())
                .set(CHECKPOINTS.NOTE, c.note())
                .set(CHECKPOINTS.PREVIOUS_SIZE, c.previousSize())
                .set(CHECKPOINTS.CONSISTENCY_PROOF, String.join(",", c.consistencyProof()))
                .set(CHECKPOINTS.CREATED_AT, c.createdAt())
                .execute();
    }

    private static StoredCheckpoint map(CheckpointsRecord r) {
        String proof = r.getConsistencyProof();
        List<String> hashes = proof == null || proof.isBlank() ? List.of() : Arrays.asList(proof.split(","));
        return new StoredCheckpoint(r.getId(), r.getTreeSize(), r.getRootHash().trim(), r.getOrigin(), r.getKeyName(),
                r.getKeyId().trim(), r.getNote(), r.getPreviousSize() == null ? 0 : r.getPreviousSize(), hashes,
                r.getCreatedAt());
    }
}
