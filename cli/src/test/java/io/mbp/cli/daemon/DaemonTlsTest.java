package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.testing.Cli;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's transport (docs/adr/0313): TLS 1.3 only, client certificates required with a client
 * CA, PKCS#12 and PEM files; plain HTTP refused on a non-loopback bind. Certificates are made here
 * with the JDK's keytool (a CA, a server certificate for 127.0.0.1, a client certificate) and, for
 * the PEM variant, converted with openssl.
 */
class DaemonTlsTest {
    private static final String PW = "tls-test-password";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path certs;

    @TempDir
    Path tmp;

    private final List<Daemon> daemons = new ArrayList<>();

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    /** A key pair in {@code name}.p12 whose certificate the CA signed, with the CA in its chain. */
    private static void issued(String name, String san) throws Exception {
        String store = certs.resolve(name + ".p12").toString();
        run(keytool(), "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "3650", "-storetype", "PKCS12", "-keystore", store, "-storepass", PW);
        run(keytool(), "-certreq", "-alias", name, "-keystore", store, "-storepass", PW, "-file", certs.resolve(name + ".csr").toString());
        List<String> gencert = new ArrayList<>(List.of(keytool(), "-gencert", "-alias", "ca", "-keystore", certs.resolve("ca.p12").toString(),
                "-storepass", PW, "-infile", certs.resolve(name + ".csr").toString(), "-outfile", certs.resolve(name + ".crt").toString(),
                "-rfc", "-validity", "3650"));
        if (san != null) {
            gencert.addAll(List.of("-ext", "SAN=" + san));
        }
        run(gencert.toArray(new String[0]));
        run(keytool(), "-importcert", "-noprompt", "-alias", "ca", "-keystore", store, "-storepass", PW, "-file", certs.resolve("ca.crt").toString());
        run(keytool(), "-importcert", "-alias", name, "-keystore", store, "-storepass", PW, "-file", certs.resolve(name + ".crt").toString());
    }

    @BeforeAll
    static void makeCertificates() throws Exception {
        run(keytool(), "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=MBP test CA",
                "-ext", "bc:c", "-validity", "3650", "-storetype", "PKCS12", "-keystore", certs.resolve("ca.p12").toString(), "-storepass", PW);
        run(keytool(), "-exportcert", "-rfc", "-alias", "ca", "-keystore", certs.resolve("ca.p12").toString(), "-storepass", PW,
                "-file", certs.resolve("ca.crt").toString());
        issued("server", "ip:127.0.0.1");
        issued("client", null);
    }

    @AfterEach
    void stop() {
        daemons.forEach(Daemon::close);
    }

    private static KeyStore load(Path p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, PW.toCharArray());
        }
        return ks;
    }

    /** A client that trusts the test CA, presents {@code clientP12} (null: no certificate) and speaks only {@code protocol}. */
    private static HttpClient client(Path clientP12, String protocol) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(certs.resolve("ca.p12")));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(clientP12 == null ? null : load(clientP12), PW.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(clientP12 == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLParameters params = new SSLParameters();
        params.setProtocols(new String[] {protocol});
        return HttpClient.newBuilder().sslContext(ctx).sslParameters(params).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private Daemon start(TlsFiles tls) throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("mbp-" + daemons.size()).toAbsolutePath();
        OperatorKey key = OperatorKey.provision(url, CLOCK);
        Daemon d = new Daemon(url, key.on(Daemon.Options.defaults(0)).withTransport("127.0.0.1", tls), CLOCK);
        daemons.add(d);
        d.start();
        signer = new SigningClient("https://127.0.0.1:" + d.port(), key.keyId(), key.secret(), CLOCK);
        return d;
    }

    private SigningClient signer;

    private HttpResponse<String> signedGet(HttpClient http, String path) throws Exception {
        return http.send(signer.request("GET", path, null).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mutualTls13AdmitsOnlyClientsWithACertificateFromTheCa() throws Exception {
        start(TlsFiles.load(certs.resolve("server.p12"), null, PW, certs.resolve("ca.crt")));
        HttpResponse<String> ok = signedGet(client(certs.resolve("client.p12"), "TLSv1.3"), "/v2/accounts/ana");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("TLSv1.3", ok.sslSession().orElseThrow().getProtocol());
        // TLS does not replace the signature: an unsigned request over mTLS is still 401
        HttpResponse<String> unsigned = client(certs.resolve("client.p12"), "TLSv1.3").send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + daemons.get(0).port() + "/v2/accounts/ana")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unsigned.statusCode());
        assertThrows(IOException.class, () -> signedGet(client(null, "TLSv1.3"), "/v2/health"), "no client certificate: no handshake");
        assertThrows(IOException.class, () -> signedGet(client(certs.resolve("client.p12"), "TLSv1.2"), "/v2/health"), "TLS 1.2 is refused");
    }

    @Test
    void pemFilesServeTlsWithoutClientCertificates() throws Exception {
        Path key = certs.resolve("server.key");
        Path chain = certs.resolve("server-chain.crt");
        run("openssl", "pkcs12", "-in", certs.resolve("server.p12").toString(), "-nocerts", "-nodes", "-passin", "pass:" + PW,
                "-out", certs.resolve("server.raw.key").toString());
        run("openssl", "pkcs8", "-topk8", "-nocrypt", "-in", certs.resolve("server.raw.key").toString(), "-out", key.toString());
        Files.writeString(chain, Files.readString(certs.resolve("server.crt")) + Files.readString(certs.resolve("ca.crt")));
        start(TlsFiles.load(chain, key, null, null));
        HttpResponse<String> r = signedGet(client(null, "TLSv1.3"), "/v2/accounts/ana");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("TLSv1.3", r.sslSession().orElseThrow().getProtocol());
    }

    @Test
    void plainHttpOnANonLoopbackAddressIsAUsageError() {
        Cli.Run plain = Cli.mbp("--db", "jdbc:h2:mem:tls-refused", "daemon", "--port", "0", "--bind", "0.0.0.0");
        assertEquals(2, plain.code(), plain.err());
        assertTrue(plain.err().contains("loopback only"), plain.err());
        Cli.Run caOnly = Cli.mbp("--db", "jdbc:h2:mem:tls-refused", "daemon", "--port", "0", "--tls-client-ca",
            certs.resolve("ca.crt").toString());
        assertEquals(2, caOnly.code(), caOnly.err());
    }
}
