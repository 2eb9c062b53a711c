package io.mbp.screenhooks;

import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.kyc.KycService;
import io.mbp.privacy.Vault;
import io.mbp.screening.EntityType;
import io.mbp.screening.Hit;
import io.mbp.screening.Query;
import io.mbp.screening.Screener;
import io.mbp.screening.ScreeningResult;
import io.mbp.screening.ScreeningService;
import io.mbp.sql.Database;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Screens one onboarded customer: their name and birth date are read from the vault (each read a
 * FieldDecrypted with purpose {@value #PURPOSE}), screened and logged as a ScreeningQueried (the name
 * as a keyed reference, ADR 0711), and a hit is logged as a {@link ScreeningHit}. The country is not
 * sent: onboarding does not collect nationality, and a guess would lower true hits' scores.
 */
public final class SubjectScreening {
    public static final String PURPOSE = "screening";

    /** One customer screened: the result (hits best first) and its hits as "list/entity_id score". */
    public record Outcome(String account, String subject, ScreeningResult result) {
        public boolean hit() {
            return result.hit();
        }

        public List<String> refs() {
            return refs(result.hits());
        }

        static List<String> refs(List<Hit> hits) {
            return hits.stream().map(h -> h.list() + "/" + h.entityId() + " " + h.score().toPlainString()).toList();
        }
    }

    private final Database db;
    private final Vault vault;
    private final Clock clock;
    private final String actor;
    private final ScreeningService screening;
    private final KycService kyc;
    private final BigDecimal threshold;

    public SubjectScreening(Database db, Vault vault, Clock clock, String actor) {
        this.db = db;
        this.vault = vault;
        this.clock = clock;
        this.actor = actor;
        this.screening = new ScreeningService(db, clock);
        this.kyc = new KycService(db, vault, clock);
        this.threshold = Screener.DEFAULT_THRESHOLD;
    }

    /** Whether any list is imported: without one there is nothing to screen against (and no vault read). */
    public boolean listsLoaded() {
        return !screening.status(ScreeningService.DEFAULT_MAX_AGE).isEmpty();
    }

    public ScreeningService service() {
        return screening;
    }

    /** Screens {@code account} against the lists' current versions. */
    public Outcome screen(String account, String context) {
        return screen(account, context, screening.screener());
    }

    /** Screens {@code account} against {@code against} (the current lists, or a delta's entities). */
    public Outcome screen(String account, String context, Screener against) {
        Map<String, String> clear = kyc.reveal(account, List.of("full_name", "birth_date"), actor, PURPOSE);
        String subject = kyc.account(account).subject();
        Query q = new Query(clear.get("full_name"), LocalDate.parse(clear.get("birth_date")), null, List.of(), EntityType.PERSON,
                actor);
        ScreeningResult r = screening.check(q, threshold, (dsl, normalised) -> vault.ref(dsl, "screening_name", normalised), against);
        Outcome o = new Outcome(account, subject, r);
        if (o.hit()) {
            List<String> versions = r.listVersions().entrySet().stream().map(e -> e.getKey() + "@" + e.getValue()).toList();
            ScreeningHit e = new ScreeningHit(account, subject, context, threshold.toPlainString(), versions, o.refs());
            db.inTransaction(dsl -> EventLog.appendIn(dsl, List.of(NewEvent.of(ScreeningHookEvents.TYPES, e.streamId(),
                    clock.instant(), e)).iterator()));
        }
        return o;
    }
}
