package io.mbp.cli.daemon;

import io.mbp.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The daemon's TLS material (docs/adr/0313) as the JDK wants it: the server's key and chain in a key
 * store, and the CA that client certificates must chain to (mTLS) in a trust store. Reads a PKCS#12
 * file, or PEM (certificate chain + PKCS#8 key, parsed with Bouncy Castle's PEM reader); the key
 * password comes from the environment, never argv.
 */
public record TlsFiles(KeyStore keyStore, String password, KeyStore clientCa) {
    @Override
    public String toString() {
        return "TlsFiles[" + (clientCa == null ? "server only" : "mTLS") + "]"; // never the password
    }

    /**
     * @param key the PEM key file, or null when {@code cert} is a PKCS#12 file
     * @param password the PKCS#12 password (null: none)
     * @param clientCa PEM CA certificates client certificates must chain to, or null (no client certificates)
     */
    public static TlsFiles load(Path cert, Path key, String password, Path clientCa) {
        KeyStore ks = key == null ? pkcs12(cert, password) : pem(cert, key);
        String pw = key == null ? (password == null ? "" : password) : INTERNAL;
        return new TlsFiles(ks, pw, clientCa == null ? null : trust(clientCa));
    }

    /** The password of the in-memory store built from PEM files: it never leaves this process. */
    private static final String INTERNAL = HexFormat.of().formatHex(SecureRandom.getSeed(16));

    private static KeyStore pkcs12(Path file, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password == null ? new char[0] : password.toCharArray());
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new BadInputException("--tls-cert " + file + ": not a PKCS#12 file this password opens (" + e.getMessage()
                    + "); for PEM give --tls-key too");
        }
    }

    private static KeyStore pem(Path certFile, Path keyFile) {
        List<Certificate> chain = certificates("--tls-cert", certFile);
        PrivateKey key = privateKey(keyFile);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("daemon", key, INTERNAL.toCharArray(), chain.toArray(new Certificate[0]));
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new BadInputException("--tls-key " + keyFile + " does not go with --tls-cert " + certFile + ": " + e.getMessage());
        }
    }

    private static KeyStore trust(Path file) {
        List<Certificate> cas = certificates("--tls-client-ca", file);
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                ts.setCertificateEntry("client-ca-" + i, cas.get(i));
            }
            return ts;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Certificate> certificates(String option, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> certs = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certs.isEmpty()) {
                throw new BadInputException(option + " " + file + ": no certificate in it (PEM, -----BEGIN CERTIFICATE-----)");
            }
            return certs;
        } catch (IOException | GeneralSecurityException e) {
            throw new BadInputException(option + " " + file + ": not PEM certificates (" + e.getMessage() + ")");
        }
    }

    private static PrivateKey privateKey(Path file) {
        PemObject pem;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PemReader p = new PemReader(r)) {
            pem = p.readPemObject();
        } catch (IOException e) {
            throw new BadInputException("--tls-key " + file + ": cannot read (" + e.getMessage() + ")");
        }
        if (pem == null || !"PRIVATE KEY".equals(pem.getType())) {
            throw new BadInputException("--tls-key " + file + ": expected an unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----); "
                    + "convert with `openssl pkcs8 -topk8 -nocrypt`");
        }
        for (String alg : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pem.getContent()));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new BadInputException("--tls-key " + file + ": not an RSA, EC or Ed25519 PKCS#8 key");
    }
}
