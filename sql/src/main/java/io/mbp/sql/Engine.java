package io.mbp.sql;

import io.mbp.error.UsageException;
import org.jooq.SQLDialect;

/** The database engines MBP Ops runs on, told apart by their JDBC URL. */
public enum Engine {
    H2("h2", SQLDialect.H2),
    SQLITE("sqlite", SQLDialect.SQLITE),
    POSTGRESQL("postgresql", SQLDialect.POSTGRES);

    private final String migrationFolder;
    private final SQLDialect dialect;

    Engine(String migrationFolder, SQLDialect dialect) {
        this.migrationFolder = migrationFolder;
        this.dialect = dialect;
    }

    public String migrationFolder() {
        return migrationFolder;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public static Engine of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new UsageException("database URL '" + jdbcUrl
                + "' is not supported: use jdbc:h2:..., jdbc:sqlite:... or jdbc:postgresql:...");
    }
}
