package io.mbp.events;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a range of the log as NDJSON or CSV. NDJSON lines are the canonical event members in
 * sorted order plus {@code leaf_hash}; CSV columns are seq,type,stream,ts,payload,leaf_hash.
 * Streams page by page, so a 10-million-event export runs in a small fixed heap.
 */
public final class EventExporter {
    public enum Format { ndjson, csv }

    private EventExporter() {
    }

    public static long export(EventLog log, long from, long to, Format format, Writer out) throws IOException {
        try {
            long n;
            if (format == Format.csv) {
                CSVPrinter csv = CSVFormat.RFC4180.builder().setRecordSeparator("\n")
                        .setHeader("seq", "type", "stream", "ts", "payload", "leaf_hash").get().print(out);
                n = log.forEach(from, to, e -> {
                    try {
                        csv.printRecord(e.seq(), e.type(), e.stream(), e.ts(), e.payload(), e.leafHashHex());
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                });
                csv.flush();
            } else {
                JsonGenerator g = CanonicalJson.MAPPER.getFactory().createGenerator(out);
                g.setRootValueSeparator(null);
                n = log.forEach(from, to, e -> {
                    try {
                        g.writeStartObject();
                        g.writeStringField("leaf_hash", e.leafHashHex());
                        g.writeFieldName("payload");
                        g.writeRawValue(e.payload());
                        g.writeNumberField("seq", e.seq());
                        g.writeStringField("stream", e.stream());
                        g.writeStringField("ts", e.ts());
                        g.writeStringField("type", e.type());
                        g.writeEndObject();
                        g.writeRaw('\n');
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                });
                g.flush();
            }
            return n;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
