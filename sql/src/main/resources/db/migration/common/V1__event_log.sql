-- V1: the append-only event log.
-- Portable DDL: this file runs unchanged on H2, SQLite and PostgreSQL, and jOOQ generates
-- the schema classes from it at build time. Avoid reserved words (VALUE, KEY, ...) as names.

-- One row per event. seq is gapless from 0 and is the Merkle leaf index.
-- payload holds the RFC 8785 canonical JSON of the event's payload object;
-- leaf_hash = lowercase hex SHA-256(0x00 || canonical bytes of the whole event).
CREATE TABLE events (
  seq BIGINT NOT NULL,
  type VARCHAR(128) NOT NULL,
  stream VARCHAR(256) NOT NULL,
  ts VARCHAR(40) NOT NULL,
  payload VARCHAR(1000000) NOT NULL,
  leaf_hash CHAR(64) NOT NULL,
  CONSTRAINT pk_events PRIMARY KEY (seq),
  CONSTRAINT ck_events_seq CHECK (seq >= 0)
);

CREATE INDEX ix_events_type ON events (type, seq);

CREATE INDEX ix_events_stream ON events (stream, seq);

-- The log's size, one row. Every append first updates this row, which serializes writers
-- on every engine (row lock on H2/PostgreSQL, the write lock on SQLite), so seq stays gapless.
CREATE TABLE log_head (
  id INTEGER NOT NULL,
  size BIGINT NOT NULL,
  CONSTRAINT pk_log_head PRIMARY KEY (id),
  CONSTRAINT ck_log_head_one_row CHECK (id = 1)
);

INSERT INTO log_head (id, size) VALUES (1, 0);
