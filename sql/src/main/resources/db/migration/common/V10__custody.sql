-- V10: Merkle checkpoints and their chain anchors (custody pack, docs/custody.md).

-- Complete, aligned subtree hashes of the event log's Merkle tree (RFC 9162), levels >= 1
-- (level 0 is events.leaf_hash). Node (lvl, idx) covers seq [idx * 2^lvl, (idx + 1) * 2^lvl);
-- first_seq is that range's start, so the nodes inside a seq range come back in one query.
-- Written by seal once the node is complete, never changed: any proof is O(log n) reads.
CREATE TABLE merkle_nodes (
  lvl INTEGER NOT NULL,
  idx BIGINT NOT NULL,
  first_seq BIGINT NOT NULL,
  hash CHAR(64) NOT NULL,
  CONSTRAINT pk_merkle_nodes PRIMARY KEY (lvl, idx)
);

CREATE INDEX ix_merkle_nodes_first ON merkle_nodes (first_seq);

-- One row per sealed checkpoint: the C2SP signed note exactly as signed, and the consistency
-- proof from the previous checkpoint (hex hashes, comma-separated) that seal verified.
CREATE TABLE checkpoints (
  id BIGINT NOT NULL,
  tree_size BIGINT NOT NULL,
  root_hash CHAR(64) NOT NULL,
  origin VARCHAR(256) NOT NULL,
  key_name VARCHAR(256) NOT NULL,
  key_id CHAR(8) NOT NULL,
  note VARCHAR(4000) NOT NULL,
  previous_size BIGINT,
  consistency_proof VARCHAR(8000),
  created_at VARCHAR(40) NOT NULL,
  CONSTRAINT pk_checkpoints PRIMARY KEY (id)
);

CREATE INDEX ix_checkpoints_size ON checkpoints (tree_size);

-- A checkpoint written to a public chain: which chain, which transaction, where it landed.
CREATE TABLE anchors (
  id BIGINT NOT NULL,
  checkpoint_id BIGINT NOT NULL,
  chain_id BIGINT NOT NULL,
  tx_hash CHAR(66) NOT NULL,
  from_address VARCHAR(42) NOT NULL,
  block_number BIGINT NOT NULL,
  block_hash CHAR(66) NOT NULL,
  confirmations BIGINT NOT NULL,
  published_at VARCHAR(40) NOT NULL,
  CONSTRAINT pk_anchors PRIMARY KEY (id),
  CONSTRAINT fk_anchors_checkpoint FOREIGN KEY (checkpoint_id) REFERENCES checkpoints (id)
);

CREATE INDEX ix_anchors_checkpoint ON anchors (checkpoint_id);
