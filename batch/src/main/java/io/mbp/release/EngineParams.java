package io.mbp.release;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.events.CanonicalJson;
import io.mbp.market.HaltPolicy;
import io.mbp.market.MarketDefaults;
import io.mbp.oracle.OracleParams;
import java.nio.charset.StandardCharsets;

/**
 * The engine parameter set a release ships as {@code params.json} (docs/releases.md): the market's
 * default fee and halt bands, the oracle's aggregation, failover, dispute and reputation parameters.
 * Integers only (basis points, seconds), RFC 8785 canonical bytes, so the same code gives the same
 * file and a canary rolls out exactly the bytes the release signed.
 */
public final class EngineParams {
    public static final String FORMAT = "mbp-params/1";

    private EngineParams() {
    }

    public static byte[] of(long feeBps, HaltPolicy halt, OracleParams o) {
        ObjectNode root = CanonicalJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode market = root.putObject("market");
        market.put("fee_bps", feeBps);
        ObjectNode h = market.putObject("halt");
        h.put("window_seconds", halt.window().toSeconds());
        h.put("warn_bps", halt.warnBps());
        h.put("soft_bps", halt.softBps());
        h.put("hard_bps", halt.hardBps());
        h.put("hysteresis_bps", halt.hysteresisBps());
        h.put("cooldown_seconds", halt.cooldown().toSeconds());
        h.put("max_reopenings_per_day", halt.maxReopeningsPerDay());
        ObjectNode oracle = root.putObject("oracle");
        oracle.put("quorum_sources", o.quorumSources());
        oracle.put("quorum_weight_bps", o.quorumWeightBps());
        oracle.put("band_bps", o.bandBps());
        oracle.put("agree_num", o.agreeNum());
        oracle.put("agree_den", o.agreeDen());
        oracle.put("fail_k", o.failK());
        oracle.put("healthy_m", o.healthyM());
        oracle.put("twap_window_seconds", o.twapWindow().toSeconds());
        oracle.put("committee_window_seconds", o.committeeWindow().toSeconds());
        oracle.put("committee_quorum", o.committeeQuorum());
        oracle.put("staleness_seconds", OracleParams.DEFAULT_STALENESS_SECONDS);
        oracle.put("dispute_window_seconds", OracleParams.DEFAULT_DISPUTE_WINDOW_SECONDS);
        ObjectNode rep = oracle.putObject("reputation");
        rep.put("up_bps", o.repUpBps());
        rep.put("outlier_bps", o.repOutlierBps());
        rep.put("stale_bps", o.repStaleBps());
        rep.put("max_step_bps", o.repMaxStepBps());
        rep.put("min_bps", o.repMinBps());
        rep.put("max_bps", o.repMaxBps());
        return (CanonicalJson.canonicalize(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** This build's defaults: what `mbp release cut` ships. */
    public static byte[] current() {
        return of(MarketDefaults.FEE_BPS, HaltPolicy.DEFAULT, OracleParams.DEFAULTS);
    }
}
