package io.mbp.market;

import io.mbp.events.EventPayload;
import io.mbp.events.EventTypes;
import io.mbp.oracle.FailoverRolled;
import io.mbp.oracle.Finalized;
import java.util.List;

/** The market's stored payloads read back for replay and catch-up. */
final class StoredPayloads {
    private StoredPayloads() {
    }

    /**
     * Readers for replay. Stored payloads were validated field by field when appended, so replay
     * binds them straight to their records (absent optional fields as null) without the tree pass.
     */
    private static final java.util.Map<String, com.fasterxml.jackson.databind.ObjectReader> READERS = readers();

    private static java.util.Map<String, com.fasterxml.jackson.databind.ObjectReader> readers() {
        java.util.Map<String, com.fasterxml.jackson.databind.ObjectReader> m = new java.util.HashMap<>();
        EventTypes t = MarketService.FOLDED;
        for (Class<?> c : List.of(MarketCreated.class, DepositReceived.class, OrderFilled.class, WithdrawalRequested.class,
                LiquidityAdded.class, LiquidityRemoved.class, HaltChanged.class, MarketSettled.class, SettlementPayout.class,
                Finalized.class, FailoverRolled.class, MarketParamsApplied.class)) {
            String name = c.getAnnotation(io.mbp.events.EventType.class).value();
            if (t.isKnown(name)) {
                m.put(name, io.mbp.events.CanonicalJson.MAPPER.readerFor(c)
                        .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES));
            }
        }
        return m;
    }

    /** A stored payload (its UTF-8 bytes) as its record: a fill on the streaming path, others bound (ADR 0112, 0128). */
    static EventPayload decode(String type, byte[] payload, StoredFills.Ids ids) {
        if ("OrderFilled".equals(type)) {
            OrderFilled fill = StoredFills.decode(payload, ids);
            if (fill != null) {
                return fill;
            }
        }
        try {
            return READERS.get(type).readValue(payload);
        } catch (java.io.IOException | RuntimeException e) {
            // the strict path names the field at fault
            return MarketService.FOLDED.decode(type, new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
