package io.mbp.cli.custody;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A ganache started by the test through {@code scripts/devchain run} (which installs it into
 * .devchain/ on first use) on a free 127.0.0.1 port, a block per transaction only, so the test
 * decides when blocks are mined. Stopped by {@link #close()}.
 */
public final class Devchain implements AutoCloseable {
    /** First account of ganache's deterministic wallet: local test funds only. */
    public static final String DEV_KEY = "0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Devchain(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/devchain"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find scripts/devchain above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public static Devchain start(Path logDir) throws Exception {
        // The free port is only free when we looked: with the cli tests in two JVMs (ADR 0028) another
        // test's ganache may take it first. Ours then exits (address in use), and we try another port.
        for (int attempt = 1; ; attempt++) {
            try {
                return startOn(freePort(), logDir);
            } catch (PortTaken e) {
                if (attempt == 3) {
                    throw new IllegalStateException(e.getMessage());
                }
            }
        }
    }

    private static final class PortTaken extends Exception {
        PortTaken(String message) {
            super(message);
        }
    }

    private static Devchain startOn(int port, Path logDir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", repoRoot().resolve("scripts/devchain").toString(), "run");
        pb.environment().put("MBP_DEVCHAIN_PORT", Integer.toString(port));
        pb.environment().put("MBP_DEVCHAIN_BLOCK_TIME", "0");
        pb.redirectErrorStream(true);
        Path log = logDir.resolve("ganache-" + port + ".log");
        pb.redirectOutput(log.toFile());
        Devchain d = new Devchain(pb.start(), port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180); // the first run installs from npm
        while (System.nanoTime() < deadline) {
            if (!d.process.isAlive()) {
                String why = Files.readString(log);
                if (why.contains("EADDRINUSE")) {
                    throw new PortTaken("ganache could not listen on port " + port + ": " + why);
                }
                throw new IllegalStateException("ganache exited: " + why);
            }
            try {
                // Our ganache's own log says it listens, so the answer is not another JVM's chain on the same port.
                if (Files.readString(log).contains("RPC Listening on 127.0.0.1:" + port) && d.rpc("eth_chainId", "[]").contains("0x539")) {
                    return d;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        d.close();
        throw new IllegalStateException("ganache did not answer on port " + port + ": " + Files.readString(log));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String rpc(String method, String params) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url())).header("content-type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                        + "\",\"params\":" + params + "}")).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    public void mine(int blocks) throws IOException, InterruptedException {
        for (int i = 0; i < blocks; i++) {
            rpc("evm_mine", "[]");
        }
    }

    /** The chain's state now, for {@link #revert}: a test class shares one ganache and each test starts from the same chain. */
    public String snapshot() throws IOException, InterruptedException {
        String r = rpc("evm_snapshot", "[]");
        return r.replaceAll(".*\"result\":\"([^\"]+)\".*", "$1");
    }

    public void revert(String id) throws IOException, InterruptedException {
        String r = rpc("evm_revert", "[\"" + id + "\"]");
        if (!r.contains("true")) {
            throw new IllegalStateException("evm_revert failed: " + r);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
