package io.mbp.custody;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mbp.error.BadInputException;
import io.mbp.events.JsonLimits;
import io.mbp.events.Timestamps;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * The operator key file: an inventory of signing keys (id, name, created-at, status) with each
 * active key's private half encrypted by {@link SeedCipher}. Written whole to a temp file and
 * moved into place, so a crash never leaves half a key file.
 */
public final class KeyStore {
    public static final Path DEFAULT_PATH = Path.of("data", "keys", "operator-keys.json");
    /** The environment variable naming the key file when no file is given. */
    public static final String FILE_ENV = "MBP_KEYFILE";
    public static final String FORMAT = "mbp-operator-keys/1";
    /** The rotation age: signing with an older active key is refused without an override ({@link KeyAge}). */
    public static final Duration MAX_AGE = KeyAge.MAX_AGE;
    /** How this file is named in messages. */
    static final String WHAT = "operator key file";
    private static final ObjectMapper JSON = JsonLimits.mapper()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The file's content. */
    public record Contents(String format, List<OperatorKey> keys) {
    }

    private final Path file;

    public KeyStore(Path file) {
        this.file = file;
    }

    /**
     * The one lookup of the operator key file: {@code given} (an option's value) when set, else
     * $MBP_KEYFILE read through {@code env}, else {@link #DEFAULT_PATH}.
     */
    public static KeyStore locate(String given, java.util.function.Function<String, String> env) {
        String file = given;
        if (file == null || file.isBlank()) {
            file = env.apply(FILE_ENV);
        }
        return new KeyStore(file == null || file.isBlank() ? DEFAULT_PATH : Path.of(file));
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    public List<OperatorKey> keys() {
        if (!exists()) {
            throw new BadInputException("no operator key file at " + file + ": create the operator keys first (`mbp keys init`)")
                    .about("operator-key-file");
        }
        JsonLimits.requireSize(file, JsonLimits.MAX_DOCUMENT_BYTES, file.toString());
        KeyFiles.requireOwnerOnly(file, WHAT);
        try {
            Contents c = JSON.readValue(file.toFile(), Contents.class);
            if (!FORMAT.equals(c.format()) || c.keys() == null) {
                throw new BadInputException(file + ": not an mbp key file (format must be " + FORMAT + ")");
            }
            return List.copyOf(c.keys());
        } catch (IOException e) {
            throw new BadInputException(file + ": unreadable key file: " + firstLine(e.getMessage()));
        }
    }

    public OperatorKey active() {
        return keys().stream().filter(OperatorKey::active).findFirst()
                .orElseThrow(() -> new BadInputException(file + " has no active key: run `mbp keys rotate`"));
    }

    /** Every key ever used, active or retired: what a verifier of old checkpoints needs. */
    public List<NoteVerifierKey> verifiers() {
        return keys().stream().map(OperatorKey::verifier).toList();
    }

    /** A new key named {@code name}; only when there is no key file yet. Returns the new inventory. */
    public List<OperatorKey> planInit(String name, char[] passphrase, Instant now) {
        if (exists()) {
            throw new BadInputException(file + " already exists: use `mbp keys rotate` to replace its key");
        }
        return List.of(newKey(name, passphrase, now));
    }

    /**
     * The inventory after rotation: a fresh active key under the same name (the same passphrase,
     * which must open the current key), the old one retired with its private half dropped.
     */
    public List<OperatorKey> planRotate(char[] passphrase, Instant now) {
        OperatorKey current = active();
        unlock(current, passphrase);
        List<OperatorKey> out = new ArrayList<>();
        for (OperatorKey k : keys()) {
            if (k.keyId().equals(current.keyId())) {
                out.add(new OperatorKey(k.keyId(), k.name(), k.verifierKey(), k.createdAt(), OperatorKey.RETIRED,
                        Timestamps.format(now), null));
            } else {
                out.add(k);
            }
        }
        out.add(newKey(current.name(), passphrase, now));
        return out;
    }

    private static OperatorKey newKey(String name, char[] passphrase, Instant now) {
        NoteVerifierKey.requireValidName(name);
        byte[] seed = new Ed25519PrivateKeyParameters(RANDOM).getEncoded();
        try {
            NoteSigner signer = new NoteSigner(name, seed);
            NoteVerifierKey v = signer.verifier();
            return new OperatorKey(v.keyIdHex(), name, v.text(), Timestamps.format(now), OperatorKey.ACTIVE, null,
                    SeedCipher.seal(seed, passphrase, associated(name, v.keyIdHex())));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The active key, unlocked for signing. */
    public NoteSigner unlock(char[] passphrase) {
        return unlock(active(), passphrase);
    }

    private NoteSigner unlock(OperatorKey k, char[] passphrase) {
        if (k.privateKey() == null) {
            throw new BadInputException(file + ": key " + k.keyId() + " has no private half (it is retired)");
        }
        byte[] seed;
        try {
            seed = SeedCipher.open(k.privateKey(), passphrase, associated(k.name(), k.keyId()));
        } catch (SeedCipher.WrongPassphraseException e) {
            throw new BadInputException("the passphrase does not open key " + k.keyId() + " in " + file
                    + " (check MBP_KEY_PASSPHRASE)");
        }
        try {
            NoteSigner s = new NoteSigner(k.name(), seed);
            if (!s.verifier().keyIdHex().equals(k.keyId())) {
                throw new BadInputException(file + ": key " + k.keyId() + " decrypts to a different key: the file was altered");
            }
            return s;
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** Writes the inventory atomically, readable by the owner only. */
    public void write(List<OperatorKey> keys) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                ownerOnlyDirectory(dir);
            }
            Path tmp = Files.createTempFile(dir, ".keys", ".tmp");
            try {
                KeyFiles.setOwnerOnly(tmp);
                JSON.writeValue(tmp.toFile(), new Contents(FORMAT, keys));
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new io.mbp.error.InfrastructureException("cannot write key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** How old the active key is at {@code now} (its created_at); empty when there is no key file. */
    public Optional<KeyAge> age(Instant now) {
        if (!exists()) {
            return Optional.empty();
        }
        OperatorKey k = active();
        return Optional.of(new KeyAge(KeyAge.Kind.OPERATOR, k.keyId(), Timestamps.parse("created_at", k.createdAt()), now));
    }

    /** The warning every command prints from {@link KeyAge#WARN_FROM} on, if due. */
    public Optional<String> ageWarning(Instant now) {
        if (!exists()) {
            return Optional.empty();
        }
        for (OperatorKey k : keys()) {
            if (k.active()) {
                return new KeyAge(KeyAge.Kind.OPERATOR, k.keyId(), Timestamps.parse("created_at", k.createdAt()), now).warning();
            }
        }
        return Optional.empty();
    }

    private static String associated(String name, String keyIdHex) {
        return "mbp-operator-key|" + name + "|" + keyIdHex;
    }

    private static void ownerOnlyDirectory(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system.
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
