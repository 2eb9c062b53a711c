package io.mbp.market;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.OptionalField;

/**
 * A market moved onto a release's engine parameters: from here on the engine prices its orders
 * with {@code fee_bps}, halts it on {@code halt_warn_bps/halt_soft_bps/halt_hard_bps} and the oracle
 * round of its event uses {@code oracle_staleness_seconds} and {@code oracle_band_bps} (each
 * optional: absent means the stable defaults, as in logs written before they existed, ADR 0322),
 * and every event it writes for the market was produced under {@code release} (the per-market
 * release projection, docs/adr/0318). {@code reason} says why:
 * {@code canary} (the market's cohort joined a canary phase), {@code rollback} (back to the stable
 * release's parameters) or {@code promote} (the release became the stable one for every market).
 * Written only by the engine, for {@code mbp canary}; a market without one runs its own
 * {@code MarketCreated.fee_bps} under the stable release.
 */
@EventType("MarketParamsApplied")
public record MarketParamsApplied(String market, String release, long feeBps, String reason, @OptionalField Long haltWarnBps,
                                  @OptionalField Long haltSoftBps, @OptionalField Long haltHardBps,
                                  @OptionalField Long oracleStalenessSeconds, @OptionalField Long oracleBandBps) implements MarketEvent {
    public MarketParamsApplied {
        new ParamBands(haltWarnBps, haltSoftBps, haltHardBps, oracleStalenessSeconds, oracleBandBps); // checks them
        requireText("market", market);
        requireText("release", release);
        if (feeBps < 0 || feeBps >= 10_000) {
            throw new FieldException("fee_bps", "must be within 0..9999 basis points, got " + feeBps);
        }
        if (!"canary".equals(reason) && !"rollback".equals(reason) && !"promote".equals(reason)) {
            throw new FieldException("reason", "must be canary, rollback or promote, got \"" + reason + "\"");
        }
    }

    /** Fee only: the market's halt bands and oracle parameters are the stable defaults. */
    public MarketParamsApplied(String market, String release, long feeBps, String reason) {
        this(market, release, feeBps, reason, ParamBands.NONE);
    }

    public MarketParamsApplied(String market, String release, long feeBps, String reason, ParamBands b) {
        this(market, release, feeBps, reason, b.haltWarnBps(), b.haltSoftBps(), b.haltHardBps(), b.oracleStalenessSeconds(),
                b.oracleBandBps());
    }

    public ParamBands bands() {
        return new ParamBands(haltWarnBps, haltSoftBps, haltHardBps, oracleStalenessSeconds, oracleBandBps);
    }

    /** The engine's decision on {@link MarketCommand.ApplyParams}: a settled market keeps what it settled under. */
    static java.util.List<MarketEvent> decide(MarketState.Book b, MarketCommand.ApplyParams a) {
        if (b.settlement != null) {
            throw new MarketRejected(Reject.INVALID_FIELD, "market", "market " + a.market() + " is settled; its parameters stay");
        }
        return java.util.List.of(new MarketParamsApplied(a.market(), a.release(), a.feeBps(), a.reason(), a.bands()));
    }

    @Override
    public String streamId() {
        return market;
    }
}
