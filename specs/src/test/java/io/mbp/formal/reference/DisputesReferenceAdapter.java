package io.mbp.formal.reference;

import io.mbp.formal.SpecAdapter;
import io.mbp.formal.SpecState;
import io.mbp.formal.Tla;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps {@link DisputesReferenceModel} onto {@code disputes.tla} (constants of {@code disputes.cfg}:
 * answers yes/no, Window = ReproposeWindow = 2 ticks, Deadline = 3 ticks). The refinement mapping:
 * <ul>
 *   <li>phase: the enum's spec name; proposal: the answer or {@code "none"}; disputes: the count;
 *       escalation: why the committee was seized, lower-case;</li>
 *   <li>clock: whole ticks since the timed phase began, where a tick is window/Window inside a dispute
 *       window, re-proposal window/ReproposeWindow after a re-request, and 48 h/Deadline before the
 *       committee's deadline; 0 in untimed phases;</li>
 *   <li>finals: the list of Finalized records.</li>
 * </ul>
 * The spec's Tick is the adapter advancing its clock by one tick, allowed while it does not pass the
 * model's own deadline.
 */
public final class DisputesReferenceAdapter implements SpecAdapter {
    public static final int WINDOW_TICKS = 2;
    public static final int REPROPOSE_TICKS = 2;
    public static final int DEADLINE_TICKS = 3;
    public static final Duration WINDOW = Duration.ofHours(24);
    public static final Duration REPROPOSE_WINDOW = Duration.ofHours(12);
    public static final Duration COMMITTEE_DEADLINE = Duration.ofHours(48);

    private final DisputesReferenceModel model =
            new DisputesReferenceModel(Set.of("yes", "no"), WINDOW, REPROPOSE_WINDOW, COMMITTEE_DEADLINE);
    private Instant now;
    private DisputesReferenceModel.State state;

    @Override
    public String spec() {
        return "disputes";
    }

    @Override
    public void reset(SpecState init) {
        now = Instant.parse("2026-01-01T00:00:00Z");
        state = model.initial(now);
    }

    private Duration tick() {
        return switch (state.phase()) {
            case COMMITTEE -> COMMITTEE_DEADLINE.dividedBy(DEADLINE_TICKS);
            case RE_REQUESTED -> REPROPOSE_WINDOW.dividedBy(REPROPOSE_TICKS);
            default -> WINDOW.dividedBy(WINDOW_TICKS);
        };
    }

    private boolean canTick() {
        Instant deadline = model.deadline(state);
        return deadline != null && !now.plus(tick()).isAfter(deadline);
    }

    @Override
    public Set<String> enabledActions() {
        Set<String> a = new TreeSet<>();
        if (model.canPropose(state, now)) {
            a.add("Propose");
        }
        if (model.canReproposeTimeout(state, now)) {
            a.add("ReproposeTimeout");
        }
        if (canTick()) {
            a.add("Tick");
        }
        if (model.canDispute(state, now)) {
            a.add("Dispute");
        }
        if (model.canCloseWindow(state, now)) {
            a.add("CloseWindow");
        }
        if (model.canCommitteeDecide(state, now)) {
            a.add("CommitteeDecides");
        }
        if (model.canCommitteeTimeout(state, now)) {
            a.add("CommitteeTimeout");
        }
        return a;
    }

    @Override
    public void apply(String action, SpecState target) {
        switch (action) {
            case "Propose" -> state = model.propose(state, unquote(target.vars().get("proposal")), now);
            case "Tick" -> {
                if (!canTick()) {
                    throw new IllegalStateException("time cannot pass the model's deadline");
                }
                now = now.plus(tick());
            }
            case "Dispute" -> state = model.dispute(state, now);
            case "ReproposeTimeout" -> state = model.reproposeTimeout(state, now);
            case "CloseWindow" -> state = model.closeWindow(state, now);
            case "CommitteeDecides" -> state = model.committeeDecides(state, finalAnswer(target), now);
            case "CommitteeTimeout" -> state = model.committeeTimeout(state, now);
            default -> throw new IllegalArgumentException("the disputes spec has no action " + action);
        }
    }

    @Override
    public SpecState abstraction() {
        long ticks = 0;
        if (model.deadline(state) != null) {
            ticks = Duration.between(state.since(), now).toNanos() / tick().toNanos();
        }
        String finals = Tla.seq(state.finals().stream()
                .map(f -> Tla.record(Map.of("answer", Tla.str(f.answer()), "via", Tla.str(f.via()))))
                .toList());
        return SpecState.builder()
                .str("phase", specPhase(state.phase()))
                .str("proposal", state.proposal() == null ? "none" : state.proposal())
                .num("disputes", state.disputes())
                .str("escalation", state.escalation().name().toLowerCase(java.util.Locale.ROOT))
                .num("clock", ticks)
                .raw("finals", finals)
                .build();
    }

    private static String specPhase(DisputesReferenceModel.Phase p) {
        return switch (p) {
            case AWAITING_PROPOSAL -> "AwaitingProposal";
            case PROPOSED -> "Proposed";
            case RE_REQUESTED -> "ReRequested";
            case REPROPOSED -> "Reproposed";
            case COMMITTEE -> "Committee";
            case FINALIZED -> "Finalized";
        };
    }

    /** The committee's answer, read off the target state's Finalized record. */
    private static String finalAnswer(SpecState target) {
        String finals = target.vars().get("finals");
        int i = finals.indexOf("answer |-> \"");
        if (i < 0) {
            throw new IllegalArgumentException("target state has no Finalized answer: " + finals);
        }
        int start = i + "answer |-> \"".length();
        return finals.substring(start, finals.indexOf('"', start));
    }

    private static String unquote(String tla) {
        if (tla == null || tla.length() < 2 || !tla.startsWith("\"")) {
            throw new IllegalArgumentException("expected a TLA+ string, got " + tla);
        }
        return tla.substring(1, tla.length() - 1);
    }
}
