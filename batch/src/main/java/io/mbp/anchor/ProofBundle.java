package io.mbp.anchor;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.custody.SignedNote;
import io.mbp.error.BadInputException;
import io.mbp.events.CanonicalJson;
import io.mbp.events.Event;
import io.mbp.events.JsonLimits;
import io.mbp.merkle.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The self-contained proof file {@code mbp proof export} writes and {@code mbp verify-anchor}
 * reads (schema: docs/proof.schema.json). Everything a verifier needs except the public key and
 * the chain: the event, its leaf index and hash, the audit path, the signed checkpoint, the anchor.
 */
public record ProofBundle(long seq, String type, String stream, String ts, String canonicalPayload, long leafIndex,
                          String leafHash, long treeSize, List<String> inclusionProof, String checkpoint, String keyId,
                          Anchor anchor) {
    public static final String FORMAT = "mbp-proof/1";
    /** Every format this verifier reads; a proof in any other is refused, never guessed at. */
    public static final List<String> KNOWN_FORMATS = List.of(FORMAT);
    private static final Set<String> MEMBERS = Set.of("format", "event", "leaf_index", "leaf_hash", "tree_size",
            "inclusion_proof", "checkpoint", "key_id", "anchor");
    private static final Set<String> EVENT_MEMBERS = Set.of("seq", "type", "stream", "ts", "payload");
    private static final Set<String> ANCHOR_MEMBERS = Set.of("chain_id", "tx_hash", "block_number", "block_hash");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}");
    private static final Pattern CHAIN_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
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

    /** {@link #eventBytes()} as text: what the verifier shows is exactly what it hashed. */
    public String eventText() {
        return new String(eventBytes(), StandardCharsets.UTF_8);
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

    /**
     * Parses a proof file strictly: exactly the members of docs/proof.schema.json, each of its type,
     * anywhere but inside {@code event.payload} (which is the event's own data and is hashed whole).
     * A member the format does not define is refused rather than ignored, so nothing in a proof is
     * shown next to a VERIFIED that the hash did not cover (docs/adr/0107). Problems name
     * {@code source} and the member path; all are {@link BadInputException}s (exit 4).
     */
    public static ProofBundle parse(String json, String source) {
        if (json.length() > JsonLimits.MAX_DOCUMENT_BYTES) {
            throw new BadInputException(source + ": refused: " + json.length() + " characters, over the limit of "
                    + JsonLimits.MAX_DOCUMENT_BYTES + " bytes for one JSON document (JSON input limits: docs/event-log.md)");
        }
        JsonNode root;
        try {
            root = CanonicalJson.readTree(json);
        } catch (StreamConstraintsException e) {
            throw JsonLimits.refused(source, e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BadInputException(source + ": not JSON" + (at == null ? "" : " (line " + at.getLineNr() + ")") + ": "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(source + ": a proof is a JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null) {
            throw new BadInputException(source + ": field format is missing; this verifier knows the proof formats "
                    + String.join(", ", KNOWN_FORMATS));
        }
        if (!format.isTextual() || !KNOWN_FORMATS.contains(format.textValue())) {
            throw new BadInputException(source + ": field format is " + shown(format) + "; this verifier knows the proof formats "
                    + String.join(", ", KNOWN_FORMATS) + " only: use a verifier that knows this format");
        }
        onlyMembers(root, MEMBERS, "", source);
        JsonNode ev = object(root, "event", source);
        onlyMembers(ev, EVENT_MEMBERS, "event.", source);
        JsonNode payload = ev.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new BadInputException(source + ": field event.payload is missing or not an object");
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
            throw new BadInputException(source + ": field inclusion_proof is missing or not an array of hex hashes");
        }
        for (int i = 0; i < arr.size(); i++) {
            path.add(hash(arr.get(i), "inclusion_proof[" + i + "]", source));
        }
        if (!root.has("anchor")) {
            throw new BadInputException(source + ": field anchor is missing (null when the checkpoint was not anchored)");
        }
        Anchor anchor = null;
        JsonNode a = root.get("anchor");
        if (!a.isNull()) {
            if (!a.isObject()) {
                throw new BadInputException(source + ": field anchor must be an object or null");
            }
            onlyMembers(a, ANCHOR_MEMBERS, "anchor.", source);
            anchor = new Anchor(integer(a, "chain_id", 1, "anchor.", source), chainHash(a, "tx_hash", source),
                    integer(a, "block_number", 0, "anchor.", source), chainHash(a, "block_hash", source));
        }
        String checkpoint = text(root, "checkpoint", "", source);
        try {
            Checkpoint.parse(SignedNote.parse(checkpoint).text());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source + ": field checkpoint: not a signed checkpoint note: " + cut(e.getMessage(), 200));
        }
        String keyId = text(root, "key_id", "", source);
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new BadInputException(source + ": field key_id must be a 4-byte key id as 8 lowercase hex digits");
        }
        String type = text(ev, "type", "event.", source);
        if (type.isEmpty()) {
            throw new BadInputException(source + ": field event.type must not be empty");
        }
        String stream = text(ev, "stream", "event.", source);
        int streamLength = stream.codePointCount(0, stream.length());
        if (streamLength < 1 || streamLength > 256) {
            throw new BadInputException(source + ": field event.stream must be 1 to 256 characters");
        }
        return new ProofBundle(integer(ev, "seq", 0, "event.", source), type, stream, text(ev, "ts", "event.", source), canonical,
                integer(root, "leaf_index", 0, "", source), hash(root.get("leaf_hash"), "leaf_hash", source),
                integer(root, "tree_size", 1, "", source), path, checkpoint, keyId, anchor);
    }

    /** Refuses the first member of {@code n} the format does not define, naming its path. */
    private static void onlyMembers(JsonNode n, Set<String> allowed, String prefix, String source) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new BadInputException(source + ": member " + prefix + displayName(name) + " is not part of the " + FORMAT
                        + " format, whose " + (prefix.isEmpty() ? "proof" : prefix.substring(0, prefix.length() - 1))
                        + " has only " + String.join(", ", allowed.stream().sorted().toList())
                        + ": refused, since it would be shown without being verified");
            }
        }
    }

    /** A member name as given when it is a plain word, else as a short JSON string (it is attacker-chosen). */
    private static String displayName(String name) {
        if (name.matches("[A-Za-z0-9_]{1,64}")) {
            return name;
        }
        return JsonNodeFactory.instance.textNode(cut(name, 64)).toString();
    }

    private static String shown(JsonNode v) {
        return cut(v.toString(), 64);
    }

    /** Attacker-chosen text in a message: only its start. */
    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "…" : s;
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

    /** An integer as the canonical form carries it: plain digits, {@code min}..2^53-1. */
    private static long integer(JsonNode n, String field, long min, String prefix, String source) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min
                || v.longValue() > CanonicalJson.MAX_SAFE_INTEGER) {
            throw new BadInputException(source + ": field " + prefix + field + " is missing or not an integer from " + min
                    + " to 2^53-1");
        }
        return v.longValue();
    }

    private static String hash(JsonNode v, String field, String source) {
        if (v == null || !v.isTextual() || !HASH.matcher(v.textValue()).matches()) {
            throw new BadInputException(source + ": field " + field + " must be a 32-byte hash as 64 lowercase hex digits");
        }
        return v.textValue();
    }

    private static String chainHash(JsonNode n, String field, String source) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || !CHAIN_HASH.matcher(v.textValue()).matches()) {
            throw new BadInputException(source + ": field anchor." + field + " must be 0x and 64 hex digits");
        }
        return v.textValue();
    }
}
