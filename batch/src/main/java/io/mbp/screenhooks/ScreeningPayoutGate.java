package io.mbp.screenhooks;

import io.mbp.error.MbpException;
import io.mbp.payout.Payout;
import io.mbp.payout.PayoutGate;
import io.mbp.screening.ScreeningService;
import io.mbp.sql.Database;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Screening before every payout (ADR 0717), after the KYC gate: the payee is screened against the
 * lists' current versions once per run (per account, not per instruction) and a hit HOLDS the
 * instruction: a {@link PayoutHeld} is logged, nothing is sent, and it stays unpaid until
 * `mbp screening holds release`. A released hold is paid by the next run unless an entity it did
 * not name hits; a confirmed one stays blocked. No list imported: nothing to screen against.
 * A payee that cannot be screened (no vault) is not paid: screening fails closed.
 */
public final class ScreeningPayoutGate implements PayoutGate {
    private final PayoutGate inner;
    private final Supplier<SubjectScreening> opener;
    private final PayoutHolds holds;
    private final Map<String, PayoutHolds.Hold> known;
    private final Map<String, Object> screened = new HashMap<>(); // account -> Outcome or the failure's message
    private final boolean listsLoaded;
    private SubjectScreening screening;

    /** {@code screening} is opened on the first payee to screen (it needs the vault). */
    public ScreeningPayoutGate(PayoutGate inner, Database db, Clock clock, Supplier<SubjectScreening> screening) {
        this.inner = inner;
        this.opener = screening;
        this.holds = new PayoutHolds(db, clock);
        this.known = new HashMap<>(holds.all());
        this.listsLoaded = !new ScreeningService(db, clock).status(ScreeningService.DEFAULT_MAX_AGE).isEmpty();
    }

    @Override
    public Optional<String> refusal(Payout p, long alreadyPaid) {
        Optional<String> kyc = inner.refusal(p, alreadyPaid);
        if (kyc.isPresent()) {
            return kyc;
        }
        PayoutHolds.Hold h = known.get(p.id());
        if (h != null && PayoutHoldDecided.CONFIRMED.equals(h.state())) {
            return Optional.of("screening hit confirmed by " + h.decidedBy() + " (" + String.join(", ", h.entities()) + "): blocked");
        }
        if (h != null && PayoutHolds.HELD.equals(h.state())) {
            return Optional.of(held(h));
        }
        if (!listsLoaded) {
            return Optional.empty(); // no list to screen against
        }
        String account = p.instruction().account();
        Object o = screened.computeIfAbsent(account, this::screen);
        if (o instanceof String failure) {
            return Optional.of("not screened (" + failure + "): not paid until it is");
        }
        SubjectScreening.Outcome out = (SubjectScreening.Outcome) o;
        if (!out.hit()) {
            return Optional.empty();
        }
        if (h != null && new HashSet<>(h.entities()).containsAll(entities(out.refs()))) {
            return Optional.empty(); // released after review, and nothing new hits
        }
        PayoutHolds.Hold held = holds.hold(p.id(), account, p.amount(), "screening hit: held for review", out.refs());
        known.put(p.id(), held);
        return Optional.of(held(held));
    }

    private Object screen(String account) {
        try {
            if (screening == null) {
                screening = opener.get();
            }
            return screening.screen(account, "payout");
        } catch (MbpException e) {
            return e.getMessage();
        }
    }

    private static String held(PayoutHolds.Hold h) {
        return "held by screening since " + h.heldAt() + " (" + String.join(", ", h.hits()) + "): review with `mbp screening holds"
                + " release|confirm --payout " + h.instructionId() + "`";
    }

    private static List<String> entities(List<String> refs) {
        return refs.stream().map(r -> r.split(" ")[0]).toList();
    }
}
