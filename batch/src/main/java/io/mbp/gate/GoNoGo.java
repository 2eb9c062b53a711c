package io.mbp.gate;

import java.util.List;

/**
 * The Go/No-Go decision of roadmap §1 (docs/gates.md): the seven gates, each evaluated from evidence
 * through one {@link EvidenceSource}. Pure given the source: the same evidence gives the same answer.
 */
public final class GoNoGo {
    private GoNoGo() {
    }

    public static GateReport evaluate(EvidenceSource src) {
        return GateReport.of(List.of(
                CoreGates.formal(src),
                CoreGates.custody(src),
                CoreGates.sre(src),
                CoreGates.kycAml(src),
                LaunchGates.platform(src),
                LaunchGates.market(src),
                LaunchGates.security(src)));
    }
}
