package io.mbp.screening;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import io.mbp.input.StrictText;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A list file opened as strict, bounded UTF-8 text whose bytes are hashed (SHA-256) as they are read. */
final class Hashing implements AutoCloseable {
    private final MessageDigest digest = sha256();
    private final Reader reader;

    Hashing(Path file, String source, InputLimits limits) {
        InputStream bytes = new DigestInputStream(StrictText.openBytes(file, source, limits), digest);
        this.reader = StrictText.reader(bytes, source, limits);
    }

    Reader reader() {
        return reader;
    }

    /** The hex SHA-256 of the whole file: whatever the parser left unread (trailing blanks) is read first. */
    String hex() {
        try {
            char[] rest = new char[8192];
            while (reader.read(rest) >= 0) {
                // draining: the hash covers every byte, and the tail is still checked as UTF-8
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read a list file: " + e.getMessage());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new BadInputException("cannot close a list file: " + e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
