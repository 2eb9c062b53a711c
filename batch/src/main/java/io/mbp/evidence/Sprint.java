package io.mbp.evidence;

import java.util.Arrays;

/**
 * The sprint evidence bundles named by the seed, and whether a capability that feeds each one
 * exists in this build yet. A sprint without a source still gets a bundle (log, checkpoint,
 * anchors, events report) and its manifest says plainly what is missing.
 */
public enum Sprint {
    S19("S19_formal_audit", true, "formal pack (TLA+ specs checked by TLC, conformance harness): `mbp formal check`"),
    S20("S20_privacy_compliance", true, "privacy compliance: reports/privacy.txt (consents, KYC funnel, DSRs and their"
            + " deadlines, erasures, retention runs, appeals, a sample of the decryption audit), reports/screening.txt (list"
            + " versions and freshness, a sample of screening queries, hits, payout holds, alerts),"
            + " reports/aml.txt (alerts and cases by scenario version, median time to decision, COAF drafts) beside reports/payouts.txt"
            + " and reports/reconciliation.txt (payout MTTR in the payouts report)"),
    S21("S21_sre_dr", true, "resilience: reports/sre-dr.txt (DR drill reports, game days, SLO reports and rule checks"
            + " filed with `mbp chaos record`, incidents with their MTTR and P1 count; \"no evidence\" names what is absent)"),
    S22("S22_platform_public", true, "public platform: reports/platform.txt (API clients, keys and bound accounts, webhook"
            + " subscriptions and delivery attempts where their events are logged, else \"no evidence\"; quota rejections are 429"
            + " answers, not events; every signed export set with its files'"
            + " SHA-256 and signing key; every status site build with its hash)"),
    S23("S23_canary_payouts", true, "canary and payouts: reports/canary-release.txt (releases cut and anchored, canary phases,"
            + " analyses and rollbacks, by event type), reports/recon-streak.txt (14 days of D+1 reconciliation and payout MTTR),"
            + " reports/payouts.txt, reports/reconciliation.txt, and canary/ (the rollback rehearsal of `mbp canary drill`) when given"),
    S24("S24_ga_public", true, "GA: reports/gates.txt (the Go/No-Go decisions), reports/ga.txt rendered as ga/report.md and"
            + " ga/report.html (KPIs over the period), and custody-audit/ (the second custody audit's workpapers) when given");

    private final String dirName;
    private final boolean hasSource;
    private final String source;

    Sprint(String dirName, boolean hasSource, String source) {
        this.dirName = dirName;
        this.hasSource = hasSource;
        this.source = source;
    }

    public String dirName() {
        return dirName;
    }

    public boolean hasSource() {
        return hasSource;
    }

    public String source() {
        return source;
    }

    /** {@code S19} or {@code S19_formal_audit}, case-insensitive. */
    public static Sprint parse(String text) {
        for (Sprint s : values()) {
            if (s.name().equalsIgnoreCase(text) || s.dirName.equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new io.mbp.error.BadInputException("sprint " + text + ": not a sprint; one of "
                + Arrays.stream(values()).map(s -> s.name() + " (" + s.dirName + ")").toList());
    }
}
