package io.mbp.catalog;

import io.mbp.anchor.AnchorEvent;
import io.mbp.custody.CustodyEvent;
import io.mbp.events.EventTypes;
import io.mbp.market.MarketEvent;
import io.mbp.oracle.OracleEvent;
import io.mbp.kyc.KycEvent;
import io.mbp.payout.PayoutEvent;
import io.mbp.privacy.PrivacyEvent;
import io.mbp.recon.ReconEvent;
import io.mbp.screening.ScreeningEvent;

/** Every event family MBP Ops logs. A new engine adds its sealed family here. */
public final class EventCatalog {
    private static final EventTypes STANDARD = EventTypes.of(OracleEvent.class, MarketEvent.class,
            CustodyEvent.class, AnchorEvent.class, PayoutEvent.class, ReconEvent.class,
            PrivacyEvent.class, KycEvent.class, ScreeningEvent.class);

    private EventCatalog() {
    }

    public static EventTypes standard() {
        return STANDARD;
    }
}
