-- The application role's rights on an mbp schema in PostgreSQL (docs/postgres.md, ADR 0011).
-- Run as the schema's owner (the role that ran `mbp db migrate`), with search_path on the mbp schema,
-- after every migration. The role mbp_app must exist (CREATE ROLE mbp_app LOGIN PASSWORD '...').
-- mbp_app appends and reads; it can never UPDATE, DELETE or TRUNCATE the log or the seal's tables,
-- nor drop their triggers (only the owner can): rewriting history needs the owner or a superuser,
-- and then the seal names the rewritten events.
DO $$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %I TO mbp_app', current_schema()); END $$;
GRANT SELECT ON schema_version TO mbp_app;
-- Written once, never changed: the log, the seal, the oracle's and the bank's records.
GRANT SELECT, INSERT ON events, merkle_nodes, checkpoints, anchors, oracle_events, oracle_rounds,
  oracle_source_metrics, oracle_finalized, recon_statement, recon_line, recon_balance, job_instance, privacy_subjects,
  screening_list_versions, screening_rescreens TO mbp_app;
-- Rows the application moves forward: the log head (the writers' lock), job progress, source state.
-- payout_claim: payouts workers lock its rows (SELECT ... FOR UPDATE SKIP LOCKED needs UPDATE), ADR 0310.
-- screening_holds and screening_alerts: a review moves a hold or an alert on (ADR 0717, 0716).
GRANT SELECT, INSERT, UPDATE ON log_head, oracle_sources, job_execution, step_execution, privacy_secrets,
  payout_claim, screening_holds, screening_alerts TO mbp_app;
-- Leases, caches and keys the application replaces or removes: the job lock, webhook delivery claims
-- (ADR 0152), snapshots, anchor intents, and data keys (deleting one is how a subject's personal data
-- is shredded, ADR 0700).
GRANT SELECT, INSERT, UPDATE, DELETE ON job_lock, webhook_claim, market_snapshots, anchor_intents, privacy_deks TO mbp_app;
-- Projections the application rebuilds from the log or from a list file: the KYC account projection
-- (ADR 0704) and the current screening list's entities (ADR 0712).
GRANT SELECT, INSERT, UPDATE, DELETE ON kyc_accounts, kyc_projection, screening_entities TO mbp_app;
-- AML (ADR 0713-0715): scenario definitions and COAF drafts are written once; alerts and cases move forward
-- (status, assignee, decision), never deleted.
GRANT SELECT, INSERT ON aml_scenarios, aml_coaf_drafts TO mbp_app;
GRANT SELECT, INSERT, UPDATE ON aml_alerts, aml_cases TO mbp_app;
