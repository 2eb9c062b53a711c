package io.mbp.screenhooks;

import io.mbp.aml.alerts.AlertDraft;
import io.mbp.aml.alerts.AlertSink;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A list delta's new hit goes to the screening review queue and, as a "sanctions-screening" alert,
 * to the AML case desk (docs/aml.md), so a true hit follows the one case and COAF workflow. The AML
 * alert is raised even when the queue already had the hit: its key is the queue's alert id, so a
 * re-screen after a crash between the two opens the missing AML alert and never a second one.
 */
public final class CaseDeskAlerts implements ScreeningAlertSink {
    /** The scenario name AML alerts from screening carry; its rule lives in the screening package. */
    public static final String SCENARIO = "sanctions-screening";
    public static final int VERSION = 1;
    private final AlertQueue queue;
    private final AlertSink caseDesk;
    private final Clock clock;

    public CaseDeskAlerts(AlertQueue queue, AlertSink caseDesk, Clock clock) {
        this.queue = queue;
        this.caseDesk = caseDesk;
        this.clock = clock;
    }

    @Override
    public boolean open(Alert a) {
        boolean opened = queue.open(a);
        String queued = AlertQueue.id(a.account(), a.list(), a.entityId());
        caseDesk.raise(new AlertDraft("screening:" + queued, SCENARIO, VERSION, a.account(), a.subject(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString(),
                "list " + a.list() + " v" + a.listVersion() + " entity " + a.entityId() + " score " + a.score() + " (screening alert "
                        + queued + ")", List.of()));
        return opened;
    }
}
