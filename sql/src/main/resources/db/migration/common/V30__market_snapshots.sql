-- V30: snapshots of the market engine's state, so the daemon starts from a snapshot plus the log's tail.
-- A snapshot is derived data: deleting every row only makes the next start replay the whole log.
-- covers = the log size the state reflects (events 0..covers-1); last_leaf = leaf hash of event covers-1,
-- checked on load. The state JSON is split into parts of at most 500000 characters.
CREATE TABLE market_snapshots (
  covers BIGINT NOT NULL,
  part INTEGER NOT NULL,
  parts INTEGER NOT NULL,
  taken_at VARCHAR(40) NOT NULL,
  last_leaf CHAR(64) NOT NULL,
  chunk VARCHAR(1000000) NOT NULL,
  CONSTRAINT pk_market_snapshots PRIMARY KEY (covers, part)
);
