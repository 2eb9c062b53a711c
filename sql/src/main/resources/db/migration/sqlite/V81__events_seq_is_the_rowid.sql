-- V81 (SQLite): the events table rebuilt so seq is the table's rowid (ADR 0126).
-- V1 declared seq BIGINT PRIMARY KEY, which on SQLite is a separate unique index beside the
-- rowid table: every event was written into two b-trees keyed on the same number. Declared
-- INTEGER, the primary key is the rowid itself, rows append at the right edge of one b-tree,
-- and lookups by seq are one search. Same columns, names, checks and triggers as before.
-- Old files are copied once, in this migration's transaction (a log of N events is written
-- once more, to the WAL, the first time a newer mbp opens it).
DROP TRIGGER events_no_update;
DROP TRIGGER events_no_delete;
CREATE TABLE events_v81 (
  seq INTEGER NOT NULL,
  type VARCHAR(128) NOT NULL,
  stream VARCHAR(256) NOT NULL,
  ts VARCHAR(40) NOT NULL,
  payload VARCHAR(1000000) NOT NULL,
  leaf_hash CHAR(64) NOT NULL,
  CONSTRAINT pk_events PRIMARY KEY (seq),
  CONSTRAINT ck_events_seq CHECK (seq >= 0)
);
INSERT INTO events_v81 (seq, type, stream, ts, payload, leaf_hash)
  SELECT seq, type, stream, ts, payload, leaf_hash FROM events ORDER BY seq;
DROP TABLE events;
ALTER TABLE events_v81 RENAME TO events;
CREATE INDEX ix_events_type ON events (type, seq);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events is append-only: UPDATE refused'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events is append-only: DELETE refused'); END;
