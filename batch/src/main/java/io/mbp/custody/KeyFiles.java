package io.mbp.custody;

import io.mbp.error.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files that hold key material (the operator key file, a chain key file) must be readable by their
 * owner only: on a POSIX file system a file with any group or other permission bit is refused
 * before it is read, naming the file, its mode and the fix (docs/adr/0106).
 */
public final class KeyFiles {
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFiles() {
    }

    /**
     * Refuses (exit 4) {@code file} when group or others have any permission on it; {@code what}
     * names it as the user gave it (e.g. "--chain-keyfile"). Not a POSIX file system: nothing to check.
     */
    public static void requireOwnerOnly(Path file, String what) {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return;
        } catch (IOException e) {
            // Missing or unreadable: the reader says so in its own words.
            return;
        }
        if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
            throw new BadInputException(what + " " + file + " has mode " + octal(perms) + " (" + PosixFilePermissions.toString(perms)
                    + "): group or others may read or change a key file; refused. Fix: chmod 600 " + file);
        }
    }

    /** The text of a key file after {@link #requireOwnerOnly}; a read failure is bad input naming the file. */
    public static String readOwnerOnly(Path file, String what) {
        requireOwnerOnly(file, what);
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new BadInputException(what + " " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Owner read/write only, where the file system has POSIX modes; elsewhere the OS's ACLs apply. */
    public static void setOwnerOnly(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: the encryption still protects the operator key.
        }
    }

    static String octal(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
    }
}
