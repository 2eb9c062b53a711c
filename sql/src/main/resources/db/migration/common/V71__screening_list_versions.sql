-- V71: every imported version of every screening list (docs/screening.md): where it came from, the
-- SHA-256 of its file(s), how many entities, when. Mirrors the ScreeningListImported events so
-- `mbp screening lists status` and the freshness gate read one small table instead of the log.
CREATE TABLE screening_list_versions (
  list_id VARCHAR(64) NOT NULL,
  list_version INTEGER NOT NULL,
  format VARCHAR(16) NOT NULL,
  source VARCHAR(1024) NOT NULL,
  file_hash CHAR(64) NOT NULL,
  entity_count INTEGER NOT NULL,
  added INTEGER NOT NULL,
  removed INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  imported_at VARCHAR(40) NOT NULL,
  CONSTRAINT pk_screening_list_versions PRIMARY KEY (list_id, list_version)
);
