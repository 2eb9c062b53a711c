-- V76: AML monitoring (docs/aml.md, ADR 0713, 0714). The scenario definitions first used (id, version,
-- content hash: a redefinition with other parameters is refused) and the alerts, one row per alert,
-- written in the transaction that appends the AmlScenarioRegistered / AmlAlertOpened events and moved
-- forward (status, case) with the case events. The log is the truth; these rows are its projection.
CREATE TABLE aml_scenarios (
  scenario VARCHAR(64) NOT NULL,
  version INTEGER NOT NULL,
  rule_name VARCHAR(64) NOT NULL,
  content_hash CHAR(64) NOT NULL,
  params VARCHAR(4000) NOT NULL,
  registered_at VARCHAR(40) NOT NULL,
  CONSTRAINT pk_aml_scenarios PRIMARY KEY (scenario, version)
);
CREATE TABLE aml_alerts (
  alert_id VARCHAR(40) NOT NULL,
  alert_key VARCHAR(512) NOT NULL,
  scenario VARCHAR(64) NOT NULL,
  scenario_version INTEGER NOT NULL,
  account VARCHAR(256) NOT NULL,
  subject VARCHAR(40),
  business_date VARCHAR(10) NOT NULL,
  summary VARCHAR(2000) NOT NULL,
  evidence VARCHAR(4000) NOT NULL,
  status VARCHAR(16) NOT NULL,
  case_id VARCHAR(40),
  opened_at VARCHAR(40) NOT NULL,
  opened_seq BIGINT NOT NULL,
  CONSTRAINT pk_aml_alerts PRIMARY KEY (alert_id),
  CONSTRAINT uq_aml_alerts_key UNIQUE (alert_key)
);
CREATE INDEX ix_aml_alerts_date ON aml_alerts (business_date);
