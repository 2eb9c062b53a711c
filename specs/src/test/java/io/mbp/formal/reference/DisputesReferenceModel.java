package io.mbp.formal.reference;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * REFERENCE MODEL, not production code: a small, pure Java state machine of one oracle event's
 * dispute lifecycle, written to demonstrate the conformance harness end to end against
 * {@code specs/tla/disputes.tla} while the production engine in {@code io.mbp.oracle} is written.
 * Once that engine lands, its adapter replaces {@link DisputesReferenceAdapter} and this class can go.
 *
 * <p>Rules: a proposal opens a dispute window; the first dispute re-requests a proposal, due within
 * the re-proposal window, else the committee is seized; the second dispute escalates to the committee,
 * which has a deadline (48 h in production); past it the event resolves invalid (50/50). Every operation takes the current instant (injectable clock) and refuses with
 * {@link IllegalStateException} when the rules do not allow it. At most one final answer, ever.
 */
public final class DisputesReferenceModel {
    public static final String INVALID = "invalid";

    public enum Phase { AWAITING_PROPOSAL, PROPOSED, RE_REQUESTED, REPROPOSED, COMMITTEE, FINALIZED }

    /** The Finalized answer and how it was reached ({@code undisputed}, {@code re_proposed}, {@code committee}, {@code committee_timeout}). */
    public record Final(String answer, String via) {
    }

    /** Why the committee was seized. */
    public enum Escalation { NONE, SECOND_DISPUTE, NO_REPROPOSAL }

    /** One event's state; {@code since} is when the current phase began (window or committee clock). */
    public record State(Phase phase, String proposal, int disputes, Escalation escalation, Instant since,
                        List<Final> finals) {
        public State {
            Objects.requireNonNull(phase, "phase");
            finals = List.copyOf(finals);
        }
    }

    private final Set<String> answers;
    private final Duration window;
    private final Duration reproposeWindow;
    private final Duration committeeDeadline;

    public DisputesReferenceModel(Set<String> answers, Duration window, Duration reproposeWindow,
                                  Duration committeeDeadline) {
        this.answers = Set.copyOf(answers);
        this.window = window;
        this.reproposeWindow = reproposeWindow;
        this.committeeDeadline = committeeDeadline;
    }

    public State initial(Instant now) {
        return new State(Phase.AWAITING_PROPOSAL, null, 0, Escalation.NONE, now, List.of());
    }

    /** When the current timed phase ends (window close or committee deadline); null if the phase is not timed. */
    public Instant deadline(State s) {
        return switch (s.phase()) {
            case PROPOSED, REPROPOSED -> s.since().plus(window);
            case RE_REQUESTED -> s.since().plus(reproposeWindow);
            case COMMITTEE -> s.since().plus(committeeDeadline);
            default -> null;
        };
    }

    public boolean canPropose(State s, Instant now) {
        return s.phase() == Phase.AWAITING_PROPOSAL
                || s.phase() == Phase.RE_REQUESTED && now.isBefore(deadline(s));
    }

    public boolean canReproposeTimeout(State s, Instant now) {
        return s.phase() == Phase.RE_REQUESTED && !now.isBefore(deadline(s));
    }

    public boolean canDispute(State s, Instant now) {
        return (s.phase() == Phase.PROPOSED || s.phase() == Phase.REPROPOSED) && now.isBefore(deadline(s));
    }

    public boolean canCloseWindow(State s, Instant now) {
        return (s.phase() == Phase.PROPOSED || s.phase() == Phase.REPROPOSED) && !now.isBefore(deadline(s));
    }

    public boolean canCommitteeDecide(State s, Instant now) {
        return s.phase() == Phase.COMMITTEE && now.isBefore(deadline(s));
    }

    public boolean canCommitteeTimeout(State s, Instant now) {
        return s.phase() == Phase.COMMITTEE && !now.isBefore(deadline(s));
    }

    public State propose(State s, String answer, Instant now) {
        require(canPropose(s, now), "no proposal is expected now (phase " + s.phase() + ")");
        require(answers.contains(answer), "unknown answer \"" + answer + "\"");
        Phase next = s.phase() == Phase.AWAITING_PROPOSAL ? Phase.PROPOSED : Phase.REPROPOSED;
        return new State(next, answer, s.disputes(), s.escalation(), now, s.finals());
    }

    public State dispute(State s, Instant now) {
        require(canDispute(s, now), "no dispute window is open (phase " + s.phase() + ")");
        if (s.phase() == Phase.PROPOSED) {
            return new State(Phase.RE_REQUESTED, s.proposal(), s.disputes() + 1, s.escalation(), now, s.finals());
        }
        return new State(Phase.COMMITTEE, s.proposal(), s.disputes() + 1, Escalation.SECOND_DISPUTE, now, s.finals());
    }

    public State reproposeTimeout(State s, Instant now) {
        require(canReproposeTimeout(s, now), "the re-proposal is not overdue");
        return new State(Phase.COMMITTEE, s.proposal(), s.disputes(), Escalation.NO_REPROPOSAL, now, s.finals());
    }

    public State closeWindow(State s, Instant now) {
        require(canCloseWindow(s, now), "the dispute window is still open or there is none");
        String via = s.phase() == Phase.PROPOSED ? "undisputed" : "re_proposed";
        return finish(s, new Final(s.proposal(), via), now);
    }

    public State committeeDecides(State s, String answer, Instant now) {
        require(canCommitteeDecide(s, now), "the committee cannot decide now (phase " + s.phase() + ")");
        require(answers.contains(answer), "unknown answer \"" + answer + "\"");
        return finish(s, new Final(answer, "committee"), now);
    }

    public State committeeTimeout(State s, Instant now) {
        require(canCommitteeTimeout(s, now), "the committee deadline has not passed");
        return finish(s, new Final(INVALID, "committee_timeout"), now);
    }

    private static State finish(State s, Final f, Instant now) {
        require(s.finals().isEmpty(), "already finalized");
        return new State(Phase.FINALIZED, s.proposal(), s.disputes(), s.escalation(), now, List.of(f));
    }

    private static void require(boolean ok, String why) {
        if (!ok) {
            throw new IllegalStateException(why);
        }
    }
}
