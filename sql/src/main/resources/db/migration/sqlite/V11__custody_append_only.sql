-- V11 (SQLite): checkpoints, their anchors and the stored subtrees are written once, never changed.
CREATE TRIGGER merkle_nodes_no_update BEFORE UPDATE ON merkle_nodes BEGIN SELECT RAISE(ABORT, 'merkle_nodes is append-only: UPDATE refused'); END;
CREATE TRIGGER merkle_nodes_no_delete BEFORE DELETE ON merkle_nodes BEGIN SELECT RAISE(ABORT, 'merkle_nodes is append-only: DELETE refused'); END;
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints is append-only: UPDATE refused'); END;
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints is append-only: DELETE refused'); END;
CREATE TRIGGER anchors_no_update BEFORE UPDATE ON anchors BEGIN SELECT RAISE(ABORT, 'anchors is append-only: UPDATE refused'); END;
CREATE TRIGGER anchors_no_delete BEFORE DELETE ON anchors BEGIN SELECT RAISE(ABORT, 'anchors is append-only: DELETE refused'); END;
