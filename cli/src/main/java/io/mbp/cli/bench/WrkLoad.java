package io.mbp.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.error.InfrastructureException;
import io.mbp.error.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Debian's {@code wrk} (C, epoll) as the load generator of {@code mbp bench daemon --generator wrk}: a
 * generator that costs the shared machine far less CPU per request than the JDK's HTTP client, so more
 * of the two cores is left to the daemon. wrk cannot sign, so every request of the measured run is
 * signed here beforehand ({@link #write}) and {@code wrk-signed.lua} sends each once.
 */
final class WrkLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The daemon refuses a timestamp more than 300 s from its clock (docs/api-auth.md); a margin kept. */
    private static final int TIMESTAMP_SPREAD_SECONDS = 480;

    /** One request to sign; {@code idempotencyKey} null for a read. */
    record Signed(String method, String path, String idempotencyKey, byte[] body) { }

    /** What a wrk run reports: requests answered 2xx/3xx and not, latency percentiles over all of them. */
    record Outcome(long requests, double seconds, double p50Ms, double p99Ms, long errors, long wraps) {
        long answered() {
            return requests - errors;
        }
    }

    private final Path wrk;

    private WrkLoad(Path wrk) {
        this.wrk = wrk;
    }

    /** wrk from $PATH, or a usage error saying how to install it. */
    static WrkLoad onPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isExecutable(p)) {
                return new WrkLoad(p);
            }
        }
        throw new UsageException("--generator wrk: no wrk on PATH (Debian: apt-get install wrk; scripts/bench-all installs it)");
    }

    /**
     * Signs {@code count} requests of {@code each} to one file. Writes ({@code method} other than GET)
     * get timestamps spread over {@value #TIMESTAMP_SPREAD_SECONDS} s around now, a second further every
     * {@code count / spread} requests: within one second the requests differ in body (account, market,
     * outcome, amount), so no two share key, timestamp and signature. Reads repeat freely and are signed now.
     */
    static Path write(Path dir, RequestSigner signer, long nowSeconds, long count, RequestMaker each) throws IOException {
        Path file = dir.resolve("wrk-requests.tsv");
        long perSecond = Math.max(1, (count + TIMESTAMP_SPREAD_SECONDS - 1) / TIMESTAMP_SPREAD_SECONDS);
        CSVFormat tsv = CSVFormat.TDF.builder().setQuote(null).setEscape(null).setRecordSeparator("\n").get();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8); CSVPrinter out = new CSVPrinter(w, tsv)) {
            java.util.Set<String> thisSecond = new java.util.HashSet<>(); // timestamps only grow: a repeat is within one
            long second = Long.MIN_VALUE;
            for (long k = 0; k < count; k++) {
                Signed s = each.make(k);
                boolean read = "GET".equals(s.method());
                long ts = read ? nowSeconds : nowSeconds - TIMESTAMP_SPREAD_SECONDS / 2 + k / perSecond;
                Map<String, String> h = signer.headers(ts, s.method(), s.path(), s.body());
                if (ts != second) {
                    thisSecond.clear();
                    second = ts;
                }
                if (!read && !thisSecond.add(h.get("MBP-Signature"))) {
                    throw new IllegalStateException("request " + k + " repeats a write signed in the same second: " + perSecond
                            + " requests a second need as many different bodies (more clients, or fewer requests)");
                }
                out.printRecord(s.method(), s.path(), s.idempotencyKey() == null ? "" : s.idempotencyKey(), h.get("MBP-Key-Id"),
                        h.get("MBP-Timestamp"), h.get("MBP-Signature"), new String(s.body(), StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    /** The k-th request of a run. */
    @FunctionalInterface
    interface RequestMaker {
        Signed make(long k);
    }

    /** Runs wrk for {@code seconds} with {@code connections} connections on two threads over {@code requests}. */
    Outcome run(Path dir, int port, int connections, double seconds, Path requests) throws IOException, InterruptedException {
        Path script = dir.resolve("wrk-signed.lua");
        try (InputStream in = WrkLoad.class.getResourceAsStream("wrk-signed.lua")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        int threads = Math.min(2, connections);
        List<String> cmd = new ArrayList<>(List.of(wrk.toString(), "-t", Integer.toString(threads), "-c", Integer.toString(connections),
                "-d", Math.max(1, Math.round(seconds)) + "s", "--timeout", "10s", "-s", script.toString(),
                "http://127.0.0.1:" + port + "/", "--", requests.toString(), Integer.toString(threads)));
        Path out = dir.resolve("wrk.out");
        Path err = dir.resolve("wrk.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor((long) seconds + 120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new InfrastructureException("wrk did not end within " + ((long) seconds + 120) + " s (" + dir + ")");
        }
        String text = Files.readString(out);
        String last = text.strip().isEmpty() ? "" : text.strip().substring(text.strip().lastIndexOf('\n') + 1);
        if (p.exitValue() != 0 || !last.startsWith("{")) {
            throw new InfrastructureException("wrk failed (exit " + p.exitValue() + "): " + Files.readString(err).strip() + " (output in " + out + ")");
        }
        JsonNode r = JSON.readTree(last);
        long errors = r.get("errors_status").asLong() + r.get("errors_timeout").asLong();
        return new Outcome(r.get("requests").asLong(), r.get("duration_us").asLong() / 1e6, r.get("p50_us").asLong() / 1e3,
                r.get("p99_us").asLong() / 1e3, errors, r.get("wraps").asLong());
    }
}
