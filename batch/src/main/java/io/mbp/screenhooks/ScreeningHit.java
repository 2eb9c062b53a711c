package io.mbp.screenhooks;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import java.util.List;
import java.util.Set;

/**
 * A customer's name matched list entities at or above the threshold. {@code context} says when:
 * {@code onboarding}, {@code payout} or {@code list-delta}; {@code hits} are "list/entity_id score",
 * best first; {@code list_versions} "list@version". The query itself is the ScreeningQueried beside it.
 */
@EventType("ScreeningHit")
public record ScreeningHit(String account, String subject, String context, String threshold, List<String> listVersions,
                           List<String> hits) implements ScreeningHookEvent {
    public static final Set<String> CONTEXTS = Set.of("onboarding", "payout", "list-delta");

    public ScreeningHit {
        requireText("account", account);
        requireText("subject", subject);
        if (!CONTEXTS.contains(context)) {
            throw new FieldException("context", "must be onboarding, payout or list-delta");
        }
        requireText("threshold", threshold);
        listVersions = List.copyOf(listVersions);
        hits = List.copyOf(hits);
        if (hits.isEmpty()) {
            throw new FieldException("hits", "a hit names at least one list entity");
        }
    }

    @Override
    public String streamId() {
        return account;
    }
}
