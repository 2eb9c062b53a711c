package io.mbp.cli.api;

import io.mbp.cli.CommandContext;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.daemon.SigningClient;
import io.mbp.error.BadInputException;
import io.mbp.error.ExitCodes;
import io.mbp.error.InfrastructureException;
import io.mbp.error.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "api", mixinStandardHelpOptions = true,
        description = "The daemon's /v2 API from the shell (docs/api-auth.md).",
        subcommands = ApiCommand.Call.class)
public final class ApiCommand {
    private ApiCommand() {
    }

    @Command(name = "call", mixinStandardHelpOptions = true,
            description = {"An operator's curl that signs: sends METHOD PATH to the daemon with MBP-Key-Id, MBP-Timestamp and",
                "MBP-Signature, prints the answer's body (--include: status and headers first). Exit 0 when the daemon answered",
                "(--fail: 4 on a 4xx, 5 on a 5xx), 5 when it cannot be reached. The secret is read from a file or the environment,",
                "never from the command line."})
    static final class Call implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Parameters(index = "0", paramLabel = "METHOD", description = "GET, POST, ...") String method;
        @Parameters(index = "1", paramLabel = "PATH", description = "Path and query, e.g. /v2/accounts/acct-0001") String path;

        @Option(names = "--url", paramLabel = "URL", description = "The daemon (default: $MBP_API_URL, else http://127.0.0.1:8080).")
        String url;
        @Option(names = "--key-id", paramLabel = "KEY_ID", description = "The key (default: $MBP_API_KEY_ID).") String keyId;
        @Option(names = "--secret-file", paramLabel = "FILE",
                description = "File holding the key's secret (default: $MBP_API_SECRET_FILE; else $MBP_API_SECRET).") Path secretFile;
        @Option(names = "--body", paramLabel = "FILE|-", description = "The request body from a file, or - for stdin.") String body;
        @Option(names = "--lines", description = "Each line of --body is one request (keys KEY-1, KEY-2, ... with --idempotency-key); "
                + "prints one 'STATUS BODY' line per request.") boolean lines;
        @Option(names = "--idempotency-key", paramLabel = "KEY", description = "The Idempotency-Key header of a write.") String idempotencyKey;
        @Option(names = {"-i", "--include"}, description = "Print the status line and the headers before the body.") boolean include;
        @Option(names = "--fail", description = "Exit 4 on a 4xx answer and 5 on a 5xx.") boolean fail;

        @Override
        public Integer call() throws IOException, InterruptedException {
            String m = method.toUpperCase(Locale.ROOT);
            if (!path.startsWith("/")) {
                throw new UsageException("PATH must start with /, e.g. /v2/health");
            }
            SigningClient api = new SigningClient(base(), keyIdOrEnv(), secret(), ctx.clock());
            List<String> bodies = new ArrayList<>();
            if (body == null) {
                bodies.add(null);
            } else {
                byte[] raw = "-".equals(body) ? System.in.readAllBytes() : read(Path.of(body));
                String text = new String(raw, StandardCharsets.UTF_8);
                if (lines) {
                    text.lines().filter(l -> !l.isBlank()).forEach(bodies::add);
                } else {
                    bodies.add(text);
                }
            }
            PrintWriter out = ctx.out();
            int worst = 0;
            for (int i = 0; i < bodies.size(); i++) {
                String b = bodies.get(i);
                HttpRequest.Builder r = api.request(m, path, b == null ? null : b.getBytes(StandardCharsets.UTF_8));
                if (b != null) {
                    r.header("Content-Type", "application/json");
                }
                if (idempotencyKey != null) {
                    r.header("Idempotency-Key", lines ? idempotencyKey + "-" + (i + 1) : idempotencyKey);
                }
                HttpResponse<String> res;
                try {
                    res = java.net.http.HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
                } catch (java.net.ConnectException e) {
                    throw new InfrastructureException("no daemon answers at " + api.base() + " (is `mbp daemon` running? --url)").about("daemon");
                }
                if (lines) {
                    out.println(res.statusCode() + " " + res.body());
                } else {
                    if (include) {
                        out.println("HTTP " + res.statusCode());
                        res.headers().map().forEach((k, vs) -> vs.forEach(v -> out.println(k + ": " + v)));
                        out.println();
                    }
                    out.println(res.body());
                }
                worst = Math.max(worst, res.statusCode());
            }
            out.flush();
            if (fail && worst >= 500) {
                return ExitCodes.UNREACHABLE;
            }
            return fail && worst >= 400 ? ExitCodes.BAD_INPUT : 0;
        }

        private String base() {
            if (url != null) {
                return url;
            }
            String env = Secrets.env("MBP_API_URL");
            return env != null && !env.isBlank() ? env : "http://127.0.0.1:8080";
        }

        private String keyIdOrEnv() {
            String k = keyId != null ? keyId : Secrets.env("MBP_API_KEY_ID");
            if (k == null || k.isBlank()) {
                throw new UsageException("--key-id (or $MBP_API_KEY_ID) is required: the key made by `mbp api-keys create`");
            }
            return k;
        }

        private String secret() {
            Path f = secretFile;
            if (f == null) {
                String env = Secrets.env("MBP_API_SECRET_FILE");
                f = env != null && !env.isBlank() ? Path.of(env) : null;
            }
            String s = f != null ? new String(read(f), StandardCharsets.UTF_8).strip() : Secrets.env("MBP_API_SECRET");
            if (s == null || s.isBlank()) {
                throw new UsageException("the key's secret is needed: --secret-file FILE, $MBP_API_SECRET_FILE or $MBP_API_SECRET");
            }
            return s;
        }

        private static byte[] read(Path p) {
            try {
                return Files.readAllBytes(p);
            } catch (IOException e) {
                throw new BadInputException(p + ": cannot read (" + e.getMessage() + ")");
            }
        }
    }
}
