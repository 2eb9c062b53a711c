package io.mbp.evidence;

import java.util.List;

/**
 * The registry of evidence reports. Each capability adds its report here when it lands; the
 * oracle rounds, market quality, settlements, payouts and reconciliation reports come from their
 * own branches and are listed at merge.
 */
public final class EvidenceReports {
    /** Reports the issue asks for whose capability is not in this build yet; named in every manifest. */
    public static final List<String> PENDING = List.of("oracle-rounds", "market-quality");

    private EvidenceReports() {
    }

    public static List<EvidenceReport> standard() {
        return List.of(
                new EventsReport(),
                new CustodyReport(),
                new OracleReport(),
                new SettlementsReport(),
                new PayoutsReport(),
                new ReconciliationReport(),
                new PrivacyReport(),
                new ScreeningReport(),
                new AmlReport(),
                new SreDrReport(),
                new PlatformReport()
                // merge: oracle rounds, market quality reports go here
        );
    }
}
