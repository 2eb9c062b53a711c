package io.mbp.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.market.QualityKpis;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where every gate check reads its evidence, and nothing else (ADR 0025): the log's events by type
 * name (so the events of capabilities still being built are read the day they appear, without a
 * code change here), files of evidence (reports, workpapers, docs), and the two facts the log does
* not hold (the chain account's first anchor and the evaluation's time and date).
 */
public interface EvidenceSource {
    /** An event of the log: its payload as JSON, whatever family it belongs to. */
    record Found(long seq, String type, String ts, JsonNode payload) {
        public String pointer() {
            return "log seq " + seq + " " + type;
        }

        public String text(String field) {
            JsonNode v = payload.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }
    }

    /** Events of these types, in log order. */
    List<Found> events(Collection<String> types);

    /** A file of evidence, resolved against the evidence folders; empty when it does not exist. */
    Optional<Path> file(String path);

    /** The newest file named {@code name} anywhere under the folder {@code dir} (depth 4), if any. */
    Optional<Path> newest(String dir, String name);

    /** The anchoring chain account of the newest anchor and its first use in this database. */
    Optional<ChainKey> chainKey();

    record ChainKey(String address, Instant firstUse, String pointer) {
    }

    /**
     * The market quality KPIs sampled from the log over {@code [from, to)} (io.mbp.market.MarketQuality,
     * the same sampling as `mbp market quality`); empty when no market had a sample in the window.
     */
    Optional<QualityKpis.Report> marketQuality(Instant from, Instant to);

    /** When the check runs. */
    Instant now();

    /** The business date the check is about (the nightly's date; the day of {@link #now()} otherwise). */
    LocalDate date();
}
