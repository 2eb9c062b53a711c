package io.mbp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.mbp.anchor.AnchorPayload;
import io.mbp.custody.SignedNote;
import io.mbp.merkle.Checkpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The "chain" of the AOT training's verify-anchor (docs/adr/0146, 0150): a JSON-RPC server on 127.0.0.1 (an
 * ephemeral port) that knows exactly one transaction, the anchor of the training's own proof. It stamps an
 * anchor into the proof file (chain 1337, a made-up transaction in block 1) and answers the five calls the
 * verifier makes as a node would for that transaction mined with 8 confirmations, its data the checkpoint's
 * {@link AnchorPayload}: so verify-anchor runs its success path end to end (transaction and receipt decoding,
 * the payload check, the rendering of a verified proof), and those classes and profiles land in the cache.
 * Nothing is signed or sent: the transaction exists only in these answers, and only the training sees them.
 */
final class AotChainStub implements AutoCloseable {
    static final long CHAIN_ID = 1337;
    static final String TX_HASH = "0x" + "11".repeat(32);
    static final String BLOCK_HASH = "0x" + "22".repeat(32);
    static final long BLOCK = 1;
    static final long HEAD = 8;

    private final HttpServer server;

    private AotChainStub(HttpServer server) {
        this.server = server;
    }

    /** Adds the anchor to {@code proof} (a file from `mbp proof export`) and serves its transaction. */
    static AotChainStub serving(Path proof) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode bundle = (ObjectNode) json.readTree(proof.toFile());
        ObjectNode anchor = bundle.putObject("anchor");
        anchor.put("chain_id", CHAIN_ID);
        anchor.put("tx_hash", TX_HASH);
        anchor.put("block_number", BLOCK);
        anchor.put("block_hash", BLOCK_HASH);
        json.writeValue(proof.toFile(), bundle);
        Checkpoint cp = Checkpoint.parse(SignedNote.parse(bundle.path("checkpoint").asText()).text());
        String data = new AnchorPayload(cp.size(), cp.root()).hex();

        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            JsonNode call = json.readTree(exchange.getRequestBody());
            ObjectNode answer = json.createObjectNode().put("jsonrpc", "2.0").set("id", call.get("id"));
            answer.set("result", result(json, call.path("method").asText(), data));
            byte[] body = json.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        stub.start();
        return new AotChainStub(stub);
    }

    /** What a node answers for the one anchored transaction; null for anything else. */
    private static JsonNode result(ObjectMapper json, String method, String data) {
        return switch (method) {
            case "eth_chainId" -> json.getNodeFactory().textNode(hex(CHAIN_ID));
            case "eth_blockNumber" -> json.getNodeFactory().textNode(hex(HEAD));
            case "eth_getTransactionByHash" -> json.createObjectNode().put("hash", TX_HASH).put("input", data)
                    .put("blockNumber", hex(BLOCK)).put("blockHash", BLOCK_HASH).put("chainId", hex(CHAIN_ID));
            case "eth_getTransactionReceipt" -> json.createObjectNode().put("transactionHash", TX_HASH).put("status", "0x1")
                    .put("blockNumber", hex(BLOCK)).put("blockHash", BLOCK_HASH);
            case "eth_getBlockByNumber" -> json.createObjectNode().put("number", hex(BLOCK)).put("hash", BLOCK_HASH);
            default -> json.getNodeFactory().nullNode();
        };
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** The URL verify-anchor is given as --rpc. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
