package io.mbp.oracle;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.error.BadInputException;

/**
 * Fuzzes report files of {@code mbp oracle ingest} (docs/security.md), each input read both as CSV
 * and as NDJSON from a real file. A reader returns its rows (a line it cannot read is a row with a
 * problem, rejected later, never dropped) or refuses the file with a {@link BadInputException}
 * (exit 4); any other throwable is a finding.
 */
class ReportFileFuzzTest {

    @FuzzTest(maxDuration = "1m")
    void read(byte[] input) {
        for (String name : new String[] {"reports.csv", "reports.ndjson"}) {
            try {
                ReportFiles.read(FuzzFiles.write(name, input));
            } catch (BadInputException refused) {
                // exit 4
            }
        }
    }
}
