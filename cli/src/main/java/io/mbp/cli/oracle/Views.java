package io.mbp.cli.oracle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.mbp.oracle.Finalized;
import io.mbp.oracle.OracleService;

/** The parts every oracle command's result shows the same way. */
final class Views {
    private Views() {
    }

    /** Where a call landed in the log: {@code appended, first_seq, last_seq, log_size} (unwrapped into each result). */
    record Appended(long appended, Long firstSeq, Long lastSeq, long logSize) {
        static Appended of(OracleService.Outcome o) {
            var a = o.appended();
            boolean none = a.appended() == 0;
            return new Appended(a.appended(), none ? null : a.firstSeq(), none ? null : a.lastSeq(), a.logSize());
        }

        @JsonIgnore
        String seqs() {
            return appended == 0 ? "nothing appended" : "appended " + appended + " events (seq " + firstSeq + ".." + lastSeq + ")";
        }
    }

    /** A finalization: {@code event, kind, value, outcome, invalid, via, finalized_at}, or one line of text. */
    record FinalizedView(String event, String kind, String value, String outcome, boolean invalid, String via, String finalizedAt) {
        static FinalizedView of(Finalized f) {
            return new FinalizedView(f.event(), f.kind(), f.value(), f.outcome(), f.invalid(), f.via(), f.finalizedAt());
        }

        @JsonIgnore
        String line() {
            return event + " = " + (invalid ? "INVALID (50/50)" : value != null ? value : outcome) + " (via " + via + ", " + finalizedAt + ")";
        }
    }
}
