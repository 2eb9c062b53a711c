-- V11 (PostgreSQL): checkpoints, their anchors and the stored subtrees are written once, never changed.
CREATE FUNCTION custody_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP; END $$;
CREATE TRIGGER merkle_nodes_no_change BEFORE UPDATE OR DELETE ON merkle_nodes FOR EACH ROW EXECUTE FUNCTION custody_append_only();
CREATE TRIGGER checkpoints_no_change BEFORE UPDATE OR DELETE ON checkpoints FOR EACH ROW EXECUTE FUNCTION custody_append_only();
CREATE TRIGGER anchors_no_change BEFORE UPDATE OR DELETE ON anchors FOR EACH ROW EXECUTE FUNCTION custody_append_only();
