package io.mbp.anchor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.error.BadInputException;
import io.mbp.events.CanonicalJson;
import io.mbp.events.Event;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The self-contained proof file {@code mbp proof export} writes and {@code mbp verify-anchor}
 * reads (schema: docs/proof.schema.json). Everything a verifier needs except the public key and
 * the chain: the event, its leaf index and hash, the audit path, the signed checkpoint, the anchor.
 */
public record ProofBundle(long seq, String type, String stream, String ts, String canonicalPayload, long leafIndex,
                          String leafHash, long treeSize, List<String> inclusionProof, String checkpoint, String keyId,
                          Anchor anchor) {
    public static final String FORMAT = "mbp-proof/1";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final HexFormat HEX = HexFormat.of();

    /** Where the checkpoint was anchored; null in a proof exported before anchoring. */
    public record Anchor(long chainId, String txHash, long blockNumber, String blockHash) {
    }

    public static ProofBundle of(Event e, long treeSize, List<byte[]> proof, String note, String keyId, Anchor anchor) {
        return new ProofBundle(e.seq(), e.type(), e.stream(), e.ts(), e.payload(), e.seq(), e.leafHashHex(), treeSize,
                proof.stream().map(HEX::formatHex).toList(), note, keyId, anchor);
    }

    /** Canonical event bytes, recomputed from the fields as given (never from a stored hash). */
    public byte[] eventBytes() {
        return CanonicalJson.eventBytes(seq, type, stream, ts, canonicalPayload);
    }

    public String toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        ObjectNode ev = root.putObject("event");
        ev.put("seq", seq);
        ev.put("type", type);
        ev.put("stream", stream);
        ev.put("ts", ts);
        try {
            ev.set("payload", CanonicalJson.MAPPER.readTree(canonicalPayload));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored payload of event " + seq + " is not JSON", ex);
        }
        root.put("leaf_index", leafIndex);
        root.put("leaf_hash", leafHash);
        root.put("tree_size", treeSize);
        ArrayNode p = root.putArray("inclusion_proof");
        inclusionProof.forEach(p::add);
        root.put("checkpoint", checkpoint);
        root.put("key_id", keyId);
        if (anchor == null) {
            root.putNull("anchor");
        } else {
            ObjectNode a = root.putObject("anchor");
            a.put("chain_id", anchor.chainId());
            a.put("tx_hash", anchor.txHash());
            a.put("block_number", anchor.blockNumber());
            a.put("block_hash", anchor.blockHash());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Parses a proof file; anything missing or mistyped is refused naming {@code source} and the field. */
    public static ProofBundle parse(String json, String source) {
        JsonNode root;
        try {
            root = CanonicalJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": not JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(source + ": a proof is a JSON object");
        }
        JsonNode ev = object(root, "event", source);
        JsonNode payload = ev.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new BadInputException(source + ": field event.payload must be an object");
        }
        String canonical;
        try {
            CanonicalJson.requireCanonicalizable(payload, "event.payload");
            canonical = CanonicalJson.canonicalize(payload);
        } catch (RuntimeException e) {
            throw new BadInputException(source + ": " + e.getMessage());
        }
        List<String> path = new ArrayList<>();
        JsonNode arr = root.get("inclusion_proof");
        if (arr == null || !arr.isArray()) {
            throw new BadInputException(source + ": field inclusion_proof must be an array of hex hashes");
        }
        for (int i = 0; i < arr.size(); i++) {
            path.add(hash(arr.get(i), "inclusion_proof[" + i + "]", source));
        }
        Anchor anchor = null;
        JsonNode a = root.get("anchor");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) {
                throw new BadInputException(source + ": field anchor must be an object or null");
            }
            anchor = new Anchor(integer(a, "chain_id", "anchor.", source), text(a, "tx_hash", "anchor.", source),
                    integer(a, "block_number", "anchor.", source), text(a, "block_hash", "anchor.", source));
        }
        return new ProofBundle(integer(ev, "seq", "event.", source), text(ev, "type", "event.", source),
                text(ev, "stream", "event.", source), text(ev, "ts", "event.", source), canonical,
                integer(root, "leaf_index", "", source), hash(root.get("leaf_hash"), "leaf_hash", source),
                integer(root, "tree_size", "", source), path, text(root, "checkpoint", "", source),
                text(root, "key_id", "", source), anchor);
    }

    private static JsonNode object(JsonNode n, String field, String source) {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            throw new BadInputException(source + ": field " + field + " is missing or not an object");
        }
        return v;
    }

    private static String text(JsonNode n, String field, String prefix, String source) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new BadInputException(source + ": field " + prefix + field + " is missing or not a string");
        }
        return v.textValue();
    }

    private static long integer(JsonNode n, String field, String prefix, String source) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw new BadInputException(source + ": field " + prefix + field + " is missing or not a non-negative integer");
        }
        return v.longValue();
    }

    private static String hash(JsonNode v, String field, String source) {
        if (v == null || !v.isTextual() || !v.textValue().matches("[0-9a-fA-F]{64}")) {
            throw new BadInputException(source + ": field " + field + " must be a 32-byte hash as 64 hex digits");
        }
        return v.textValue().toLowerCase(java.util.Locale.ROOT);
    }
}
