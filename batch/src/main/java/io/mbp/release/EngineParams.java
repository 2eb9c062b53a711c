package io.mbp.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.error.BadInputException;
import io.mbp.events.CanonicalJson;
import io.mbp.market.HaltPolicy;
import io.mbp.market.MarketDefaults;
import io.mbp.oracle.OracleParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * The engine parameter set a release ships as {@code params.json} (docs/releases.md): the market's
 * default fee and halt bands, the oracle's aggregation, failover, dispute and reputation parameters.
 * Integers only (basis points, seconds), RFC 8785 canonical bytes, so the same code gives the same
 * file and a canary rolls out exactly the bytes the release signed. {@link #read} is the one reader of
 * the format (the canary and {@code release verify} both use it).
 */
public final class EngineParams {
    public static final String FORMAT = "mbp-params/1";
    /** A params.json is about a kilobyte; anything far larger is not one. */
    public static final long MAX_BYTES = 64 * 1024;
    private static final long BPS = 10_000;
    private static final long DAY = 86_400;
    private static final long BIG = 1_000_000_000;

    /** A parsed parameter set: every key of the format, checked. */
    public record Values(long feeBps, HaltPolicy halt, OracleParams oracle, long stalenessSeconds, long disputeWindowSeconds) {
    }

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

    /** Reads and checks {@code file}; every refusal names the file and the field (exit 4). */
    public static Values read(Path file) {
        return parse(file.toString(), bytes(file));
    }

    /** The file's bytes, refused (naming it) when missing, unreadable or far too large. */
    public static byte[] bytes(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new BadInputException(file + ": larger than " + MAX_BYTES + " bytes; a params.json is about one kilobyte");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file (a release's params.json, docs/releases.md#paramsjson)");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Parses the bytes of a params.json named {@code file} in messages. Unknown and missing keys are refused. */
    public static Values parse(String file, byte[] bytes) {
        JsonNode root;
        try {
            root = CanonicalJson.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException(file + ": not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(file + ": must be a JSON object");
        }
        Fields f = new Fields(file);
        f.only("", root, Set.of("format", "market", "oracle"));
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText()) || !format.isTextual()) {
            throw new BadInputException(file + ": field format: must be \"" + FORMAT + "\", got " + format);
        }
        JsonNode market = f.object("market", root.get("market"));
        f.only("market.", market, Set.of("fee_bps", "halt"));
        long fee = f.number("market.fee_bps", market, 0, BPS - 1);
        JsonNode h = f.object("market.halt", market.get("halt"));
        f.only("market.halt.", h, Set.of("window_seconds", "warn_bps", "soft_bps", "hard_bps", "hysteresis_bps", "cooldown_seconds",
                "max_reopenings_per_day"));
        long warn = f.number("market.halt.warn_bps", h, 1, BPS);
        long soft = f.number("market.halt.soft_bps", h, 1, BPS);
        long hard = f.number("market.halt.hard_bps", h, 1, BPS);
        if (!(warn < soft && soft < hard)) {
            throw new BadInputException(file + ": field market.halt: needs warn_bps < soft_bps < hard_bps, got " + warn + ", " + soft
                    + ", " + hard);
        }
        HaltPolicy halt = new HaltPolicy(Duration.ofSeconds(f.number("market.halt.window_seconds", h, 1, DAY)), warn, soft, hard,
                f.number("market.halt.hysteresis_bps", h, 0, BPS), Duration.ofSeconds(f.number("market.halt.cooldown_seconds", h, 0, DAY)),
                f.number("market.halt.max_reopenings_per_day", h, 0, 1_000));
        JsonNode o = f.object("oracle", root.get("oracle"));
        f.only("oracle.", o, Set.of("quorum_sources", "quorum_weight_bps", "band_bps", "agree_num", "agree_den", "fail_k", "healthy_m",
                "twap_window_seconds", "committee_window_seconds", "committee_quorum", "staleness_seconds", "dispute_window_seconds",
                "reputation"));
        long agreeDen = f.number("oracle.agree_den", o, 1, BIG);
        long agreeNum = f.number("oracle.agree_num", o, 0, agreeDen);
        JsonNode r = f.object("oracle.reputation", o.get("reputation"));
        f.only("oracle.reputation.", r, Set.of("up_bps", "outlier_bps", "stale_bps", "max_step_bps", "min_bps", "max_bps"));
        long repMax = f.number("oracle.reputation.max_bps", r, 1, BIG);
        OracleParams oracle = new OracleParams((int) f.number("oracle.quorum_sources", o, 1, 1_000),
                f.number("oracle.quorum_weight_bps", o, 0, BPS), f.number("oracle.band_bps", o, 0, BPS), agreeNum, agreeDen,
                (int) f.number("oracle.fail_k", o, 1, 1_000), (int) f.number("oracle.healthy_m", o, 1, 1_000),
                Duration.ofSeconds(f.number("oracle.twap_window_seconds", o, 1, 30 * DAY)),
                Duration.ofSeconds(f.number("oracle.committee_window_seconds", o, 1, 365 * DAY)),
                (int) f.number("oracle.committee_quorum", o, 1, 1_000), f.number("oracle.reputation.up_bps", r, 0, BPS),
                f.number("oracle.reputation.outlier_bps", r, 0, BPS), f.number("oracle.reputation.stale_bps", r, 0, BPS),
                f.number("oracle.reputation.max_step_bps", r, 0, BPS), f.number("oracle.reputation.min_bps", r, 0, repMax), repMax);
        return new Values(fee, halt, oracle, f.number("oracle.staleness_seconds", o, 1, DAY),
                f.number("oracle.dispute_window_seconds", o, 1, 365 * DAY));
    }

    /** Field checks that name the file and the dotted field in every refusal. */
    private record Fields(String file) {
        void only(String prefix, JsonNode node, Set<String> known) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!known.contains(name)) {
                    throw new BadInputException(file + ": field " + prefix + name + ": unknown (known: " + new TreeSet<>(known) + ")");
                }
            }
        }

        JsonNode object(String field, JsonNode n) {
            if (n == null || !n.isObject()) {
                throw new BadInputException(file + ": field " + field + ": missing or not an object");
            }
            return n;
        }

        long number(String field, JsonNode parent, long min, long max) {
            JsonNode n = parent.get(field.substring(field.lastIndexOf('.') + 1));
            if (n == null) {
                throw new BadInputException(file + ": field " + field + ": missing");
            }
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
                throw new BadInputException(file + ": field " + field + ": must be an integer within " + min + ".." + max + ", got " + n);
            }
            return n.asLong();
        }
    }
}
