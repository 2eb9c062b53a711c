-- V69: payout claims (issue 18, ADR 0310). One row per payout instruction a run has worked. On
-- PostgreSQL a worker locks the rows of the instructions it sends with SELECT ... FOR UPDATE SKIP
-- LOCKED, so a second worker on another machine skips them and takes others; the lock is the claim
-- (released by a commit, or by the server when the worker's session dies). worker and claimed_at
-- say who last claimed the row, for operators. H2 and SQLite do not use the table: there one worker
-- runs at a time.
CREATE TABLE payout_claim (
  instruction_id VARCHAR(200) NOT NULL,
  worker VARCHAR(200),
  claimed_at VARCHAR(40),
  CONSTRAINT pk_payout_claim PRIMARY KEY (instruction_id)
);
