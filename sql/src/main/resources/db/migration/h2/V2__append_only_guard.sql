-- V2 (H2): the database itself refuses to change or remove an event.
-- H2 triggers are Java classes; AppendOnlyGuard ships in the mbp-sql jar.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events FOR EACH ROW CALL 'io.mbp.sql.AppendOnlyGuard';
CREATE TRIGGER events_no_delete BEFORE DELETE ON events FOR EACH ROW CALL 'io.mbp.sql.AppendOnlyGuard';
