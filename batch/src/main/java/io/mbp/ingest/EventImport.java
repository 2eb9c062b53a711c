package io.mbp.ingest;

import io.mbp.anchor.AnchorEvent;
import io.mbp.custody.CustodyEvent;
import io.mbp.error.BadInputException;
import io.mbp.events.AppendResult;
import io.mbp.events.EventFileReader;
import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.events.EventTypes;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.market.Invariants;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketEvent;
import io.mbp.market.MarketRejected;
import io.mbp.market.MarketService;
import io.mbp.market.MarketState;
import io.mbp.market.WithdrawalRequested;
import io.mbp.kyc.KycAccounts;
import io.mbp.payout.PayeeIntake;
import io.mbp.privacy.Vault;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import io.mbp.oracle.OracleEvent;
import io.mbp.payout.PayoutEvent;
import io.mbp.recon.ReconEvent;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The one path raw NDJSON takes into the log ({@code mbp events append}). Under the log's writer
 * lock it rebuilds the market state at the head of the log, then admits each line the way the
 * engine would have decided it ({@link MarketEngine#admit}) and evolves it, so the file can only
 * append a history the daemon can load. Families only their own commands may write (oracle,
 * custody, anchor, payout, reconciliation, and the market's halts and settlements) are refused,
 * naming the command. The first refusal aborts the transaction: nothing of the file is kept.
 * See docs/adr/0006-raw-appends-go-through-decide.md.
 */
public final class EventImport {
    private final Database db;
    private final EventTypes types;
    private final MarketEngine engine;

    private final Supplier<Vault> vault;

    /** {@code vault} is opened on the first clear PIX key of the file, if any (ADR 0703). */
    public EventImport(Database db, EventTypes types, MarketEngine engine, Supplier<Vault> vault) {
        this.db = db;
        this.types = types;
        this.engine = engine;
        this.vault = vault;
    }

    /** Appends what {@code reader} yields, admitted line by line; refusals throw {@link BadInputException}. */
    public AppendResult append(EventFileReader reader, String source) {
        return db.inTransaction(dsl -> {
            long size = EventLog.appendIn(dsl, java.util.Collections.emptyIterator()).logSize(); // lock + head check
            MarketState state = new MarketService(db, engine, Clock.systemUTC()).stateIn(dsl, size);
            Set<String> before = new HashSet<>();
            Invariants.check(state).forEach(v -> before.add(v.toString()));
            KycAccounts.catchUp(dsl);
            Admitting admitting = new Admitting(dsl, reader, source, state, size);
            AppendResult r = EventLog.appendIn(dsl, admitting);
            if (!admitting.encryptedFor.isEmpty()) {
                // after the file's events: appending inside the iterator would interleave two appends
                for (String subject : admitting.encryptedFor) {
                    admitting.intake.vault().recordEncrypted(dsl, subject, List.of("pix_key"), "withdrawal import");
                }
                long head = EventLog.size(dsl);
                r = new AppendResult(r.appended() + admitting.encryptedFor.size(), r.firstSeq(), head - 1, head);
            }
            // Backstop, once per file: decide refused each line that breaks a rule, so the
            // state-wide invariants must agree; a log already in breach is reported by market check.
            for (Invariants.Violation v : Invariants.check(state)) {
                if (!before.contains(v.toString())) {
                    throw new BadInputException(source + ": the file as a whole would leave the log violating " + v
                            + " (nothing was appended)");
                }
            }
            return r;
        });
    }

    /** Yields the reader's events, each admitted against and then evolved into {@code state}. */
    private final class Admitting implements Iterator<NewEvent> {
        private final DSLContext dsl;
        private final EventFileReader reader;
        private final String source;
        private final MarketState state;
        private final Set<String> encryptedFor = new java.util.LinkedHashSet<>();
        private PayeeIntake intake;
        private long seq;

        Admitting(DSLContext dsl, EventFileReader reader, String source, MarketState state, long seq) {
            this.dsl = dsl;
            this.reader = reader;
            this.source = source;
            this.state = state;
            this.seq = seq;
        }

        @Override
        public boolean hasNext() {
            return reader.hasNext();
        }

        @Override
        public NewEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            NewEvent e = reader.next();
            EventPayload p = types.decode(e.type(), e.payload());
            if (p instanceof WithdrawalRequested w && w.payee().isLegacy()) {
                w = pseudonymised(w);
                e = NewEvent.of(types, e.stream(), Timestamps.parse("ts", e.ts()), w);
                p = w;
            }
            if (!(p instanceof MarketEvent m)) {
                throw refused(null, e.type() + " is written only by " + writerOf(p) + "; raw appends of it are refused");
            }
            Instant ts = Timestamps.parse("ts", e.ts());
            try {
                engine.admit(state, m, ts);
            } catch (MarketRejected r) {
                throw refused(r.field(), r.getMessage());
            }
            int known = state.stepViolations().size();
            engine.evolve(state, m, ts, seq);
            List<String> after = state.stepViolations();
            if (after.size() > known) {
                throw refused(null, "would break invariant " + after.get(known));
            }
            seq++;
            return e;
        }

        /** The withdrawal with its clear key turned into a reference (and a ciphertext if not the registered key). */
        private WithdrawalRequested pseudonymised(WithdrawalRequested w) {
            if (intake == null) {
                try {
                    intake = new PayeeIntake(vault.get());
                } catch (io.mbp.error.MbpException x) {
                    throw refused("pix_key", "a clear PIX key is kept only as a vault reference, and the vault is not"
                            + " available: " + x.getMessage());
                }
            }
            PayeeIntake.Intake in;
            try {
                in = intake.of(dsl, w.account(), w.pixKey());
            } catch (BadInputException x) {
                throw refused("pix_key", x.getMessage());
            }
            in.encryptedFor().ifPresent(encryptedFor::add);
            return new WithdrawalRequested(w.withdrawalId(), w.account(), w.amount(), in.payee(), w.idempotencyKey(),
                    w.requestHash());
        }

        private BadInputException refused(String field, String why) {
            String where = field == null ? "" : ": field " + (field.equals("type") ? "type" : "payload." + field);
            return new BadInputException(source + ": line " + reader.linesRead() + where + ": " + why + " (nothing was appended)");
        }
    }

    /** The command that writes events of {@code p}'s family (for the refusal's message). */
    static String writerOf(EventPayload p) {
        if (p instanceof OracleEvent) {
            return "the oracle (mbp oracle source|committee|event add, ingest, aggregate, finalize, dispute)";
        } else if (p instanceof CustodyEvent) {
            return "mbp keys init|rotate and mbp seal";
        } else if (p instanceof AnchorEvent) {
            return "mbp anchor publish";
        } else if (p instanceof PayoutEvent) {
            return "mbp payouts run|retry";
        } else if (p instanceof ReconEvent) {
            return "mbp recon d1 and mbp recon exceptions resolve";
        } else if (p instanceof io.mbp.incident.IncidentEvent) {
            return "mbp incident open|update|resolve";
        } else if (p instanceof io.mbp.chaos.ChaosEvent) {
            return "mbp chaos run|record";
        } else if (p instanceof io.mbp.webhooks.WebhookEvent) {
            return "POST /v2/webhooks and mbp webhooks deliver|replay";
        }
        return "its own engine";
    }
}
