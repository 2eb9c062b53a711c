package io.mbp.sql;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2 trigger that refuses UPDATE and DELETE on the event log. The application never issues
 * either; this makes the database refuse them too, so a stray SQL session cannot rewrite history
 * without first dropping the trigger (which the Merkle seal then detects).
 */
public final class AppendOnlyGuard implements Trigger {
    private String table = "events";

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName,
                     boolean before, int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        String op = newRow == null ? "DELETE" : "UPDATE";
        throw new SQLException(table.toLowerCase() + " is append-only: " + op + " refused", "45000");
    }
}
