-- V51: anchor transactions the nightly anchor step has sent but not yet recorded (docs/runbooks/nightly.md).
-- Written right after the transaction is sent, so a run killed while waiting for confirmations
-- finishes that same transaction on re-run instead of sending a second one. Operational state,
-- not business state: the anchor itself is recorded in anchors and logged as AnchorPublished.
CREATE TABLE anchor_intents (
  checkpoint_id BIGINT NOT NULL,
  chain_id BIGINT NOT NULL,
  tx_hash CHAR(66) NOT NULL,
  from_address VARCHAR(42) NOT NULL,
  sent_at VARCHAR(40) NOT NULL,
  CONSTRAINT pk_anchor_intents PRIMARY KEY (checkpoint_id, chain_id)
);
