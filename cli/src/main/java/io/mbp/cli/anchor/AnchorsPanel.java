package io.mbp.cli.anchor;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.anchor.AnchorReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.text.StringEscapeUtils;
import org.apache.commons.text.StringSubstitutor;

/**
 * The anchors & custody panel: one document ({@code anchors.json}) and its static HTML view, filled
 * from the templates next to this class (anchors.html, anchors-row.html, anchors-anchor.html) with
 * every value HTML-escaped. Both are made from the same rows and the same generation time.
 */
final class AnchorsPanel {
    private static final String PAGE = template("anchors.html");
    private static final String ROW = template("anchors-row.html");
    private static final String ANCHOR = template("anchors-anchor.html").strip();

    private AnchorsPanel() {
    }

    /** {@code anchors.json}: every checkpoint and its anchors. */
    @JsonPropertyOrder(alphabetic = true)
    record Document(String generatedAt, boolean chainChecked, List<Checkpoint> checkpoints) {
        static Document of(List<AnchorReport.Row> rows, String generatedAt, boolean chainChecked) {
            return new Document(generatedAt, chainChecked, rows.stream().map(Checkpoint::of).toList());
        }
    }

    @JsonPropertyOrder(alphabetic = true)
    record Checkpoint(long checkpointId, long treeSize, String rootHash, String origin, String keyId, String sealedAt,
                      List<Anchor> anchors) {
        static Checkpoint of(AnchorReport.Row r) {
            var c = r.checkpoint();
            return new Checkpoint(c.id(), c.treeSize(), c.rootHex(), c.origin(), c.keyId(), c.createdAt(),
                    r.anchors().stream().map(Anchor::of).toList());
        }
    }

    @JsonPropertyOrder(alphabetic = true)
    record Anchor(long chainId, String txHash, long blockNumber, String blockHash, long confirmations, String status,
                  String detail, String publishedAt) {
        static Anchor of(AnchorReport.AnchorRow a) {
            var s = a.anchor();
            return new Anchor(s.chainId(), s.txHash(), s.blockNumber(), s.blockHash(),
                    a.confirmations() != null ? a.confirmations() : s.confirmations(), a.state(), a.detail(), s.publishedAt());
        }

        /** The status's colour: good, not looked at, or bad. */
        String cssClass() {
            return "confirmed".equals(status) || "pending".equals(status) ? "ok" : "not checked".equals(status) ? "na" : "bad";
        }
    }

    static String html(Document d) {
        String rows = d.checkpoints().stream().map(AnchorsPanel::row).collect(Collectors.joining());
        return fill(PAGE, "rows", "generated_at", d.generatedAt(),
                "checked", d.chainChecked() ? "Anchors re-checked on the chain now." : "Anchors NOT re-checked (recorded values).",
                "rows", rows);
    }

    private static String row(Checkpoint c) {
        String anchors = c.anchors().isEmpty() ? "<span class=\"na\">not anchored</span>"
                : c.anchors().stream().map(a -> fill(ANCHOR, null, "chain_id", a.chainId(), "tx_hash", a.txHash(),
                        "block_number", a.blockNumber(), "confirmations", a.confirmations(), "class", a.cssClass(),
                        "status", a.status())).collect(Collectors.joining());
        return fill(ROW, "anchors", "checkpoint_id", c.checkpointId(), "tree_size", c.treeSize(), "root_hash", c.rootHash(),
                "key_id", c.keyId(), "sealed_at", c.sealedAt(), "anchors", anchors);
    }

    /**
     * Fills {@code template}'s placeholders from name/value pairs. Every value is HTML-escaped (null
     * shows as nothing) except the one named {@code markup}, which is HTML made here already. Values
     * are not searched for placeholders, so data can never inject one.
     */
    private static String fill(String template, String markup, Object... pairs) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String name = (String) pairs[i];
            String value = pairs[i + 1] == null ? "" : pairs[i + 1].toString();
            values.put(name, name.equals(markup) ? value : StringEscapeUtils.escapeHtml4(value));
        }
        StringSubstitutor s = new StringSubstitutor(values);
        s.setEnableUndefinedVariableException(true);
        s.setDisableSubstitutionInValues(true);
        return s.replace(template);
    }

    private static String template(String name) {
        try (InputStream in = AnchorsPanel.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("template " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
