package io.mbp.apiclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The authenticator alone (no daemon): window, replays, lockouts, and that a signature binds every signed part. */
class AuthenticatorTest {
    private static final String SECRET = "a1".repeat(32);
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private static final Credential KEY = new Credential("mbpk_1", "acme", Set.of(Scope.TRADE), SECRET, null);

    private static Authenticator auth(Instant now, Credential... keys) {
        Map<String, Credential> m = new java.util.HashMap<>();
        for (Credential c : keys) {
            m.put(c.keyId(), c);
        }
        return new Authenticator(m::get, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Authenticator.Outcome send(Authenticator a, long ts, String body, String source) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return a.authenticate("mbpk_1", Long.toString(ts), RequestSignature.sign(SECRET, ts, "POST", "/v2/orders", b), "POST", "/v2/orders",
                b, source, true);
    }

    private static Authenticator.Refusal why(Authenticator.Outcome o) {
        return assertInstanceOf(Authenticator.Refused.class, o).why();
    }

    @Test
    void theWindowIsPlusMinus300SecondsInclusive() {
        Authenticator a = auth(NOW, KEY);
        assertInstanceOf(Authenticator.Authenticated.class, send(a, T - 300, "{}", "s"));
        assertInstanceOf(Authenticator.Authenticated.class, send(a, T + 300, "{}", "s"));
        assertEquals(Authenticator.Refusal.SKEWED, why(send(a, T - 301, "{}", "s")));
        assertEquals(Authenticator.Refusal.SKEWED, why(send(a, T + 301, "{}", "s")));
    }

    @Test
    void aWriteIsAcceptedOnceAReadAnyNumberOfTimes() {
        Authenticator a = auth(NOW, KEY);
        assertInstanceOf(Authenticator.Authenticated.class, send(a, T, "{\"a\":1}", "s"));
        assertEquals(Authenticator.Refusal.REPLAYED, why(send(a, T, "{\"a\":1}", "s")));
        assertInstanceOf(Authenticator.Authenticated.class, send(a, T - 1, "{\"a\":1}", "s"), "another timestamp is another request");
        byte[] none = new byte[0];
        String sig = RequestSignature.sign(SECRET, T, "GET", "/v2/accounts/ana", none);
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Authenticator.Authenticated.class, a.authenticate("mbpk_1", Long.toString(T), sig, "GET", "/v2/accounts/ana",
                    none, "s", false));
        }
    }

    @Test
    void expiredUnknownAndWrongLookAlikeAndCountTowardsTheLockout() {
        Credential expired = new Credential("mbpk_1", "acme", Set.of(Scope.TRADE), SECRET, NOW);
        assertEquals(Authenticator.Refusal.BAD_CREDENTIALS, why(send(auth(NOW, expired), T, "{}", "x")));
        assertEquals(Authenticator.Refusal.BAD_CREDENTIALS, why(send(auth(NOW), T, "{}", "x")));
        Authenticator a = auth(NOW, KEY);
        for (int i = 0; i < FailureBackoff.FREE; i++) {
            assertEquals(Authenticator.Refusal.BAD_CREDENTIALS, why(a.authenticate("mbpk_1", Long.toString(T), "00", "POST", "/v2/orders",
                    new byte[0], "attacker", true)));
        }
        // the sixth failure still gets an answer; from then on the address and the key id are locked out
        why(a.authenticate("mbpk_1", Long.toString(T), "00", "POST", "/v2/orders", new byte[0], "attacker", true));
        Authenticator.Refused locked = assertInstanceOf(Authenticator.Refused.class, send(a, T, "{}", "attacker"));
        assertEquals(Authenticator.Refusal.LOCKED_OUT, locked.why());
        assertTrue(locked.retryAfter() >= 1);
        assertEquals(Authenticator.Refusal.LOCKED_OUT, why(send(a, T, "{}", "elsewhere")), "the key id is locked too");
        // missing headers are not guesses: they lock nobody out
        Authenticator b = auth(NOW, KEY);
        for (int i = 0; i < 20; i++) {
            assertEquals(Authenticator.Refusal.UNSIGNED, why(b.authenticate(null, null, null, "POST", "/v2/orders", new byte[0], "y", true)));
        }
        assertInstanceOf(Authenticator.Authenticated.class, send(b, T, "{}", "y"));
    }

    @Test
    void lockoutsGrowExponentiallyUpToFifteenMinutes() {
        assertEquals(0, FailureBackoff.lockSeconds(5));
        assertEquals(2, FailureBackoff.lockSeconds(6));
        assertEquals(4, FailureBackoff.lockSeconds(7));
        assertEquals(512, FailureBackoff.lockSeconds(14));
        assertEquals(900, FailureBackoff.lockSeconds(15));
        assertEquals(900, FailureBackoff.lockSeconds(1_000));
        FailureBackoff f = new FailureBackoff(2);
        for (int i = 0; i < 7; i++) {
            f.failed("a", 100);
        }
        assertEquals(4, f.lockedFor("a", 100));
        assertEquals(0, f.lockedFor("a", 104));
        f.failed("b", 100);
        f.failed("c", 100);
        assertEquals(0, f.lockedFor("a", 100), "over capacity the least recently failing name is forgotten");
    }

    @Test
    void aFullReplayGuardRefusesOldTimestampsRatherThanForget() {
        ReplayGuard g = new ReplayGuard(300, 3);
        assertTrue(g.firstTime("k", 10, sig('a'), 10));
        assertTrue(g.firstTime("k", 11, sig('b'), 11));
        assertTrue(g.firstTime("k", 12, sig('c'), 12));
        assertTrue(g.firstTime("k", 13, sig('d'), 13)); // second 10 is dropped to stay at 3
        assertFalse(g.firstTime("k", 10, sig('a'), 13), "a replay of the forgotten second is still refused");
        assertFalse(g.firstTime("k", 10, sig('f'), 13), "so is anything else from it");
        assertFalse(g.firstTime("k", 12, sig('c'), 13));
        assertTrue(g.firstTime("k", 12, sig('e'), 13));
    }

    /** The guard keeps a signature's first 128 bits: a difference in them is another request, and so are the same bits under another key. */
    @Test
    void theReplayGuardTellsSignaturesApartByTheirFirst128BitsAndTheirKey() {
        ReplayGuard g = new ReplayGuard(300, 100);
        String s = RequestSignature.sign(SECRET, T, "POST", "/v2/orders", new byte[0]);
        assertTrue(g.firstTime("k", T, s, T));
        assertFalse(g.firstTime("k", T, s, T), "the same signature again is a replay");
        for (int i : new int[] {0, 15, 16, 31}) {
            char flipped = s.charAt(i) == '0' ? '1' : '0';
            String other = s.substring(0, i) + flipped + s.substring(i + 1);
            assertTrue(g.firstTime("k", T, other, T), "a signature that differs at hex digit " + i + " is another request");
        }
        String tail = s.substring(0, 40) + (s.charAt(40) == '0' ? '1' : '0') + s.substring(41);
        assertFalse(g.firstTime("k", T, tail, T), "past the first 128 bits the guard cannot tell them apart: refused, never accepted");
        assertTrue(g.firstTime("k2", T, s, T), "the same signature under another key is another request");
        assertTrue(g.firstTime("k", T + 1, s, T), "and under another second");
    }

    private static String sig(char c) {
        return String.valueOf(c).repeat(64);
    }

    /** Changing any signed part (timestamp, method, path, body) makes the signature fail; the same parts make it pass. */
    @Property(tries = 200)
    void theSignatureBindsEveryPart(@ForAll @StringLength(max = 40) String body, @ForAll @IntRange(min = 0, max = 3) int part,
                                    @ForAll @StringLength(min = 1, max = 12) String path) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String p = "/v2/" + path;
        String sig = RequestSignature.sign(SECRET, T, "POST", p, b);
        assertTrue(RequestSignature.matches(SECRET, T, "POST", p, b, sig));
        boolean changed = switch (part) {
            case 0 -> RequestSignature.matches(SECRET, T + 1, "POST", p, b, sig);
            case 1 -> RequestSignature.matches(SECRET, T, "PUT", p, b, sig);
            case 2 -> RequestSignature.matches(SECRET, T, "POST", p + "x", b, sig);
            default -> RequestSignature.matches(SECRET, T, "POST", p, (body + " ").getBytes(StandardCharsets.UTF_8), sig);
        };
        assertFalse(changed);
        assertEquals(64, sig.length());
        assertEquals(sig, sig.toLowerCase(java.util.Locale.ROOT));
    }
}
