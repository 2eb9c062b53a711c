package io.mbp.sql;

import java.util.List;

/** Every schema migration, in order. Append only: an applied migration is never edited. */
public final class Migrations {
    public static final List<Migration> ALL = List.of(
            new Migration(1, "event log", "V1__event_log.sql", true),
            new Migration(2, "append-only guard on events", "V2__append_only_guard.sql", false),
            new Migration(10, "merkle nodes, checkpoints and anchors", "V10__custody.sql", true),
            new Migration(11, "append-only guard on custody tables", "V11__custody_append_only.sql", false),
            new Migration(20, "oracle projections", "V20__oracle.sql", true),
            new Migration(30, "market engine snapshots", "V30__market_snapshots.sql", true),
            new Migration(40, "recon statements and lines", "V40__recon_statements.sql", true),
            new Migration(50, "job repository and job lock", "V50__job_repository.sql", true),
            new Migration(51, "anchor intents of the nightly anchor step", "V51__anchor_intents.sql", true),
            new Migration(60, "privacy vault: subjects, wrapped data keys, vault secrets", "V60__privacy_vault.sql", true),
            new Migration(61, "KYC account projection: state, consents, registered PIX key", "V61__kyc_accounts.sql", true),
            new Migration(63, "privacy vault cold tier: archived_at on data keys", "V63__privacy_cold_tier.sql", true),
            new Migration(66, "statement balances, entry status and reversal", "V66__statement_balances.sql", true),
            new Migration(69, "payout claims: rows workers lock to split a payouts run", "V69__payout_claims.sql", true),
            new Migration(70, "screening: entities of each list's current version", "V70__screening_entities.sql", true),
            new Migration(71, "screening: list versions", "V71__screening_list_versions.sql", true),
            new Migration(76, "AML: scenario definitions and alerts", "V76__aml_alerts.sql", true),
            new Migration(77, "AML: cases and COAF drafts", "V77__aml_cases.sql", true),
            new Migration(78, "screening hooks: payout holds, alert queue, re-screened deltas", "V78__screening_holds_alerts.sql", true),
            new Migration(80, "events: drop the unread (stream, seq) index", "V80__drop_events_stream_index.sql", true),
            new Migration(81, "events: seq is the rowid on SQLite", "V81__events_seq_is_the_rowid.sql", false),
            new Migration(82, "webhook claims: which sender sends a delivery round", "V82__webhook_claims.sql", true));

    public static int latestVersion() {
        return ALL.get(ALL.size() - 1).version();
    }

    private Migrations() {
    }
}
