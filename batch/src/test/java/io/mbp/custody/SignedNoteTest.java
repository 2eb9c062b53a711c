package io.mbp.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.events.FieldException;
import io.mbp.merkle.Checkpoint;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Against the example key and note of the signed-note reference implementation (golang.org/x/mod/sumdb/note). */
class SignedNoteTest {
    static final String VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String NOTE = TEXT + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void keyIdAndVerifierKeyMatchTheReference() {
        NoteSigner s = NoteSigner.parse(SKEY);
        assertEquals("c74f20a3", s.verifier().keyIdHex());
        assertEquals(VKEY, s.verifier().text());
        assertEquals(s.verifier(), NoteVerifierKey.parse(VKEY));
    }

    @Test
    void signingReproducesTheReferenceNoteByteForByte() {
        assertEquals(NOTE, SignedNote.sign(TEXT, NoteSigner.parse(SKEY)).encode());
    }

    @Test
    void referenceNoteVerifiesAndAlteredTextDoesNot() {
        NoteVerifierKey k = NoteVerifierKey.parse(VKEY);
        assertTrue(SignedNote.parse(NOTE).verify(k).ok());
        SignedNote.Verification bad = SignedNote.parse(NOTE.replace("cryptography", "cryptographY")).verify(k);
        assertFalse(bad.ok());
        assertTrue(bad.detail().contains("does not match"), bad.detail());
    }

    @Test
    void noteSignedByAnotherKeyIsReportedAsUnknownKey() {
        NoteSigner other = new NoteSigner("PeterNeumann", new byte[32]);
        SignedNote n = SignedNote.sign(TEXT, other);
        SignedNote.Verification v = n.verify(NoteVerifierKey.parse(VKEY));
        assertFalse(v.ok());
        assertTrue(v.detail().contains("unknown key"), v.detail());
    }

    @Test
    void malformedVerifierKeysAreRefusedWithTheReason() {
        assertThrows(FieldException.class, () -> NoteVerifierKey.parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"));
        assertThrows(FieldException.class, () -> NoteVerifierKey.parse("PeterNeumann+c74f20a3+AhpcMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"));
        assertThrows(FieldException.class, () -> NoteVerifierKey.parse("nonsense"));
    }

    @Test
    void malformedNotesAreRefused() {
        assertThrows(SignedNote.NoteFormatException.class, () -> SignedNote.parse(TEXT));
        assertThrows(SignedNote.NoteFormatException.class, () -> SignedNote.parse(TEXT + "\n- PeterNeumann AAAA\n"));
        assertThrows(SignedNote.NoteFormatException.class, () -> SignedNote.parse(NOTE.substring(0, NOTE.length() - 1)));
    }

    @Test
    void checkpointBodyRoundTrips() {
        byte[] root = new byte[32];
        root[0] = 7;
        Checkpoint c = new Checkpoint("mbp.example/log", 42, root);
        assertEquals("mbp.example/log\n42\n" + Base64.getEncoder().encodeToString(root) + "\n", c.body());
        Checkpoint back = Checkpoint.parse(c.body());
        assertEquals(42, back.size());
        assertEquals(c.rootHex(), back.rootHex());
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse("o\n042\n" + c.rootBase64() + "\n"));
    }
}
