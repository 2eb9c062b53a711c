package io.mbp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class NameKeyTest {
    @Test
    void isTheFirstEightBytesOfTheSha256BigEndian() throws Exception {
        for (String name : new String[] {"", "mbp.job:nightly", "mbp.payouts:instruct", "PTAX-2026-12-01", "ação"}) {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            assertEquals(ByteBuffer.wrap(h, 0, 8).getLong(), NameKey.of(name), name);
        }
    }

    @Test
    void theUsePrefixKeepsTheSameNameApart() {
        assertNotEquals(NameKey.of("mbp.job:returns"), NameKey.of("mbp.payouts:returns"));
    }
}
