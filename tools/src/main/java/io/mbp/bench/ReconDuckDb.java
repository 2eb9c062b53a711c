package io.mbp.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** The rival of {@code mbp bench recon}: DuckDB's own full outer join over the same two CSVs, in the same JVM. */
final class ReconDuckDb {
    private ReconDuckDb() {
    }

    /** DuckDB joining the same files (full outer join on e2eid+direction), or null if its driver is absent. */
    static ReconBench.Outcome join(Path dir, String memoryLimit) throws Exception {
        java.sql.Driver driver = DuckDbJar.driver();
        if (driver == null) {
            return null;
        }
        // The first connection unpacks and loads the native library: not part of the join.
        driver.connect("jdbc:duckdb:", new java.util.Properties()).close();
        double c0 = ReconBench.cpuSeconds();
        long t0 = System.nanoTime();
        try (Connection c = driver.connect("jdbc:duckdb:", new java.util.Properties());
             Statement st = c.createStatement()) {
            st.execute("SET memory_limit='" + memoryLimit + "'");
            st.execute("SET temp_directory='" + dir.resolve("duckdb.tmp").toString().replace("'", "''") + "'");
            String l = "read_csv('" + dir.resolve("ledger.csv").toString().replace("'", "''")
                    + "', header=true, columns={'key':'VARCHAR','direction':'VARCHAR','amount':'BIGINT','e2eid':'VARCHAR',"
                    + "'reference':'VARCHAR','counterparty':'VARCHAR'})";
            String s = "read_csv('" + dir.resolve("statement.csv").toString().replace("'", "''")
                    + "', header=true, columns={'line_id':'VARCHAR','direction':'VARCHAR','amount':'BIGINT','e2eid':'VARCHAR',"
                    + "'reference':'VARCHAR','counterparty':'VARCHAR'})";
            String q = "SELECT count(*) FILTER (WHERE l.key IS NOT NULL AND s.line_id IS NOT NULL AND l.amount = s.amount),"
                    + " coalesce(sum(s.amount) FILTER (WHERE l.key IS NOT NULL AND s.line_id IS NOT NULL AND l.amount = s.amount), 0),"
                    + " count(*) FILTER (WHERE l.key IS NULL OR s.line_id IS NULL OR l.amount <> s.amount)"
                    + " FROM " + l + " l FULL OUTER JOIN " + s + " s ON l.e2eid = s.e2eid AND l.direction = s.direction";
            long matched;
            long amount;
            long other;
            try (ResultSet rs = st.executeQuery(q)) {
                rs.next();
                matched = rs.getLong(1);
                amount = rs.getLong(2);
                other = rs.getLong(3);
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            double cpu = ReconBench.cpuSeconds() - c0;
            String threads;
            try (ResultSet t = st.executeQuery("SELECT current_setting('threads')")) {
                t.next();
                threads = t.getString(1);
            }
            return new ReconBench.Outcome("duckdb " + duckVersion(st) + " (full outer join, memory_limit " + memoryLimit + ", "
                    + threads + " threads)", sec, cpu, matched, amount, other, -1,
                    "duplicates count as matched join rows; no reference/amount passes");
        }
    }

    private static String duckVersion(Statement st) throws Exception {
        try (ResultSet v = st.executeQuery("SELECT version()")) {
            v.next();
            return v.getString(1);
        }
    }
}
