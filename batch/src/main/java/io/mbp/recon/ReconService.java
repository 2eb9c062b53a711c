package io.mbp.recon;

import io.mbp.statement.BalanceType;
import io.mbp.statement.EntryStatus;
import io.mbp.statement.Statement;
import io.mbp.statement.StatementBalance;
import io.mbp.statement.StatementFormat;
import io.mbp.statement.StatementLine;
import static io.mbp.sql.schema.Tables.RECON_BALANCE;
import static io.mbp.sql.schema.Tables.RECON_LINE;
import static io.mbp.sql.schema.Tables.RECON_STATEMENT;

import io.mbp.error.BadInputException;
import io.mbp.events.AppendResult;
import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.events.EventTypes;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.input.BoundedInput;
import io.mbp.input.InputLimits;
import io.mbp.input.StrictText;
import io.mbp.payout.PayoutEvent;
import io.mbp.payout.PayoutService;
import io.mbp.sql.Database;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jooq.Record;

/**
 * D+1 reconciliation: imports statements, builds the expected movements of a date from the log
 * (deposits, confirmed payouts and their fees, devoluções, corrections), runs the {@link Matcher},
 * and logs what it decides. Re-running a date with nothing new appends nothing.
 */
public final class ReconService {
    private static final Logger LOG = LogManager.getLogger(ReconService.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final Set<String> RECON_TYPES = java.util.Arrays.stream(ReconEvent.class.getPermittedSubclasses())
            .map(c -> c.getAnnotation(io.mbp.events.EventType.class).value())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final Database db;
    private final Clock clock;
    /** Recon appends its own family and folds payout and market (deposit) events. */
    private final EventTypes types = EventTypes.of(ReconEvent.class, io.mbp.payout.PayoutEvent.class,
            io.mbp.market.MarketEvent.class);

    private final InputLimits limits;
    private final ReconEngine.MatchStep step;

    public ReconService(Database db, Clock clock) {
        this(db, clock, InputLimits.STATEMENTS);
    }

    /** With other statement limits than {@link InputLimits#STATEMENTS} (tests use small ones). */
    public ReconService(Database db, Clock clock, InputLimits limits) {
        this(db, clock, limits, Matcher::matchWithCleanPairs);
    }

    /** With another matching step: tests compare the daily outputs of both (ADR 0131). */
    ReconService(Database db, Clock clock, InputLimits limits, ReconEngine.MatchStep step) {
        this.db = db;
        this.clock = clock;
        this.limits = limits;
        this.step = step;
    }

    public record ImportResult(String statementId, boolean alreadyImported, long lines, String format) {
    }

    public record ExceptionView(ReconExceptionRaised raised, ReconExceptionResolved resolution, boolean present) {
        public boolean open() {
            return resolution == null;
        }
    }

    public record Report(String date, String statementId, long lines, long matchedLines, long matchedAmount,
                         long expected, Map<String, long[]> byKind, long open, long resolved, long rateBasisPoints,
                         List<Matcher.Match> matches, List<ExceptionView> exceptions, boolean logged,
                         BalanceCheck.Result balance) {
        public String rate() {
            return rateBasisPoints / 100 + "." + String.format("%02d", rateBasisPoints % 100);
        }
    }

    // ------------------------------------------------------------------ import

    /** Imports statement bytes already in memory (tests, small callers); see {@link #importStatement(Path, String, String, LocalDate)}. */
    public ImportResult importStatement(byte[] data, String source, String account, LocalDate date) {
        return importStatement(new ByteArrayInputStream(data), source, account, date, null);
    }

    /**
     * Imports a statement file, streaming, within {@link #limits}: a file larger than the byte limit is
     * refused before it is read; refuses another account or date (4); a no-op for a file seen before.
     */
    public ImportResult importStatement(Path file, String source, String account, LocalDate date) {
        return importStatement(file, source, account, date, null);
    }

    /** As {@link #importStatement(Path, String, String, LocalDate)}, read as {@code layout} (null: picked by content). */
    public ImportResult importStatement(Path file, String source, String account, LocalDate date,
                                        StatementFormat.Layout layout) {
        try (InputStream in = StrictText.openBytes(file, source, limits)) {
            return importStatement(in, source, account, date, layout);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + source + ": " + e.getMessage());
        }
    }

    private ImportResult importStatement(InputStream raw, String source, String account, LocalDate date,
                                         StatementFormat.Layout layout) {
        // One pass: the SHA-256 (the statement id) is taken from the same bytes that are parsed.
        MessageDigest md = sha256();
        StatementFormat.Parsed parsed;
        try (InputStream in = new DigestInputStream(new BoundedInput(raw, source, limits), md)) {
            // The parsers close what they read; the digest still needs the rest of the stream.
            parsed = StatementFormat.parse(new FilterInputStream(in) {
                @Override
                public void close() {
                }
            }, source, limits, layout);
            in.transferTo(OutputStream.nullOutputStream()); // trailing bytes the parser did not need still count
        } catch (IOException e) {
            throw new BadInputException("cannot read " + source + ": " + e.getMessage());
        }
        String id = HEX.formatHex(md.digest());
        boolean seen = db.read(dsl -> dsl.fetchExists(RECON_STATEMENT, RECON_STATEMENT.STATEMENT_ID.eq(id)));
        if (seen) {
            return new ImportResult(id, true, 0, null);
        }
        Statement s = parsed.statement();
        String format = parsed.format();
        if (!s.account().equals(account)) {
            throw new BadInputException(source + ": the statement is for account " + s.account() + ", not " + account
                    + " (check the account or the file); nothing was imported").about("statement-account");
        }
        if (!s.date().equals(date)) {
            throw new BadInputException(source + ": the statement is for " + s.date() + ", not " + date
                    + " (check the date or the file); nothing was imported").about("statement-date");
        }
        StatementImported ev = new StatementImported(id, account, date.toString(), format, source, s.lines().size(),
                s.total('C'), s.total('D'));
        db.inTransaction(dsl -> {
            AppendResult r = EventLog.appendIn(dsl, List.of(NewEvent.of(types, ev.streamId(), clock.instant(), ev)).iterator());
            dsl.insertInto(RECON_STATEMENT, RECON_STATEMENT.STATEMENT_ID, RECON_STATEMENT.ACCOUNT,
                    RECON_STATEMENT.BOOKING_DATE, RECON_STATEMENT.FILE_FORMAT, RECON_STATEMENT.LINE_COUNT,
                    RECON_STATEMENT.IMPORTED_SEQ)
                    .values(id, account, date.toString(), format, (long) s.lines().size(), r.firstSeq()).execute();
            var batch = dsl.batch(dsl.insertInto(RECON_LINE, RECON_LINE.STATEMENT_ID, RECON_LINE.LINE_NO,
                    RECON_LINE.LINE_ID, RECON_LINE.ACCOUNT, RECON_LINE.BOOKING_DATE, RECON_LINE.VALUE_DATE,
                    RECON_LINE.DIRECTION, RECON_LINE.AMOUNT, RECON_LINE.E2EID, RECON_LINE.REFERENCE_ID,
                    RECON_LINE.COUNTERPARTY, RECON_LINE.KIND, RECON_LINE.STATUS, RECON_LINE.REVERSAL)
                    .values((String) null, null, null, null, null, null, null, null, null, null, null, null, null, null));
            for (StatementLine l : s.lines()) {
                batch.bind(id, l.lineNo(), l.lineId(), l.account(), l.bookingDate().toString(), l.valueDate().toString(),
                        String.valueOf(l.direction()), l.amount(), l.e2eid(), l.reference(), l.counterparty(), l.kind(),
                        l.status().code(), (short) (l.reversal() ? 1 : 0));
            }
            if (!s.lines().isEmpty()) {
                batch.execute();
            }
            long seq = 0;
            for (StatementBalance b : s.balances()) {
                dsl.insertInto(RECON_BALANCE, RECON_BALANCE.STATEMENT_ID, RECON_BALANCE.BALANCE_TYPE, RECON_BALANCE.SEQ,
                        RECON_BALANCE.AMOUNT, RECON_BALANCE.BALANCE_DATE)
                        .values(id, b.type().code(), ++seq, b.amount(), b.date().toString()).execute();
            }
            return r;
        });
        db.syncToDisk();
        return new ImportResult(id, false, s.lines().size(), format);
    }

    /** The lines of the latest statement imported for (account, date), or null if none. */
    private List<StatementLine> linesOf(String account, LocalDate date, String[] idOut) {
        return db.read(dsl -> {
            Record st = dsl.select(RECON_STATEMENT.STATEMENT_ID).from(RECON_STATEMENT)
                    .where(RECON_STATEMENT.ACCOUNT.eq(account)).and(RECON_STATEMENT.BOOKING_DATE.eq(date.toString()))
                    .orderBy(RECON_STATEMENT.IMPORTED_SEQ.desc()).limit(1).fetchOne();
            if (st == null) {
                return null;
            }
            String id = st.get(RECON_STATEMENT.STATEMENT_ID).trim();
            if (idOut != null) {
                idOut[0] = id;
            }
            return dsl.selectFrom(RECON_LINE).where(RECON_LINE.STATEMENT_ID.eq(id)).orderBy(RECON_LINE.LINE_NO)
                    .fetch(r -> new StatementLine(r.get(RECON_LINE.LINE_NO), r.get(RECON_LINE.LINE_ID),
                            r.get(RECON_LINE.ACCOUNT), LocalDate.parse(r.get(RECON_LINE.BOOKING_DATE).trim()),
                            LocalDate.parse(r.get(RECON_LINE.VALUE_DATE).trim()), r.get(RECON_LINE.DIRECTION).charAt(0),
                            r.get(RECON_LINE.AMOUNT), r.get(RECON_LINE.E2EID), r.get(RECON_LINE.REFERENCE_ID),
                            r.get(RECON_LINE.COUNTERPARTY), r.get(RECON_LINE.KIND),
                            EntryStatus.ofCode(r.get(RECON_LINE.STATUS).trim()), r.get(RECON_LINE.REVERSAL) != 0));
        });
    }

    /** The balances a statement states, in file order. */
    private List<StatementBalance> balancesOf(String statementId) {
        return db.read(dsl -> dsl.selectFrom(RECON_BALANCE).where(RECON_BALANCE.STATEMENT_ID.eq(statementId))
                .orderBy(RECON_BALANCE.SEQ)
                .fetch(r -> new StatementBalance(BalanceType.ofCode(r.get(RECON_BALANCE.BALANCE_TYPE).trim()),
                        r.get(RECON_BALANCE.AMOUNT), LocalDate.parse(r.get(RECON_BALANCE.BALANCE_DATE).trim()))));
    }

    /** The latest import of the latest date before {@code date}, with its closing balance, or null. */
    private BalanceCheck.Previous previousOf(String account, LocalDate date) {
        Record st = db.read(dsl -> dsl.select(RECON_STATEMENT.STATEMENT_ID, RECON_STATEMENT.BOOKING_DATE)
                .from(RECON_STATEMENT).where(RECON_STATEMENT.ACCOUNT.eq(account))
                .and(RECON_STATEMENT.BOOKING_DATE.lt(date.toString()))
                .orderBy(RECON_STATEMENT.BOOKING_DATE.desc(), RECON_STATEMENT.IMPORTED_SEQ.desc()).limit(1).fetchOne());
        if (st == null) {
            return null;
        }
        String id = st.get(RECON_STATEMENT.STATEMENT_ID).trim();
        Long closing = balancesOf(id).stream().filter(b -> b.type() == BalanceType.CLOSING_BOOKED)
                .map(StatementBalance::amount).findFirst().orElse(null);
        return new BalanceCheck.Previous(LocalDate.parse(st.get(RECON_STATEMENT.BOOKING_DATE).trim()), id, closing);
    }

    /** The first statement date of the account whose (latest) statement states an opening balance, and that balance. */
    private StatementBalance anchorOf(String account) {
        List<? extends Record> sts = db.read(dsl -> dsl.select(RECON_STATEMENT.STATEMENT_ID, RECON_STATEMENT.BOOKING_DATE)
                .from(RECON_STATEMENT).where(RECON_STATEMENT.ACCOUNT.eq(account))
                .orderBy(RECON_STATEMENT.BOOKING_DATE, RECON_STATEMENT.IMPORTED_SEQ.desc()).fetch());
        String day = null;
        for (Record st : sts) {
            String d = st.get(RECON_STATEMENT.BOOKING_DATE).trim();
            if (d.equals(day)) {
                continue; // an earlier import of a date already seen: the latest one counts
            }
            day = d;
            for (StatementBalance b : balancesOf(st.get(RECON_STATEMENT.STATEMENT_ID).trim())) {
                if (b.type() == BalanceType.OPENING_BOOKED) {
                    return new StatementBalance(b.type(), b.amount(), LocalDate.parse(d));
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ state from the log

    private ReconEngine.State fold(LocalDate from, LocalDate to) {
        ReconEngine.State f = new ReconEngine.State(from, to);
        Set<String> all = new HashSet<>(PayoutService.TYPES);
        all.addAll(RECON_TYPES);
        all.add("DepositReceived");
        new EventLog(db).forEachOfTypes(all, e -> f.evolve(types.decode(e.type(), e.payload()), Timestamps.parse("ts", e.ts())));
        return f;
    }

    private void append(List<EventPayload> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<NewEvent> out = new ArrayList<>();
        for (EventPayload e : events) {
            String stream = e instanceof PayoutEvent pe ? pe.instructionId() : ((ReconEvent) e).streamId();
            out.add(NewEvent.of(types, stream, now, e));
        }
        new EventLog(db).append(out);
    }

    // ------------------------------------------------------------------ reconcile

    /** Reconciles {@code date} against its latest imported statement and logs new exceptions and a changed result. */
    public Report reconcile(String account, LocalDate date) {
        String[] sid = new String[1];
        List<StatementLine> lines = linesOf(account, date, sid);
        if (lines == null) {
            throw new BadInputException("no statement for account " + account + " on " + date
                    + " has been imported: import the day's statement first").about("statement");
        }
        Set<String> later = new HashSet<>();
        for (int k = 1; k <= 2; k++) {
            List<StatementLine> l = linesOf(account, date.plusDays(k), null);
            if (l != null) {
                for (StatementLine x : l) {
                    if (!x.e2eid().isEmpty()) {
                        later.add(x.e2eid());
                    }
                    if (!x.reference().isEmpty()) {
                        later.add(x.reference());
                    }
                }
            }
        }
        // Pending lines move no booked balance and are not matched; reversal pairs cancel out (ADR 0509).
        List<StatementLine> booked = lines.stream().filter(StatementLine::booked).toList();
        Reversals.Paired paired = Reversals.pair(booked);
        List<StatementBalance> bals = balancesOf(sid[0]);
        Long opening = bals.stream().filter(b -> b.type() == BalanceType.OPENING_BOOKED).map(StatementBalance::amount)
                .findFirst().orElse(null);
        Long closing = bals.stream().filter(b -> b.type() == BalanceType.CLOSING_BOOKED).map(StatementBalance::amount)
                .findFirst().orElse(null);
        BalanceCheck.Facts facts = new BalanceCheck.Facts(opening, closing,
                booked.stream().filter(l -> l.direction() == 'C').mapToLong(StatementLine::amount).sum(),
                booked.stream().filter(l -> l.direction() == 'D').mapToLong(StatementLine::amount).sum(),
                lines.size() - booked.size(), paired.setAside().size(), previousOf(account, date));
        StatementBalance anchor = anchorOf(account);
        LocalDate from = anchor != null && anchor.date().isBefore(date.minusDays(2)) ? anchor.date() : date.minusDays(2);
        ReconEngine.Reconciliation r = ReconEngine.reconcile(fold(from, date),
                new ReconEngine.Reconcile(date, sid[0], paired.lines(), later, facts,
                        anchor == null ? null : anchor.date(), anchor == null ? null : anchor.amount()), step);
        append(r.events());
        Report rep = r.report();
        LOG.info("recon {} statement {}: {} lines, {} matched ({} centavos), {} open and {} resolved exceptions, rate {}%{}",
                rep.date(), rep.statementId(), rep.lines(), rep.matchedLines(), rep.matchedAmount(), rep.open(),
                rep.resolved(), rep.rate(), rep.logged() ? "" : " (unchanged, nothing appended)");
        return rep;
    }

    // ------------------------------------------------------------------ exceptions

    public List<ExceptionView> exceptions(LocalDate date, boolean openOnly) {
        return ReconEngine.exceptions(fold(LocalDate.MIN, LocalDate.MIN), date, openOnly);
    }

    /**
     * Resolves an open exception. "accept" records author and note; "correct" also appends the ledger
     * event that fixes it (a devolução for a returned payment, else a {@link LedgerCorrected}).
     */
    public List<String> resolve(String exceptionId, String action, String author, String note) {
        ReconEngine.Resolve command = new ReconEngine.Resolve(exceptionId, action, author, note);
        List<EventPayload> events = ReconEngine.decide(fold(LocalDate.MIN, LocalDate.MIN), command, clock);
        append(events);
        LOG.info("recon exception {} resolved: {} ({} event(s))", exceptionId, action, events.size());
        return events.stream().map(types::nameOf).toList();
    }

    static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
