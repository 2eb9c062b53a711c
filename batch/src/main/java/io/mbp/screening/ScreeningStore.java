package io.mbp.screening;

import static io.mbp.sql.schema.Tables.SCREENING_ENTITIES;
import static io.mbp.sql.schema.Tables.SCREENING_LIST_VERSIONS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/** The screening tables (V70 entities of each list's current version, V71 every version), the package's only SQL. */
final class ScreeningStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** A row of screening_list_versions. */
    record Version(String listId, int version, String format, String source, String fileHash, int entityCount,
                   int added, int removed, int changed, String importedAt) {
    }

    private ScreeningStore() {
    }

    static Optional<Version> latest(DSLContext dsl, String listId) {
        return dsl.selectFrom(SCREENING_LIST_VERSIONS).where(SCREENING_LIST_VERSIONS.LIST_ID.eq(listId))
                .orderBy(SCREENING_LIST_VERSIONS.LIST_VERSION.desc()).limit(1).fetchOptional().map(ScreeningStore::version);
    }

    /** The newest version of every list, by list id. */
    static List<Version> latestAll(DSLContext dsl) {
        Map<String, Version> out = new java.util.TreeMap<>();
        for (Record r : dsl.selectFrom(SCREENING_LIST_VERSIONS).orderBy(SCREENING_LIST_VERSIONS.LIST_ID,
                SCREENING_LIST_VERSIONS.LIST_VERSION).fetch()) {
            Version v = version(r);
            out.put(v.listId(), v);
        }
        return List.copyOf(out.values());
    }

    static Map<String, String> digests(DSLContext dsl, String listId) {
        Map<String, String> m = new HashMap<>();
        dsl.select(SCREENING_ENTITIES.ENTITY_ID, SCREENING_ENTITIES.DIGEST).from(SCREENING_ENTITIES)
                .where(SCREENING_ENTITIES.LIST_ID.eq(listId)).fetch().forEach(r -> m.put(r.value1(), r.value2()));
        return m;
    }

    /** Replaces the list's entities by {@code entities} of {@code version}. */
    static void replace(DSLContext dsl, String listId, int version, List<ListEntity> entities) {
        dsl.deleteFrom(SCREENING_ENTITIES).where(SCREENING_ENTITIES.LIST_ID.eq(listId)).execute();
        for (int from = 0; from < entities.size(); from += 1000) {
            var insert = dsl.insertInto(SCREENING_ENTITIES, SCREENING_ENTITIES.LIST_ID, SCREENING_ENTITIES.ENTITY_ID,
                    SCREENING_ENTITIES.LIST_VERSION, SCREENING_ENTITIES.ENTITY_TYPE, SCREENING_ENTITIES.NAME,
                    SCREENING_ENTITIES.ALIASES, SCREENING_ENTITIES.BIRTH_DATES, SCREENING_ENTITIES.COUNTRIES,
                    SCREENING_ENTITIES.DOCUMENTS, SCREENING_ENTITIES.TOPICS, SCREENING_ENTITIES.DIGEST);
            for (ListEntity e : entities.subList(from, Math.min(entities.size(), from + 1000))) {
                insert = insert.values(listId, e.entityId(), version, e.type().code(), e.name(), json(e.aliases()),
                        json(e.birthDates()), json(e.countries()), json(e.documents()), json(e.topics()), e.digest());
            }
            insert.execute();
        }
    }

    static void insertVersion(DSLContext dsl, Version v) {
        dsl.insertInto(SCREENING_LIST_VERSIONS, SCREENING_LIST_VERSIONS.LIST_ID, SCREENING_LIST_VERSIONS.LIST_VERSION,
                SCREENING_LIST_VERSIONS.FORMAT, SCREENING_LIST_VERSIONS.SOURCE, SCREENING_LIST_VERSIONS.FILE_HASH,
                SCREENING_LIST_VERSIONS.ENTITY_COUNT, SCREENING_LIST_VERSIONS.ADDED, SCREENING_LIST_VERSIONS.REMOVED,
                SCREENING_LIST_VERSIONS.CHANGED, SCREENING_LIST_VERSIONS.IMPORTED_AT)
                .values(v.listId(), v.version(), v.format(), v.source(), v.fileHash(), v.entityCount(), v.added(), v.removed(),
                        v.changed(), v.importedAt()).execute();
    }

    /** Every stored entity of the lists' current versions, as one index. */
    static ScreeningIndex index(DSLContext dsl) {
        ScreeningIndex.Builder b = ScreeningIndex.builder();
        for (Version v : latestAll(dsl)) {
            List<ListEntity> list = new ArrayList<>();
            for (Record r : dsl.selectFrom(SCREENING_ENTITIES).where(SCREENING_ENTITIES.LIST_ID.eq(v.listId()))
                    .orderBy(SCREENING_ENTITIES.ENTITY_ID).fetch()) {
                list.add(new ListEntity(r.get(SCREENING_ENTITIES.ENTITY_ID), EntityType.ofCode(r.get(SCREENING_ENTITIES.ENTITY_TYPE)),
                        r.get(SCREENING_ENTITIES.NAME), strings(r.get(SCREENING_ENTITIES.ALIASES)),
                        strings(r.get(SCREENING_ENTITIES.BIRTH_DATES)), strings(r.get(SCREENING_ENTITIES.COUNTRIES)),
                        strings(r.get(SCREENING_ENTITIES.DOCUMENTS)), strings(r.get(SCREENING_ENTITIES.TOPICS))));
            }
            b.addAll(v.listId(), v.version(), list);
        }
        return b.build();
    }

    private static Version version(Record r) {
        return new Version(r.get(SCREENING_LIST_VERSIONS.LIST_ID), r.get(SCREENING_LIST_VERSIONS.LIST_VERSION),
                r.get(SCREENING_LIST_VERSIONS.FORMAT), r.get(SCREENING_LIST_VERSIONS.SOURCE), r.get(SCREENING_LIST_VERSIONS.FILE_HASH),
                r.get(SCREENING_LIST_VERSIONS.ENTITY_COUNT), r.get(SCREENING_LIST_VERSIONS.ADDED), r.get(SCREENING_LIST_VERSIONS.REMOVED),
                r.get(SCREENING_LIST_VERSIONS.CHANGED), r.get(SCREENING_LIST_VERSIONS.IMPORTED_AT));
    }

    private static String json(List<String> l) {
        try {
            return JSON.writeValueAsString(l);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String json) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new io.mbp.error.VerificationFailedException("screening_entities holds a value that is not a JSON array of strings");
        }
    }
}
