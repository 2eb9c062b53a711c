package io.mbp.cli;

import io.mbp.cli.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.recon.ReconEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Domain errors speak of the domain; the CLI adds the option that supplies the input. */
class DomainErrorFlagHintTest {
    @TempDir
    Path tmp;

    @Test
    void theDomainMessageNamesNoOptionButTheCliShowsIt() {
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> ReconEngine.decide(new ReconEngine.State(LocalDate.MIN, LocalDate.MIN),
                        new ReconEngine.Resolve("x", "accept", "me", " "), Clock.systemUTC()));
        assertTrue(!e.getMessage().contains("--"), e.getMessage());
        assertEquals("resolution-note", e.subject());

        String db = "jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath();
        Cli.Run r = Cli.mbp("--db", db, "recon", "d1", "--date", "2026-11-27", "--account", "acct-9");
        assertEquals(4, r.code(), r.err());
        assertEquals("mbp: error: no statement for account acct-9 on 2026-11-27 has been imported:"
                + " import the day's statement first (pass --statement FILE)", r.err().strip());
    }

    @Test
    void everyMappedSubjectHasAHintAndOthersAddNothing() {
        assertEquals(" (or pass --keyfile FILE)", Main.flagHint("operator-key-file"));
        assertEquals(" (check --psp URL)", Main.flagHint("psp"));
        assertEquals("", Main.flagHint(null));
        assertEquals("", Main.flagHint("no-such-subject"));
    }
}
