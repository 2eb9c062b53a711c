-- V20: the oracle's projections. Every row here is derived from oracle events in the log and
-- written in the same transaction as those events; the log stays the source of truth.

-- The oracle event registry (what is being resolved).
CREATE TABLE oracle_events (
  event_id VARCHAR(128) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  title VARCHAR(512),
  min_answer VARCHAR(64),
  max_answer VARCHAR(64),
  outcomes VARCHAR(4000),
  resolves_at VARCHAR(40) NOT NULL,
  staleness_seconds BIGINT NOT NULL,
  dispute_window_seconds BIGINT NOT NULL,
  panel VARCHAR(4000),
  registered_seq BIGINT NOT NULL,
  CONSTRAINT pk_oracle_events PRIMARY KEY (event_id)
);

-- Reporting sources and their current reputation weight.
CREATE TABLE oracle_sources (
  source_id VARCHAR(128) NOT NULL,
  name VARCHAR(256) NOT NULL,
  weight_bps BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  CONSTRAINT pk_oracle_sources PRIMARY KEY (source_id),
  CONSTRAINT ck_oracle_sources_weight CHECK (weight_bps >= 1 AND weight_bps <= 10000)
);

-- One row per aggregation round.
CREATE TABLE oracle_rounds (
  event_id VARCHAR(128) NOT NULL,
  round_at VARCHAR(40) NOT NULL,
  mode VARCHAR(16) NOT NULL,
  status VARCHAR(16) NOT NULL,
  answer VARCHAR(128),
  fallback_answer VARCHAR(128),
  fresh_sources INTEGER NOT NULL,
  counted_weight_bps BIGINT NOT NULL,
  panel_weight_bps BIGINT NOT NULL,
  agree_weight_bps BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  CONSTRAINT pk_oracle_rounds PRIMARY KEY (event_id, round_at)
);

-- Per source per round: staleness (age of its latest report) and divergence from the answer.
CREATE TABLE oracle_source_metrics (
  event_id VARCHAR(128) NOT NULL,
  round_at VARCHAR(40) NOT NULL,
  source_id VARCHAR(128) NOT NULL,
  status VARCHAR(16) NOT NULL,
  age_seconds BIGINT,
  reported VARCHAR(128),
  deviation_bps BIGINT,
  CONSTRAINT pk_oracle_source_metrics PRIMARY KEY (event_id, round_at, source_id)
);

-- I3: at most one Finalized per oracle event, ever. The primary key refuses a second row, so a
-- second Finalized cannot commit even if the code that decides it were wrong.
CREATE TABLE oracle_finalized (
  event_id VARCHAR(128) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  answer VARCHAR(128),
  invalid INTEGER NOT NULL,
  via VARCHAR(32) NOT NULL,
  finalized_at VARCHAR(40) NOT NULL,
  seq BIGINT NOT NULL,
  CONSTRAINT pk_oracle_finalized PRIMARY KEY (event_id),
  CONSTRAINT ck_oracle_finalized_invalid CHECK (invalid IN (0, 1))
);
