-- V11 (H2): checkpoints, their anchors and the stored subtrees are written once, never changed.
CREATE TRIGGER merkle_nodes_no_update BEFORE UPDATE ON merkle_nodes FOR EACH ROW CALL 'io.mbp.sql.AppendOnlyGuard';
CREATE TRIGGER merkle_nodes_no_delete BEFORE DELETE ON merkle_nodes FOR EACH ROW CALL 'io.mbp.sql.AppendOnlyGuard';
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints FOR EACH ROW CALL 'io.mbp.sql.AppendOnlyGuard';
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints FOR EACH ROW CALL 'io.mbp.sql.AppendOnlyGuard';
CREATE TRIGGER anchors_no_update BEFORE UPDATE ON anchors FOR EACH ROW CALL 'io.mbp.sql.AppendOnlyGuard';
CREATE TRIGGER anchors_no_delete BEFORE DELETE ON anchors FOR EACH ROW CALL 'io.mbp.sql.AppendOnlyGuard';
