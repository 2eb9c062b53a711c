package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.apiclient.RequestSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked example of docs/api-auth.md is right: our signer, Python's hmac and the doc's openssl lines all give its signature. */
class ApiAuthDocTest {
    private static Map<String, String> example() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "api-auth.md"));
        int at = doc.indexOf("### Worked example");
        assertTrue(at > 0, "docs/api-auth.md has a worked example");
        int open = doc.indexOf("```text\n", at) + "```text\n".length();
        String block = doc.substring(open, doc.indexOf("```", open));
        Map<String, String> m = new HashMap<>();
        for (String line : block.split("\n")) {
            int c = line.indexOf(": ");
            if (c > 0) {
                m.put(line.substring(0, c), line.substring(c + 2));
            }
        }
        return m;
    }

    @Test
    void theWorkedExampleIsWhatTheSignerComputes() throws Exception {
        Map<String, String> e = example();
        byte[] body = e.get("body").getBytes(StandardCharsets.UTF_8);
        assertEquals(e.get("body_sha256"), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
        long ts = Long.parseLong(e.get("timestamp"));
        String sig = RequestSignature.sign(e.get("secret"), ts, e.get("method"), e.get("path_with_query"), body);
        assertEquals(e.get("signature"), sig);
        assertTrue(RequestSignature.matches(e.get("secret"), ts, e.get("method"), e.get("path_with_query"), body, sig));
        assertEquals(e.get("signature"), PythonSigner.sign(e.get("secret"), ts, e.get("method"), e.get("path_with_query"), e.get("body")));
    }

    @Test
    void theDocsOpensslLinesComputeItToo() throws Exception {
        Map<String, String> e = example();
        String doc = Files.readString(Path.of("..", "docs", "api-auth.md"));
        int open = doc.indexOf("```sh\n", doc.indexOf("The same with `openssl`")) + "```sh\n".length();
        String script = doc.substring(open, doc.indexOf("```", open));
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        pb.environment().put("SECRET", e.get("secret"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        assertEquals(e.get("signature"), out);
    }
}
