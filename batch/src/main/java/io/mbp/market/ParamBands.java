package io.mbp.market;

import io.mbp.events.FieldException;

/**
 * The halt bands and oracle parameters a release applies to one market (docs/adr/0322), beside its
 * fee. A null component means the stable defaults: the engine's {@link HaltPolicy} bands, the
 * oracle event's own staleness and the oracle's divergence band. A market with {@link #NONE} runs
 * exactly what it ran before releases carried these, so old logs replay to the same state.
 */
public record ParamBands(Long haltWarnBps, Long haltSoftBps, Long haltHardBps, Long oracleStalenessSeconds, Long oracleBandBps) {
    public static final ParamBands NONE = new ParamBands(null, null, null, null, null);

    public ParamBands {
        boolean any = haltWarnBps != null || haltSoftBps != null || haltHardBps != null;
        boolean all = haltWarnBps != null && haltSoftBps != null && haltHardBps != null;
        if (any && !all) {
            throw new FieldException("halt_warn_bps", "halt_warn_bps, halt_soft_bps and halt_hard_bps come together or not at all");
        }
        if (all && !(0 < haltWarnBps && haltWarnBps < haltSoftBps && haltSoftBps < haltHardBps && haltHardBps <= 10_000)) {
            throw new FieldException("halt_warn_bps", "needs 0 < warn < soft < hard <= 10000 bps, got " + haltWarnBps + ", "
                    + haltSoftBps + ", " + haltHardBps);
        }
        if (oracleStalenessSeconds != null && (oracleStalenessSeconds < 1 || oracleStalenessSeconds > 86_400)) {
            throw new FieldException("oracle_staleness_seconds", "must be within 1..86400, got " + oracleStalenessSeconds);
        }
        if (oracleBandBps != null && (oracleBandBps < 0 || oracleBandBps > 10_000)) {
            throw new FieldException("oracle_band_bps", "must be within 0..10000, got " + oracleBandBps);
        }
    }

    public boolean hasHalt() {
        return haltWarnBps != null;
    }

    /** The halt policy a market with these bands runs: {@code base} with the release's warn, soft and hard bands. */
    public HaltPolicy halt(HaltPolicy base) {
        return hasHalt() ? new HaltPolicy(base.window(), haltWarnBps, haltSoftBps, haltHardBps, base.hysteresisBps(), base.cooldown(),
                base.maxReopeningsPerDay()) : base;
    }

    /** For the state digest, snapshots and I10 messages; "" for {@link #NONE} (old digests stay as they were). */
    public String text() {
        StringBuilder b = new StringBuilder();
        if (hasHalt()) {
            b.append("halt ").append(haltWarnBps).append('/').append(haltSoftBps).append('/').append(haltHardBps);
        }
        if (oracleStalenessSeconds != null) {
            b.append(b.isEmpty() ? "" : " ").append("staleness ").append(oracleStalenessSeconds).append('s');
        }
        if (oracleBandBps != null) {
            b.append(b.isEmpty() ? "" : " ").append("band ").append(oracleBandBps).append("bps");
        }
        return b.toString();
    }
}
