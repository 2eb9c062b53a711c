package io.mbp.privacy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mbp.custody.SeedCipher;
import io.mbp.error.BadInputException;
import io.mbp.error.InfrastructureException;
import io.mbp.error.VerificationFailedException;
import io.mbp.events.Timestamps;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The default {@link KeyEncryptionKey}: a local key file holding every KEK version, each version's
 * 256-bit key sealed with the passphrase exactly as the operator signing key is ({@link SeedCipher}:
 * scrypt + AES-256-GCM, ADR 0102), the KEK id and version as associated data. Unlocked once when
 * opened; written whole to a temp file and moved into place, so a crash never leaves half a file.
 */
public final class LocalKekFile implements KeyEncryptionKey {
    public static final Path DEFAULT_PATH = Path.of("data", "keys", "vault-kek.json");
    public static final String FORMAT = "mbp-vault-kek/1";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** One KEK version as stored: {@code sealed} is null once the version is retired (its key destroyed). */
    public record Version(int version, String status, String createdAt, String retiredAt, SeedCipher.Sealed sealed) {
    }

    /** The file's content. */
    public record Contents(String format, String kekId, List<Version> versions) {
    }

    private final Path file;
    private final char[] passphrase;
    private Contents contents;
    private final Map<Integer, byte[]> unlocked = new HashMap<>();

    private LocalKekFile(Path file, char[] passphrase, Contents contents) {
        this.file = file;
        this.passphrase = passphrase.clone();
        this.contents = contents;
        for (Version v : contents.versions()) {
            if (v.sealed() != null) {
                try {
                    unlocked.put(v.version(), SeedCipher.open(v.sealed(), passphrase, associated(contents.kekId(), v.version())));
                } catch (SeedCipher.WrongPassphraseException e) {
                    throw new BadInputException("the passphrase does not open KEK " + contents.kekId() + " v" + v.version()
                            + " in " + file + " (check MBP_VAULT_PASSPHRASE)");
                }
            }
        }
    }

    /** Creates the key file with KEK version 1; refuses if it exists. */
    public static LocalKekFile create(Path file, char[] passphrase, Instant now) {
        if (Files.exists(file)) {
            throw new BadInputException(file + " already exists: use `mbp privacy kek rotate` to replace its key");
        }
        if (passphrase.length == 0) {
            throw new BadInputException("an empty vault passphrase is not accepted");
        }
        byte[] id = new byte[4];
        new java.security.SecureRandom().nextBytes(id);
        String kekId = "kek-" + HexFormat.of().formatHex(id);
        Contents c = new Contents(FORMAT, kekId, List.of(newVersion(kekId, 1, passphrase, now)));
        write(file, c);
        return new LocalKekFile(file, passphrase, c);
    }

    /** Opens and unlocks an existing key file. */
    public static LocalKekFile open(Path file, char[] passphrase) {
        if (!Files.exists(file)) {
            throw new BadInputException("no vault key file at " + file + ": create the vault key first (`mbp privacy kek init`)")
                    .about("vault-key-file");
        }
        Contents c;
        try {
            c = JSON.readValue(file.toFile(), Contents.class);
        } catch (IOException e) {
            throw new BadInputException(file + ": unreadable vault key file (" + e.getClass().getSimpleName() + ")");
        }
        if (!FORMAT.equals(c.format()) || c.kekId() == null || c.versions() == null || c.versions().isEmpty()) {
            throw new BadInputException(file + ": not an mbp vault key file (format must be " + FORMAT + ")");
        }
        return new LocalKekFile(file, passphrase, c);
    }

    public Path file() {
        return file;
    }

    public List<Version> versions() {
        return contents.versions();
    }

    @Override
    public KekRef active() {
        return contents.versions().stream().filter(v -> "active".equals(v.status())).reduce((a, b) -> b)
                .map(v -> new KekRef(contents.kekId(), v.version()))
                .orElseThrow(() -> new BadInputException(file + " has no active KEK version"));
    }

    @Override
    public byte[] wrap(byte[] key, String associated) {
        return Aead.seal(material(active()), key, associated);
    }

    @Override
    public byte[] unwrap(KekRef ref, byte[] wrapped, String associated) {
        try {
            return Aead.open(material(ref), wrapped, associated);
        } catch (Aead.TagMismatch e) {
            throw new VerificationFailedException("a data key wrapped under " + ref + " does not open: the vault table or "
                    + file + " was altered");
        }
    }

    @Override
    public KekRef rotate(Instant now) {
        KekRef current = active();
        List<Version> out = new ArrayList<>();
        for (Version v : contents.versions()) {
            out.add(v.version() == current.version()
                    ? new Version(v.version(), "retiring", v.createdAt(), null, v.sealed()) : v);
        }
        int next = contents.versions().stream().mapToInt(Version::version).max().orElse(0) + 1;
        out.add(newVersion(contents.kekId(), next, passphrase, now));
        replace(new Contents(FORMAT, contents.kekId(), out));
        return active();
    }

    @Override
    public void retireAllBut(KekRef keep, Instant now) {
        List<Version> out = new ArrayList<>();
        for (Version v : contents.versions()) {
            if (v.version() == keep.version() || v.sealed() == null) {
                out.add(v);
            } else {
                out.add(new Version(v.version(), "retired", v.createdAt(), Timestamps.format(now), null));
                byte[] k = unlocked.remove(v.version());
                if (k != null) {
                    Arrays.fill(k, (byte) 0);
                }
            }
        }
        replace(new Contents(FORMAT, contents.kekId(), out));
    }

    private void replace(Contents c) {
        write(file, c);
        contents = c;
        for (Version v : c.versions()) {
            if (v.sealed() != null && !unlocked.containsKey(v.version())) {
                unlocked.put(v.version(), SeedCipher.open(v.sealed(), passphrase, associated(c.kekId(), v.version())));
            }
        }
    }

    private byte[] material(KekRef ref) {
        if (!ref.kekId().equals(contents.kekId())) {
            throw new BadInputException("data key wrapped by KEK " + ref.kekId() + " but " + file + " holds " + contents.kekId());
        }
        byte[] k = unlocked.get(ref.version());
        if (k == null) {
            throw new VerificationFailedException("KEK " + ref + " is retired in " + file + ": a data key still wrapped by it"
                    + " cannot be opened (was a rotation interrupted? restore the key file from before it)");
        }
        return k;
    }

    private static Version newVersion(String kekId, int version, char[] passphrase, Instant now) {
        byte[] key = Aead.newKey();
        try {
            return new Version(version, "active", Timestamps.format(now), null,
                    SeedCipher.seal(key, passphrase, associated(kekId, version)));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static String associated(String kekId, int version) {
        return "mbp-vault-kek|" + kekId + "|" + version;
    }

    private static void write(Path file, Contents c) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".kek", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: the passphrase still protects the key.
                }
                JSON.writeValue(tmp.toFile(), c);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new InfrastructureException("cannot write vault key file " + file + ": " + e.getMessage(), e);
        }
    }
}
