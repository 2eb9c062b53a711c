package io.mbp.cli.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * An independent implementation of the request signature (docs/api-auth.md): Python's standard
 * library (hmac, hashlib) in a child process, none of our code. The body goes through stdin, the rest
 * as arguments.
 */
final class PythonSigner {
    private static final String SCRIPT = String.join("\n",
            "import hashlib, hmac, sys",
            "secret, ts, method, path = sys.argv[1:5]",
            "body = sys.stdin.buffer.read()",
            "msg = ts + '\\n' + method + '\\n' + path + '\\n' + hashlib.sha256(body).hexdigest()",
            "print(hmac.new(secret.encode('utf-8'), msg.encode('utf-8'), hashlib.sha256).hexdigest())");

    private PythonSigner() {
    }

    static String sign(String secret, long ts, String method, String pathWithQuery, String body) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", SCRIPT, secret, Long.toString(ts), method, pathWithQuery)
                .redirectErrorStream(true).start();
        p.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("python3 failed: " + out);
        }
        return out;
    }
}
