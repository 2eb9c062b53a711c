package io.mbp.aml.scenarios;

import java.util.List;

/**
 * What a rule found: the account the alert is about, what makes this finding distinct within the
 * scenario and day (an account, a pair, a market, a key reference: the alert's idempotency key ends
 * with it), a summary for the reviewer, and the seqs of the evidence events.
 */
public record Finding(String account, String discriminator, String summary, List<Long> evidence) {
    /** Evidence lists stop here; the summary still counts every event. */
    public static final int MAX_EVIDENCE = 200;

    public Finding {
        evidence = evidence.stream().distinct().sorted().limit(MAX_EVIDENCE).toList();
    }

    static String brl(long centavos) {
        return "R$ " + (centavos / 100) + "." + String.format("%02d", Math.abs(centavos % 100));
    }
}
