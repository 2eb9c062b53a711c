package io.mbp.evidence;

import java.util.List;

/**
 * The registry of evidence reports. Each capability adds its report here when it lands.
 */
public final class EvidenceReports {
    /** Reports the issue asks for whose capability is not in this build yet; named in every manifest. */
    public static final List<String> PENDING = List.of();

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
                new OracleRoundsReport(),
                new MarketQualityReport(),
                new GatesReport(),
                new CanaryReleaseReport(),
                new ReconStreakReport(),
                new GaReport(),
                new PlatformReport()
        );
    }
}
