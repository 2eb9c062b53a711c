package io.mbp.aml;

/** A case as the projection holds it; {@code status} is open, closed (false positive) or escalated. */
public record Case(String id, String status, String assignee, String openedAt, String openedBy, String decision, String reason,
                   String decidedAt, String decidedBy) {
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    public static final String ESCALATED = "escalated";
}
