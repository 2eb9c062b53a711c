-- V80: drop the events table's index on (stream, seq) (ADR 0126).
-- Nothing reads it: no query filters events on stream alone (the data-subject search ORs the
-- stream with a payload LIKE, which scans anyway), and every append paid for it: each event's
-- stream lands on a different leaf of the index, so a 1,000-event append dirtied a page per
-- stream and split pages in the middle of the tree, half of the append's cost on SQLite.
DROP INDEX ix_events_stream;
