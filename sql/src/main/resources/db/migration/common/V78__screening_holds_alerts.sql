-- V78: screening of our own customers (issue 13, ADR 0716, 0717). Projections of the events that
-- the same transaction appends (the log is the truth): screening_holds mirrors PayoutHeld and
-- PayoutHoldDecided (one row per held instruction: held, released or confirmed), screening_alerts
-- mirrors ScreeningAlertOpened (the review queue of hits a list delta found, one row per account and
-- list entity, so the same hit never opens a second alert), and screening_rescreens records which
-- list versions' deltas every customer was screened against (a version missing here is re-screened
-- by `mbp screening rescreen`). No names: accounts, subjects and list entity refs only.
CREATE TABLE screening_holds (
  instruction_id VARCHAR(200) NOT NULL,
  account VARCHAR(200) NOT NULL,
  amount BIGINT NOT NULL,
  state VARCHAR(16) NOT NULL,
  reason VARCHAR(1024) NOT NULL,
  hits VARCHAR(8000) NOT NULL,
  held_at VARCHAR(40) NOT NULL,
  decided_by VARCHAR(256),
  decided_at VARCHAR(40),
  decision_reason VARCHAR(1024),
  CONSTRAINT pk_screening_holds PRIMARY KEY (instruction_id)
);
CREATE TABLE screening_alerts (
  alert_id VARCHAR(64) NOT NULL,
  account VARCHAR(200) NOT NULL,
  subject VARCHAR(64) NOT NULL,
  list_id VARCHAR(64) NOT NULL,
  list_version INTEGER NOT NULL,
  entity_id VARCHAR(128) NOT NULL,
  score VARCHAR(16) NOT NULL,
  state VARCHAR(16) NOT NULL,
  opened_at VARCHAR(40) NOT NULL,
  CONSTRAINT pk_screening_alerts PRIMARY KEY (alert_id),
  CONSTRAINT uq_screening_alerts UNIQUE (account, list_id, entity_id)
);
CREATE TABLE screening_rescreens (
  list_id VARCHAR(64) NOT NULL,
  list_version INTEGER NOT NULL,
  customers INTEGER NOT NULL,
  alerts INTEGER NOT NULL,
  done_at VARCHAR(40) NOT NULL,
  CONSTRAINT pk_screening_rescreens PRIMARY KEY (list_id, list_version)
);
