package io.mbp.exports;

import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.Timestamps;
import io.mbp.incident.Incident;
import io.mbp.incident.IncidentEvent;
import io.mbp.incident.IncidentEvents;
import io.mbp.incident.Incidents;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketQuality;
import io.mbp.market.QualityKpis;
import io.mbp.market.MarketService;
import io.mbp.oracle.Aggregator;
import io.mbp.oracle.OracleEventRegistered;
import io.mbp.oracle.OracleEvents;
import io.mbp.oracle.RoundAggregated;
import io.mbp.sql.Database;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public truth of one UTC day, from the log alone: oracle divergence per event and staleness per
 * source (from the day's aggregation rounds), market quality (spread, slippage, depth), uptime per
 * service and the incidents that touched the day. No table has a column that can hold a person:
 * accounts, PIX keys and names never leave the log through here (ADR 0605).
 */
public final class DailyFigures {
    /** The reference order for the spread: R$ 100.00, as `mbp market quality` defaults to. */
    public static final long REF_SIZE = 10_000;

    private DailyFigures() {
    }

    /** The tables in publication order; {@code services} are the services uptime is given for (the SLO specs'). */
    public static List<Table> compute(Database db, LocalDate day, List<String> services) {
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Table> out = new ArrayList<>(oracle(db, from, to));
        out.add(quality(db, from, to));
        List<Incident> incidents = incidents(db);
        out.add(uptime(incidents, services(services, incidents), from, to));
        out.add(incidentTable(incidents, from, to));
        return out;
    }

    /** The declared services (the SLO specs', in their order), then any other service an incident names, sorted. */
    public static List<String> services(List<String> declared, List<Incident> incidents) {
        List<String> out = new ArrayList<>(declared);
        incidents.stream().map(Incident::service).filter(s -> !declared.contains(s)).distinct().sorted().forEach(out::add);
        return out;
    }

    public static List<Incident> incidents(Database db) {
        Incidents all = new Incidents();
        new EventLog(db).forEachOfTypes(IncidentEvents.NAMES, (Event e) ->
                all.apply((IncidentEvent) IncidentEvents.TYPES.decode(e.type(), e.payload()), e.ts()));
        return all.all();
    }

    private static List<Table> oracle(Database db, Instant from, Instant to) {
        Map<String, Long> limit = new TreeMap<>();
        Map<String, long[]> divergence = new TreeMap<>(); // rounds, max bps, last bps, min fresh sources, consensus rounds
        Map<String, long[]> sources = new TreeMap<>(); // per "event|source": rounds, max age, then one count per status
        new EventLog(db).forEachOfTypes(List.of("OracleEventRegistered", "RoundAggregated"), e -> {
            Object p = OracleEvents.TYPES.decode(e.type(), e.payload());
            if (p instanceof OracleEventRegistered r) {
                limit.put(r.event(), r.stalenessSeconds());
            } else if (p instanceof RoundAggregated r) {
                Instant at = Timestamps.parse("at", r.at());
                if (at.isBefore(from) || !at.isBefore(to)) {
                    return;
                }
                long bps = r.countedWeightBps() == 0 ? 0 : 10_000 - r.agreeWeightBps() * 10_000 / r.countedWeightBps();
                long[] d = divergence.computeIfAbsent(r.event(), k -> new long[] {0, 0, 0, Long.MAX_VALUE, 0});
                d[0]++;
                d[1] = Math.max(d[1], bps);
                d[2] = bps;
                d[3] = Math.min(d[3], r.freshSources());
                d[4] += "consensus".equals(r.status()) ? 1 : 0;
                for (String s : r.sources()) {
                    Aggregator.Metric m = Aggregator.Metric.decode(s);
                    long[] c = sources.computeIfAbsent(r.event() + "|" + m.source(),
                            k -> new long[2 + Aggregator.SourceStatus.values().length]);
                    c[0]++;
                    c[1] = Math.max(c[1], m.ageSeconds());
                    c[2 + m.status().ordinal()]++;
                }
            }
        });
        List<List<Object>> div = new ArrayList<>();
        divergence.forEach((ev, d) -> div.add(Arrays.asList(ev, d[0], d[4], d[1], d[2], d[3], limit.get(ev))));
        List<String> cols = new ArrayList<>(List.of("oracle_event", "source", "rounds", "max_staleness_seconds", "staleness_limit_seconds"));
        for (Aggregator.SourceStatus s : Aggregator.SourceStatus.values()) {
            cols.add(s.wire() + "_rounds");
        }
        List<List<Object>> stale = new ArrayList<>();
        sources.forEach((key, c) -> {
            String ev = key.substring(0, key.indexOf('|'));
            List<Object> row = new ArrayList<>(Arrays.asList(ev, key.substring(key.indexOf('|') + 1), c[0], c[1] < 0 ? null : c[1],
                    limit.get(ev)));
            for (int i = 2; i < c.length; i++) {
                row.add(c[i]);
            }
            stale.add(row);
        });
        return List.of(new Table("oracle-divergence", List.of("oracle_event", "rounds", "consensus_rounds", "divergence_max_bps",
                        "divergence_last_bps", "fresh_sources_min", "staleness_limit_seconds"), div),
                new Table("oracle-staleness", cols, stale));
    }

    private static Table quality(Database db, Instant from, Instant to) {
        List<List<Object>> rows = new ArrayList<>();
        QualityKpis.Report report = MarketQuality.sample(new MarketService(db, new MarketEngine(), Clock.fixed(to, ZoneOffset.UTC)),
                from, to, MarketQuality.DEFAULT_STEP_SECONDS, REF_SIZE);
        for (QualityKpis k : report.markets()) {
            rows.add(Arrays.asList(k.market(), k.samples(), k.orders(), pct(k.spreadP95Bps()), pct(k.slippageP95Bps()),
                    pct(k.fillSlippageP95Bps()), k.depth2PctP50Centavos(), report.refSize(), k.pass()));
        }
        return new Table("market-quality", List.of("market", "samples", "orders", "spread_p95_pct", "slippage_p95_pct",
                "fill_slippage_p95_pct", "depth_2pct_p50_centavos", "ref_size_centavos", "gates_pass"), rows);
    }

    /** Basis points as a percentage with two decimals ("1.25"), exact; null stays null (no data). */
    static String pct(Long bps) {
        return bps == null ? null : BigDecimal.valueOf(bps, 2).toPlainString();
    }

    private static Table uptime(List<Incident> incidents, List<String> services, Instant from, Instant to) {
        long total = to.getEpochSecond() - from.getEpochSecond();
        List<List<Object>> rows = new ArrayList<>();
        for (String s : services) {
            long down = Uptime.downSeconds(incidents, s, from, to);
            long touching = incidents.stream().filter(i -> i.service().equals(s) && touches(i, from, to)).count();
            rows.add(Arrays.asList(s, total, down, Uptime.pct(Uptime.uptimePpm(down, total)), touching));
        }
        return new Table("uptime", List.of("service", "period_seconds", "down_seconds", "uptime_pct", "incidents"), rows);
    }

    static boolean touches(Incident i, Instant from, Instant to) {
        Instant s = Timestamps.parse("started_at", i.startedAt());
        Instant e = i.open() ? Instant.MAX : Timestamps.parse("restored_at", i.restoredAt());
        return s.isBefore(to) && !e.isBefore(from);
    }

    private static Table incidentTable(List<Incident> incidents, Instant from, Instant to) {
        List<List<Object>> rows = new ArrayList<>();
        for (Incident i : incidents) {
            if (touches(i, from, to)) {
                rows.add(Arrays.asList(i.id(), i.severity().name(), i.service(), i.title(), i.startedAt(), i.restoredAt(),
                        i.open() ? null : i.timeToRestore().toSeconds(), i.status(), i.rca()));
            }
        }
        return new Table("incidents", List.of("incident", "severity", "service", "title", "started_at", "restored_at", "ttr_seconds",
                "status", "rca"), rows);
    }
}
