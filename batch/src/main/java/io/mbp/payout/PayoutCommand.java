package io.mbp.payout;

import java.util.List;

/** What a payout service asks {@link PayoutEngine#decide}; each answer is events or a refusal. */
public sealed interface PayoutCommand {
    /** Instruct what origins owe: the candidates whose source has no instruction yet become PayoutInstructed. */
    record InstructDue(List<PayoutInstructed> candidates) implements PayoutCommand {
        public InstructDue {
            candidates = List.copyOf(candidates);
        }
    }

    /** Start the next attempt of an instruction (first send, automatic retry, send after an operator's retry). */
    record StartAttempt(String instructionId) implements PayoutCommand {
    }

    /** Record the rail's answer to the current attempt. */
    record RecordRailResult(String instructionId, RailResult result, RetryPolicy policy) implements PayoutCommand {
    }

    /** An operator asks for another try of a failed or parked payout. */
    record OperatorRetry(String instructionId, String by) implements PayoutCommand {
    }

    /** A devolução the PSP reports; one for an unknown or unpaid instruction is ignored. */
    record RecordReturn(PixRail.RailReturn railReturn) implements PayoutCommand {
    }
}
