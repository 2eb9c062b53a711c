-- V40: imported D+1 statements and their lines, for reconciliation (io.mbp.recon).
-- The import itself is a StatementImported event (with the file's SHA-256); these rows are the
-- lines it brought, written in the same transaction, so a re-run of recon reads the same input.

-- One row per imported statement file; statement_id is the lowercase hex SHA-256 of the file,
-- so importing the same file again is detected before anything is written.
CREATE TABLE recon_statement (
  statement_id CHAR(64) NOT NULL,
  account VARCHAR(64) NOT NULL,
  booking_date CHAR(10) NOT NULL,
  file_format VARCHAR(16) NOT NULL,
  line_count BIGINT NOT NULL,
  imported_seq BIGINT NOT NULL,
  CONSTRAINT pk_recon_statement PRIMARY KEY (statement_id)
);

CREATE INDEX ix_recon_statement_date ON recon_statement (account, booking_date, imported_seq);

-- One row per statement line; amounts are positive integer centavos, direction C or D.
CREATE TABLE recon_line (
  statement_id CHAR(64) NOT NULL,
  line_no BIGINT NOT NULL,
  line_id VARCHAR(64) NOT NULL,
  account VARCHAR(64) NOT NULL,
  booking_date CHAR(10) NOT NULL,
  value_date CHAR(10) NOT NULL,
  direction CHAR(1) NOT NULL,
  amount BIGINT NOT NULL,
  e2eid VARCHAR(64) NOT NULL,
  reference_id VARCHAR(128) NOT NULL,
  counterparty VARCHAR(128) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  CONSTRAINT pk_recon_line PRIMARY KEY (statement_id, line_no),
  CONSTRAINT ck_recon_line_amount CHECK (amount > 0)
);
