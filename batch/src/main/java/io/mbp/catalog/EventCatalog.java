package io.mbp.catalog;

import io.mbp.aml.AmlEvent;
import io.mbp.apiclient.ApiClientEvent;
import io.mbp.anchor.AnchorEvent;
import io.mbp.chaos.ChaosEvent;
import io.mbp.incident.IncidentEvent;
import io.mbp.custody.CustodyEvent;
import io.mbp.exports.PublicationEvent;
import io.mbp.events.EventTypes;
import io.mbp.gate.GateEvent;
import io.mbp.market.MarketEvent;
import io.mbp.oracle.OracleEvent;
import io.mbp.kyc.KycEvent;
import io.mbp.payout.PayoutEvent;
import io.mbp.privacy.PrivacyEvent;
import io.mbp.privacy.retention.RetentionEvent;
import io.mbp.dsr.DsrEvent;
import io.mbp.appeals.AppealEvent;
import io.mbp.recon.ReconEvent;
import io.mbp.release.ReleaseEvent;
import io.mbp.screening.ScreeningEvent;
import io.mbp.screenhooks.ScreeningHookEvent;
import io.mbp.webhooks.WebhookEvent;

/** Every event family MBP Ops logs. A new engine adds its sealed family here. */
public final class EventCatalog {
    private static final EventTypes STANDARD = EventTypes.of(OracleEvent.class, MarketEvent.class,
            CustodyEvent.class, AnchorEvent.class, PayoutEvent.class, ReconEvent.class,
            PrivacyEvent.class, KycEvent.class, RetentionEvent.class, DsrEvent.class, AppealEvent.class,
            ScreeningEvent.class, ScreeningHookEvent.class, AmlEvent.class, IncidentEvent.class, ChaosEvent.class,
            io.mbp.canary.CanaryEvent.class,
            ReleaseEvent.class,
            GateEvent.class,
            ApiClientEvent.class, WebhookEvent.class,
            PublicationEvent.class);

    private EventCatalog() {
    }

    public static EventTypes standard() {
        return STANDARD;
    }
}
