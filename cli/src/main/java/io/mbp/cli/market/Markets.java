package io.mbp.cli.market;

import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import java.time.Clock;

/** The market service the market commands call, with the log replayed. */
final class Markets {
    private Markets() {
    }

    static MarketService service(Database db, Clock clock) {
        return new MarketService(db, new MarketEngine(), clock);
    }

    static MarketService loaded(Database db, Clock clock) {
        MarketService svc = service(db, clock);
        svc.load();
        return svc;
    }
}
