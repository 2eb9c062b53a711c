package io.mbp.dsr;

import io.mbp.error.BadInputException;
import io.mbp.error.UsageException;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.kyc.KycService;
import io.mbp.privacy.Vault;
import io.mbp.privacy.retention.ErasureScheduled;
import io.mbp.privacy.retention.Relationship;
import io.mbp.privacy.retention.RetentionPolicy;
import io.mbp.privacy.retention.RetentionService;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jooq.DSLContext;

/**
 * Data-subject requests (LGPD art. 18; ADR 0705). Each request is a {@link DsrRequested} (when it
 * arrived, when it is due) and its answer a {@link DsrAnswered}, so the SLA of art. 19 is answerable
 * from the log. An export decrypts every field through the vault with purpose {@value #PURPOSE}
 * (each read a FieldDecrypted). An erasure crypto-shreds at once unless the AML/KYC retention
 * applies; then the subject goes cold and the erasure is scheduled with its legal basis.
 */
public final class DsrService {
    public static final String PURPOSE = "dsr";
    public static final int DEFAULT_SLA_DAYS = 15;
    public static final int MAX_SLA_DAYS = 30;
    private static final Logger LOG = LogManager.getLogger(DsrService.class);

    /** What a data subject asked for. */
    public enum Kind {
        EXPORT, ERASE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Optional<Kind> of(String code) {
            for (Kind k : values()) {
                if (k.code().equals(code)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** A request, answered or not. */
    public record Request(String id, String account, String subject, String kind, String receivedAt, String due, String answeredAt,
            String outcome) {
        public boolean open() {
            return answeredAt == null;
        }
    }

    /** The answer to an erasure request: erased now, or scheduled for {@code due} because of {@code basis}. */
    public record Erasure(String request, String account, String subject, String outcome, String due, String basis,
            String relationshipEnded) {
    }

    private final Database db;
    private final Vault vault;
    private final Clock clock;
    private final RetentionPolicy policy;

    public DsrService(Database db, Vault vault, Clock clock, RetentionPolicy policy) {
        this.db = db;
        this.vault = vault;
        this.clock = clock;
        this.policy = policy;
    }

    /** The SLA in days, checked: LGPD art. 19 gives 15 days; the roadmap allows up to 30. */
    public static int slaDays(int days) {
        if (days < 1 || days > MAX_SLA_DAYS) {
            throw new UsageException("--sla-days must be between 1 and " + MAX_SLA_DAYS + " (LGPD art. 19: 15 days by default)");
        }
        return days;
    }

    /** Logs a request received at {@code received} (e.g. by e-mail to the DPO), to be answered later. */
    public Request request(String account, Kind kind, Instant received, int slaDays, String actor) {
        return db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            DsrRequested r = open(dsl, account, kind, received, slaDays, actor);
            return new Request(r.request(), account, r.subject(), kind.code(), r.receivedAt(), r.due(), null, null);
        });
    }

    /**
     * Answers an access request: builds the export (every field decrypted and audited), hands it to
     * {@code sink} (which writes the file) and logs the answer, all in one transaction: if the file
     * cannot be written, neither the reads nor the answer are logged.
     */
    public SubjectExport export(String account, Optional<String> requestId, Instant received, int slaDays, String actor,
            Consumer<SubjectExport> sink) {
        return db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            DsrRequested r = requestFor(dsl, account, Kind.EXPORT, requestId, received, slaDays, actor);
            SubjectExport x = ExportBuilder.build(dsl, vault, policy, r.request(), account, r.receivedAt(), clock.instant(), actor);
            sink.accept(x);
            answer(dsl, r, "erased".equals(x.state()) ? "exported-erased" : "exported", actor, null);
            return x;
        });
    }

    /** Answers an erasure request: shred now when no legal retention runs, else archive and schedule. */
    public Erasure erase(String account, Optional<String> requestId, Instant received, int slaDays, String actor) {
        Instant now = clock.instant();
        Erasure done = db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            DsrRequested r = requestFor(dsl, account, Kind.ERASE, requestId, received, slaDays, actor);
            String subject = r.subject();
            RetentionPolicy.Standing st = policy.standing(Relationship.of(dsl, account, subject));
            String ended = Timestamps.format(st.relationship().ended());
            if (!vault.readable(dsl, subject)) {
                answer(dsl, r, "already-erased", actor, null);
                return new Erasure(r.request(), account, subject, "already-erased", null, null, ended);
            }
            Optional<Instant> keep = st.retainedAt(now);
            if (keep.isEmpty()) {
                vault.destroy(dsl, subject, "erasure request " + r.request(), actor);
                answer(dsl, r, "erased", actor, null);
                return new Erasure(r.request(), account, subject, "erased", null, null, ended);
            }
            String due = Timestamps.format(keep.get());
            vault.archive(dsl, subject, account, "erasure request " + r.request() + " waiting for a legal retention", due);
            RetentionService.append(dsl, new ErasureScheduled(subject, account, r.request(), due, RetentionPolicy.AML_BASIS, ended), now);
            answer(dsl, r, "erasure-scheduled", actor, "kept until " + due + ": " + RetentionPolicy.AML_BASIS);
            return new Erasure(r.request(), account, subject, "erasure-scheduled", due, RetentionPolicy.AML_BASIS, ended);
        });
        LOG.info("erasure request {} for {}: {}", done.request(), done.account(), done.outcome());
        return done;
    }

    /** Every request, oldest first, with its answer if any. */
    public List<Request> requests() {
        return db.read(dsl -> {
            Map<String, Request> out = new LinkedHashMap<>();
            EventLog.forEachOfTypes(dsl, List.of("DsrRequested", "DsrAnswered"), (Event e) -> {
                Object p = DsrEvents.TYPES.decode(e.type(), e.payload());
                if (p instanceof DsrRequested q) {
                    out.put(q.request(), new Request(q.request(), q.account(), q.subject(), q.kind(), q.receivedAt(), q.due(), null, null));
                } else if (p instanceof DsrAnswered a && out.containsKey(a.request())) {
                    Request q = out.get(a.request());
                    out.put(q.id(), new Request(q.id(), q.account(), q.subject(), q.kind(), q.receivedAt(), q.due(), e.ts(), a.outcome()));
                }
            });
            return new ArrayList<>(out.values());
        });
    }

    /** The scheduled erasures still waiting (the subject's key exists), by subject. */
    public List<ErasureScheduled> scheduledErasures() {
        return db.read(dsl -> RetentionService.scheduled(dsl).values().stream().filter(e -> vault.readable(dsl, e.subject()))
                .sorted(java.util.Comparator.comparing(ErasureScheduled::due)).toList());
    }

    private DsrRequested requestFor(DSLContext dsl, String account, Kind kind, Optional<String> id, Instant received, int slaDays,
            String actor) {
        if (id.isEmpty()) {
            return open(dsl, account, kind, received, slaDays, actor);
        }
        DsrRequested found = null;
        boolean answered = false;
        for (Event e : EventLog.mentioning(dsl, List.of(), List.of("\"request\":\"" + id.get() + "\""))) {
            Object p = DsrEvents.TYPES.isKnown(e.type()) ? DsrEvents.TYPES.decode(e.type(), e.payload()) : null;
            if (p instanceof DsrRequested q && q.request().equals(id.get())) {
                found = q;
            } else if (p instanceof DsrAnswered a && a.request().equals(id.get())) {
                answered = true;
            }
        }
        if (found == null || !found.account().equals(account) || !found.kind().equals(kind.code())) {
            throw new BadInputException("--request " + id.get() + ": no " + kind.code() + " request of account " + account);
        }
        if (answered) {
            throw new BadInputException("--request " + id.get() + " was answered already (see `mbp privacy dsr list --all`)");
        }
        return found;
    }

    private DsrRequested open(DSLContext dsl, String account, Kind kind, Instant received, int slaDays, String actor) {
        if (received.isAfter(clock.instant())) {
            throw new BadInputException("--received " + Timestamps.format(received) + " is in the future");
        }
        String subject = KycService.account(dsl, account).subject();
        // The log's next seq names the request: unique, and the same on every replay.
        String id = "dsr-" + EventLog.size(dsl);
        DsrRequested r = new DsrRequested(id, account, subject, kind.code(), Timestamps.format(received),
                Timestamps.format(received.plus(Duration.ofDays(slaDays(slaDays)))), actor);
        append(dsl, r);
        return r;
    }

    private void answer(DSLContext dsl, DsrRequested r, String outcome, String actor, String note) {
        append(dsl, new DsrAnswered(r.request(), r.account(), r.subject(), r.kind(), outcome, actor, note));
    }

    private void append(DSLContext dsl, DsrEvent e) {
        EventLog.appendIn(dsl, List.of(NewEvent.of(DsrEvents.TYPES, e.streamId(), clock.instant(), e)).iterator());
    }
}
