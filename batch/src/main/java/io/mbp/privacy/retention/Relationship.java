package io.mbp.privacy.retention;

import io.mbp.error.BadInputException;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.Timestamps;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/**
 * An account's relationship with us, from the log (ADR 0705). Activity = every event naming the
 * account (its stream, or {@code "account":"A"} in the payload) except those on the subject's own
 * stream, where the vault, DSRs, retention and appeals keep their bookkeeping. The relationship
 * <em>began</em> when the account was verified or anything but KYC happened on it (a deposit, an
 * order, a withdrawal); it <em>ended</em> at its last activity. There is no account-closure event
 * yet, so any later activity moves the end forward, and a scheduled erasure is re-checked when due.
 */
public record Relationship(String account, String subject, boolean began, Instant ended, long lastSeq, long events) {

    public static Relationship of(DSLContext dsl, String account, String subject) {
        boolean began = false;
        Event last = null;
        long n = 0;
        for (Event e : EventLog.mentioning(dsl, List.of(account), List.of("\"account\":\"" + account + "\""))) {
            if (e.stream().equals(subject)) {
                continue;
            }
            n++;
            last = e;
            boolean kyc = "KycSubmitted".equals(e.type()) || "KycStatusChanged".equals(e.type());
            // The KYC family's own names: this package sits below io.mbp.kyc and must not import it.
            if (!kyc || "KycStatusChanged".equals(e.type()) && e.payload().contains("\"to\":\"verified\"")) {
                began = true;
            }
        }
        if (last == null) {
            throw new BadInputException("account " + account + " has no activity in the log");
        }
        return new Relationship(account, subject, began, Timestamps.parse("ts", last.ts()), last.seq(), n);
    }
}
