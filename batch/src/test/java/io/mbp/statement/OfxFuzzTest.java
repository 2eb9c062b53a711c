package io.mbp.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.error.BadInputException;
import java.time.LocalDateTime;

/**
 * Fuzzes the OFX reader, 1.x SGML and 2.x XML (ADR 0511): a file is a {@link Statement} or a
 * {@link BadInputException} (exit 4); any other throwable is a finding. A statement of an account we
 * can write (ISPB-BRANCH-NUMBER) is written back as both versions and read to the same lines and
 * closing balance.
 */
class OfxFuzzTest {

    @FuzzTest(maxDuration = "1m")
    void read(byte[] input) {
        Statement s;
        try {
            s = BankStatements.readOfx(input, "fuzz.ofx");
        } catch (BadInputException refused) {
            return;
        }
        try {
            Accounts.split(s.account());
        } catch (IllegalArgumentException notOurs) {
            return; // a bank's own account text: read, but not ours to write
        }
        for (boolean v2 : new boolean[] {false, true}) {
            Statement again = BankStatements.readOfx(BankStatements.writeOfx(s, v2,
                    LocalDateTime.parse("2026-11-28T05:00:00")), "again.ofx");
            assertEquals(lines(s), lines(again));
            assertEquals(s.closing(), again.closing());
            s.opening().ifPresent(o -> assertEquals(o, again.opening().orElseThrow()));
        }
    }

    private static Statement lines(Statement s) {
        return StatementSamples.byPosition(new Statement(s.account(), s.date(), s.lines()));
    }
}
