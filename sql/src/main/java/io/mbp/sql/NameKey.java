package io.mbp.sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A stable 64-bit number for a name: the first 8 bytes of SHA-256 over its UTF-8, big-endian. The
 * PostgreSQL advisory lock keys (a job's lock, the payouts' serialized steps; docs/adr/0310) and the
 * shard that owns a market (docs/adr/0309) all use it, so any client, in any language, derives the
 * same key from the name alone, and distinct names (prefixed by their use) do not collide by accident.
 */
public final class NameKey {
    private NameKey() {
    }

    /** The key of {@code name}, as a signed long (an advisory lock's bigint); read it unsigned for a modulus. */
    public static long of(String name) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        long k = 0;
        for (int i = 0; i < 8; i++) {
            k = (k << 8) | (h[i] & 0xff);
        }
        return k;
    }

    /** PostgreSQL's default schema: its lock names carry no schema. */
    public static final String DEFAULT_SCHEMA = "public";

    /**
     * The key of an advisory lock named {@code prefix + name} used from tables in {@code schema}. PostgreSQL's
     * advisory locks belong to the whole database, not a schema: installations (or tests) in separate schemas
     * of one database would lock each other out, so a schema other than the default one is part of the name
     * ({@code prefix + schema + "/" + name}); the default schema keeps the name every earlier release used,
     * so workers of two releases still exclude each other during an upgrade (ADR 0310).
     */
    public static long ofLock(String prefix, String schema, String name) {
        return of(DEFAULT_SCHEMA.equals(schema) ? prefix + name : prefix + schema + "/" + name);
    }

    /** The schema {@code c}'s unqualified tables resolve to on PostgreSQL (the URL's {@code currentSchema}). */
    public static String schemaOf(java.sql.Connection c) throws java.sql.SQLException {
        try (java.sql.PreparedStatement st = c.prepareStatement("SELECT current_schema()");
                java.sql.ResultSet rs = st.executeQuery()) {
            rs.next();
            String schema = rs.getString(1);
            return schema == null ? DEFAULT_SCHEMA : schema;
        }
    }
}
