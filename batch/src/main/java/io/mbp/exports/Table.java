package io.mbp.exports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.events.CanonicalJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One public table of a day: its file name (without extension), its columns and rows. Cells are
 * {@code Long}, {@code String} or null (no data); never a floating-point number, so the same log gives
 * the same bytes on every machine. Rendered as RFC 4180 CSV (Commons CSV, LF line ends) and as RFC 8785
 * canonical JSON.
 */
public record Table(String name, List<String> columns, List<List<Object>> rows) {
    public Table {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
        for (List<Object> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException(name + ": a row has " + r.size() + " cells for " + columns.size() + " columns");
            }
        }
    }

    public String csv() {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                .setHeader(columns.toArray(String[]::new)).get())) {
            for (List<Object> r : rows) {
                p.printRecord(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** {@code {"date": D, "rows": [{column: cell, ...}, ...], "table": name}}, canonical, one line. */
    public String json(String date) {
        ObjectNode root = CanonicalJson.MAPPER.createObjectNode();
        root.put("date", date);
        root.put("table", name);
        ArrayNode out = root.putArray("rows");
        for (List<Object> r : rows) {
            ObjectNode o = out.addObject();
            for (int i = 0; i < columns.size(); i++) {
                Object v = r.get(i);
                switch (v) {
                    case null -> o.putNull(columns.get(i));
                    case Long l -> o.put(columns.get(i), l);
                    case Integer n -> o.put(columns.get(i), n.longValue());
                    case String s -> o.put(columns.get(i), s);
                    case Boolean b -> o.put(columns.get(i), b); // market-quality.gates_pass
                    default -> throw new IllegalArgumentException(name + "." + columns.get(i) + ": not a public cell type: " + v.getClass());
                }
            }
        }
        return CanonicalJson.canonicalize((com.fasterxml.jackson.databind.JsonNode) root) + "\n";
    }
}
