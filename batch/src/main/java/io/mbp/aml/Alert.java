package io.mbp.aml;

import java.util.List;

/** An alert as the projection holds it; {@code status} is open, in-case, closed (false positive) or escalated. */
public record Alert(String id, String key, String scenario, int scenarioVersion, String account, String subject, String businessDate,
                    String summary, List<Long> evidence, String status, String caseId, String openedAt, long openedSeq) {
    public static final String OPEN = "open";
    public static final String IN_CASE = "in-case";
    public static final String CLOSED = "closed";
    public static final String ESCALATED = "escalated";
}
