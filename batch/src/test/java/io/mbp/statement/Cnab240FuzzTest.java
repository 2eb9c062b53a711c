package io.mbp.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.error.BadInputException;
import java.time.LocalDateTime;

/**
 * Fuzzes the CNAB 240 extrato reader (ADR 0510): a file is a {@link Statement} or a
 * {@link BadInputException} (exit 4); any other throwable is a finding. What is read is written
 * back and read again to the same statement.
 */
class Cnab240FuzzTest {

    @FuzzTest(maxDuration = "1m")
    void read(byte[] input) {
        Statement s;
        try {
            s = BankStatements.readCnab240(input, "fuzz.cnab240");
        } catch (BadInputException refused) {
            return;
        }
        Statement again = BankStatements.readCnab240(BankStatements.writeCnab240(s, LocalDateTime.parse("2026-11-28T05:00:00")),
                "again.cnab240");
        assertEquals(StatementSamples.byPosition(s), StatementSamples.byPosition(again));
    }
}
