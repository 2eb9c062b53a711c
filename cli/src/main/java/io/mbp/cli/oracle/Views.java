package io.mbp.cli.oracle;

import io.mbp.oracle.OracleService;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared bits of JSON output for oracle commands. */
final class Views {
    private Views() {
    }

    static Map<String, Object> appended(OracleService.Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("appended", o.appended().appended());
        m.put("first_seq", o.appended().appended() == 0 ? null : o.appended().firstSeq());
        m.put("last_seq", o.appended().appended() == 0 ? null : o.appended().lastSeq());
        m.put("log_size", o.appended().logSize());
        return m;
    }

    static String seqs(OracleService.Outcome o) {
        return o.appended().appended() == 0 ? "nothing appended"
                : "appended " + o.appended().appended() + " events (seq " + o.appended().firstSeq() + ".." + o.appended().lastSeq() + ")";
    }
}
