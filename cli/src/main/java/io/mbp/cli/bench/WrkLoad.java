package io.mbp.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.error.InfrastructureException;
import io.mbp.error.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code wrk} (C, epoll) as the load generator of {@code mbp bench daemon --generator wrk}: a
 * generator that costs the shared machine far less CPU per request than the JDK's HTTP client, so more
 * of the two cores is left to the daemon. {@code wrk-signed.lua} signs each request as it sends it, with
 * the OpenSSL that wrk is linked with, as a client does.
 */
final class WrkLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a wrk run reports: requests answered (2xx/3xx) and not, latency percentiles over all of them. */
    record Outcome(long requests, double seconds, double meanMs, double p50Ms, double p99Ms, long errors) {
        long answered() {
            return requests - errors;
        }

        /**
         * Little's law: the requests in flight on average, mean latency × rate. wrk keeps one request per
         * connection in flight, so a figure above the connections means its latencies are not to be trusted.
         */
        double inFlight() {
            return meanMs / 1e3 * requests / seconds;
        }
    }

    /** Who signs, and what: the key, the accounts and markets the orders go to, orders per request, and where wrk's files go. */
    record Signing(String keyId, byte[] secret, int clients, int markets, int perRequest, Path dir) { }

    private final Path wrk;

    private WrkLoad(Path wrk) {
        this.wrk = wrk;
    }

    /** wrk from $PATH, or a usage error saying how to install it. */
    static WrkLoad onPath() {
        return find().map(WrkLoad::new)
                .orElseThrow(() -> new UsageException("--generator wrk: no wrk on PATH (Debian: apt-get install wrk; scripts/wrk installs it)"));
    }

    /** The first executable {@code wrk} on $PATH. */
    static Optional<Path> find() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir.isEmpty() ? "." : dir, "wrk")).filter(Files::isExecutable).findFirst();
    }

    /**
     * {@code method path} for {@code seconds}, a connection per client on at most two threads; a write's
     * idempotency key is {@code keyPrefix}, the client and its order's number ({@code w3-17}).
     */
    Outcome run(int port, double seconds, String method, String path, Signing signing, String keyPrefix) throws IOException,
            InterruptedException {
        Path dir = signing.dir();
        Path script = dir.resolve("wrk-signed.lua");
        try (InputStream in = WrkLoad.class.getResourceAsStream("wrk-signed.lua")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path secret = dir.resolve("wrk.secret");
        Files.deleteIfExists(secret);
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(secret, signing.secret());
        int threads = Math.min(2, signing.clients());
        long wait = Math.round(seconds) + 120;
        List<String> cmd = List.of(wrk.toString(), "-t", Integer.toString(threads), "-c", Integer.toString(signing.clients()), "-d",
                Math.max(1, Math.round(seconds)) + "s", "--timeout", "10s", "--latency", "-s", script.toString(), "http://127.0.0.1:" + port + "/", "--",
                method, path, signing.keyId(), secret.toString(), Integer.toString(signing.clients()), Integer.toString(signing.markets()),
                Integer.toString(threads), Integer.toString(signing.perRequest()), keyPrefix);
        String name = "wrk-" + method.toLowerCase(java.util.Locale.ROOT) + path.replace('/', '-'); // wrk-post-v2-orders.out
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(wait, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new InfrastructureException("wrk did not end within " + wait + " s (" + dir + ")");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8).strip();
            String last = text.substring(text.lastIndexOf('\n') + 1);
            if (p.exitValue() != 0 || !last.startsWith("{")) {
                throw new InfrastructureException("wrk failed (exit " + p.exitValue() + "): " + Files.readString(err).strip()
                        + " (its output: " + out + ")");
            }
            JsonNode r = JSON.readTree(last);
            long errors = r.get("errors_status").asLong() + r.get("errors_timeout").asLong();
            return new Outcome(r.get("requests").asLong(), r.get("duration_us").asLong() / 1e6, r.get("mean_us").asLong() / 1e3,
                    r.get("p50_us").asLong() / 1e3, r.get("p99_us").asLong() / 1e3, errors);
        } finally {
            Files.deleteIfExists(secret);
        }
    }
}
