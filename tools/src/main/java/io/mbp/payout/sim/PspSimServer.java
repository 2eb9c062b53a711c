package io.mbp.payout.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mbp.statement.Statement;
import io.mbp.statement.BankStatements;
import io.mbp.statement.StatementFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP in front of {@link PspSimulator}, bound to 127.0.0.1 only. API (JSON, amounts in centavos):
 * <pre>
 * PUT  /pix/v1/payments/{id}   {"account","pix_key","amount"}  -> 200 {"id","status","e2eid","fee"} | 409 | 422 | 503
 * GET  /pix/v1/payments/{id}                                  -> 200 same | 404
 * GET  /pix/v1/returns?date=D                                 -> 200 [{"instruction_id","return_id","amount","reason"}]
 * GET  /statements/{date}?format=csv|camt053|cnab240|ofx|ofx2 -> the statement file
 * GET  /admin/paid                                            -> {"count","total","by_id"}
 * </pre>
 */
public final class PspSimServer implements AutoCloseable {
    private static final ObjectMapper JSON = io.mbp.events.JsonLimits.mapper().build();

    private final PspSimulator sim;
    private final HttpServer server;
    private final ExecutorService pool;

    public PspSimServer(PspSimulator sim, int port) throws IOException {
        this.sim = sim;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.pool = Executors.newFixedThreadPool(8);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
    }

    public PspSimServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public PspSimulator simulator() {
        return sim;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            pause(sim.config().latencyMillis());
            if (path.startsWith("/pix/v1/payments/")) {
                String id = path.substring("/pix/v1/payments/".length());
                if ("PUT".equals(method)) {
                    put(x, id);
                } else if ("GET".equals(method)) {
                    PspSimulator.Payment p = sim.get(id);
                    if (p == null) {
                        send(x, 404, Map.of("error", "no payment " + id));
                    } else {
                        send(x, 200, body(p));
                    }
                } else {
                    send(x, 405, Map.of("error", "method " + method));
                }
            } else if (path.equals("/pix/v1/returns") && "GET".equals(method)) {
                LocalDate d = LocalDate.parse(query(x.getRequestURI(), "date"));
                List<Map<String, Object>> out = sim.returns(d).stream().map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("instruction_id", r.instructionId());
                    m.put("return_id", r.returnId());
                    m.put("amount", r.amount());
                    m.put("reason", r.reason());
                    return m;
                }).toList();
                send(x, 200, out);
            } else if (path.startsWith("/statements/") && "GET".equals(method)) {
                LocalDate d = LocalDate.parse(path.substring("/statements/".length()));
                String format = query(x.getRequestURI(), "format");
                Statement s = sim.statement(d);
                byte[] data;
                if ("camt053".equals(format)) {
                    data = StatementFormat.writeCamt053(s, "MBPSIM-" + d, sim.now().toString());
                    x.getResponseHeaders().set("Content-Type", "application/xml");
                } else if ("cnab240".equals(format)) {
                    data = BankStatements.writeCnab240(s, LocalDateTime.ofInstant(sim.now(), ZoneOffset.UTC));
                    x.getResponseHeaders().set("Content-Type", "text/plain");
                } else if ("ofx".equals(format) || "ofx2".equals(format)) {
                    data = BankStatements.writeOfx(s, "ofx2".equals(format), LocalDateTime.ofInstant(sim.now(), ZoneOffset.UTC));
                    x.getResponseHeaders().set("Content-Type", "application/x-ofx");
                } else {
                    data = StatementFormat.writeCsv(s);
                    x.getResponseHeaders().set("Content-Type", "text/csv");
                }
                x.sendResponseHeaders(200, data.length);
                x.getResponseBody().write(data);
            } else if (path.equals("/admin/paid")) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("count", sim.paidCount());
                m.put("total", sim.paidTotal());
                m.put("by_id", sim.paidById());
                send(x, 200, m);
            } else {
                send(x, 404, Map.of("error", "no route " + method + " " + path));
            }
        } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
            send(x, 400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private void put(HttpExchange x, String id) throws IOException {
        JsonNode body;
        try (InputStream in = x.getRequestBody()) {
            body = JSON.readTree(in);
        }
        if (body == null || !body.hasNonNull("account") || !body.hasNonNull("pix_key") || !body.path("amount").canConvertToLong()) {
            send(x, 400, Map.of("error", "body needs account, pix_key and integer amount"));
            return;
        }
        PspSimulator.Reply r = sim.put(id, body.get("account").asText(), body.get("pix_key").asText(),
                body.get("amount").asLong());
        switch (r.outcome()) {
            case ERROR -> send(x, 503, Map.of("error", r.message()));
            case REJECTED -> send(x, 422, Map.of("error", r.message()));
            case CONFLICT -> send(x, 409, Map.of("error", r.message()));
            case TIMEOUT -> {
                pause(sim.config().timeoutMillis());
                send(x, 200, body(r.payment()));
            }
            case OK -> send(x, 200, body(r.payment()));
            default -> throw new IllegalStateException();
        }
    }

    private Map<String, Object> body(PspSimulator.Payment p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("status", p.confirmedAt(sim.now()) ? "CONFIRMED" : "PENDING");
        m.put("e2eid", p.e2eid());
        m.put("fee", p.fee());
        m.put("amount", p.amount());
        return m;
    }

    private static String query(URI uri, String name) {
        String q = uri.getRawQuery();
        if (q != null) {
            for (String kv : q.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0 && kv.substring(0, eq).equals(name)) {
                    return java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private static void send(HttpExchange x, int code, Object body) throws IOException {
        byte[] data = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(code, data.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(data);
        }
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
