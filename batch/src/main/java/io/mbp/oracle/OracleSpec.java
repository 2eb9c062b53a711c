package io.mbp.oracle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A registered oracle event as the domain uses it (parsed from {@link OracleEventRegistered}). */
public record OracleSpec(String id, Kind kind, String title, BigDecimal min, BigDecimal max, List<String> outcomes,
                         Instant resolvesAt, long stalenessSeconds, long disputeWindowSeconds, List<String> panel) {

    public static OracleSpec of(OracleEventRegistered r) {
        Kind kind = Kind.parse("kind", r.kind());
        return new OracleSpec(r.event(), kind, r.title(),
                r.min() == null ? null : new BigDecimal(r.min()), r.max() == null ? null : new BigDecimal(r.max()),
                r.outcomes() == null ? List.of() : r.outcomes(), Instant.parse(r.resolvesAt()),
                r.stalenessSeconds(), r.disputeWindowSeconds(), r.sources() == null ? List.of() : r.sources());
    }

    public boolean numeric() {
        return kind == Kind.NUMERIC;
    }

    /** Null when {@code raw} is an acceptable answer for this event, else why not (for a person). */
    public String refusal(String raw) {
        if (numeric()) {
            if (!Decimals.isPlain(raw)) {
                return "value \"" + raw + "\" is not a plain decimal string";
            }
            BigDecimal v = new BigDecimal(raw);
            if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                return "value " + raw + " is outside the bounds [" + min.toPlainString() + ", " + max.toPlainString() + "]";
            }
            return null;
        }
        return outcomes.contains(raw) ? null : "outcome \"" + raw + "\" is not one of " + outcomes;
    }
}
