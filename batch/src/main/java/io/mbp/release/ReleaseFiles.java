package io.mbp.release;

import io.mbp.merkle.MemoryTree;
import io.mbp.merkle.MerkleTree;
import io.mbp.merkle.TreeHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The release folder's layout (docs/releases.md, ADR 0022) and the hashing both cut and verify use:
 * SHA-256 of files, the Merkle root over {@code path ‖ " " ‖ sha256} leaves (RFC 9162, the log's own
 * tree code) and the 48 bytes the anchor transaction carries.
 */
public final class ReleaseFiles {
    public static final String FORMAT = "mbp-release/1";
    public static final String MANIFEST = "manifest.json";
    public static final String MANIFEST_ENVELOPE = "manifest.dsse.json";
    public static final String MANIFEST_TYPE = "application/vnd.mbp.release-manifest+json";
    public static final String SBOM = "bom.json";
    public static final String PARAMS = "params.json";
    public static final String PROVENANCE = "provenance.json";
    public static final String PROVENANCE_ENVELOPE = "provenance.dsse.json";
    /** The in-toto payload type (in-toto attestation framework, DSSE envelope). */
    public static final String IN_TOTO_TYPE = "application/vnd.in-toto+json";
    public static final String ANCHOR = "anchor.json";
    public static final String ARTIFACTS = "artifacts";
    /** A release anchor is not a log checkpoint (MBPCKPT1): its own 8-byte tag, then leaf count and root. */
    public static final byte[] ANCHOR_MAGIC = "MBPREL01".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private ReleaseFiles() {
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
            return HEX.formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file of the release and its hash, as the manifest lists it. */
    public record Entry(String path, String sha256, long size) {
    }

    /** The RFC 9162 root over one leaf per entry, leaf data = UTF-8 of {@code path + " " + sha256}, in the given order. */
    public static String merkleRoot(List<Entry> entries) {
        if (entries.isEmpty()) {
            return TreeHash.hex(TreeHash.empty());
        }
        byte[] leaves = new byte[entries.size() * TreeHash.SIZE];
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] leaf = TreeHash.leaf((e.path() + " " + e.sha256()).getBytes(StandardCharsets.UTF_8));
            System.arraycopy(leaf, 0, leaves, i * TreeHash.SIZE, TreeHash.SIZE);
        }
        return TreeHash.hex(new MerkleTree(MemoryTree.build(leaves)).root(entries.size()));
    }

    /** The anchor transaction's data: MBPREL01 ‖ leaves (u64 big-endian) ‖ root (32 bytes). */
    public static byte[] anchorData(long leaves, String rootHex) {
        return ByteBuffer.allocate(48).put(ANCHOR_MAGIC).putLong(leaves).put(TreeHash.parseHex(rootHex)).array();
    }

    public static String anchorDataHex(long leaves, String rootHex) {
        return "0x" + HEX.formatHex(anchorData(leaves, rootHex));
    }

    /** Every regular file under {@code dir}, as sorted '/'-separated relative paths. */
    public static List<String> list(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
