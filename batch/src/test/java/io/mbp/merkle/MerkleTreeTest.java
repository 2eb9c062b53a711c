package io.mbp.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against the Certificate Transparency reference vectors (RFC 6962/9162 hashing is unchanged). */
class MerkleTreeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String[] DATA = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f"};
    private static final String[] ROOTS = {
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    static MemoryTree tree(int n) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            b.writeBytes(TreeHash.leaf(HEX.parseHex(DATA[i])));
        }
        return MemoryTree.build(b.toByteArray());
    }

    static List<byte[]> hashes(String... hex) {
        List<byte[]> out = new ArrayList<>();
        for (String h : hex) {
            out.add(HEX.parseHex(h));
        }
        return out;
    }

    static List<String> hex(List<byte[]> proof) {
        return proof.stream().map(HEX::formatHex).toList();
    }

    @Test
    void rootsMatchTheReferenceForEverySize() {
        MerkleTree t = new MerkleTree(tree(8));
        for (int n = 0; n <= 8; n++) {
            assertEquals(ROOTS[n], HEX.formatHex(t.root(n)), "size " + n);
        }
    }

    @Test
    void streamingBuilderAgreesWithTheReference() {
        List<NodeId> completed = new ArrayList<>();
        TreeBuilder b = new TreeBuilder((id, h) -> completed.add(id));
        assertEquals(ROOTS[0], HEX.formatHex(b.root()));
        for (int n = 1; n <= 8; n++) {
            b.append(TreeHash.leaf(HEX.parseHex(DATA[n - 1])));
            assertEquals(ROOTS[n], HEX.formatHex(b.root()), "size " + n);
        }
        assertEquals(7, completed.size(), "a tree of 8 leaves has 7 interior nodes");
    }

    @Test
    void inclusionProofsMatchTheReference() {
        MerkleTree t = new MerkleTree(tree(8));
        List<String> p0 = List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        List<String> p5 = List.of("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertEquals(p0, hex(t.inclusionProof(0, 8)));
        assertEquals(p5, hex(t.inclusionProof(5, 8)));
        byte[] root = HEX.parseHex(ROOTS[8]);
        assertTrue(ProofVerifier.verifyInclusion(TreeHash.leaf(HEX.parseHex(DATA[5])), 5, 8, hashes(p5.toArray(String[]::new)), root));
        assertFalse(ProofVerifier.verifyInclusion(TreeHash.leaf(HEX.parseHex(DATA[5])), 4, 8, hashes(p5.toArray(String[]::new)), root));
    }

    @Test
    void consistencyProofsMatchTheReference() {
        MerkleTree t = new MerkleTree(tree(8));
        assertEquals(List.of("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"), hex(t.consistencyProof(2, 8)));
        assertEquals(List.of("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"), hex(t.consistencyProof(6, 8)));
        assertEquals(List.of("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"), hex(t.consistencyProof(2, 5)));
        assertTrue(ProofVerifier.verifyConsistency(6, 8, HEX.parseHex(ROOTS[6]), HEX.parseHex(ROOTS[8]), t.consistencyProof(6, 8)));
        assertFalse(ProofVerifier.verifyConsistency(6, 8, HEX.parseHex(ROOTS[5]), HEX.parseHex(ROOTS[8]), t.consistencyProof(6, 8)));
    }
}
