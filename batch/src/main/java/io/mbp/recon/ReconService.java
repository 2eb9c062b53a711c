package io.mbp.recon;

import io.mbp.statement.Statement;
import io.mbp.statement.StatementFormat;
import io.mbp.statement.StatementLine;
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
import io.mbp.market.DepositReceived;
import io.mbp.payout.Payout;
import io.mbp.payout.PayoutBook;
import io.mbp.payout.PayoutConfirmed;
import io.mbp.payout.PayoutEngine;
import io.mbp.payout.PayoutEvent;
import io.mbp.payout.PayoutReturned;
import io.mbp.payout.PayoutService;
import io.mbp.payout.PayoutStatus;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.Record;

/**
 * D+1 reconciliation: imports statements, builds the expected movements of a date from the log
 * (deposits, confirmed payouts and their fees, devoluções, corrections), runs the {@link Matcher},
 * and logs what it decides. Re-running a date with nothing new appends nothing.
 */
public final class ReconService {
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

    public ReconService(Database db, Clock clock) {
        this(db, clock, InputLimits.STATEMENTS);
    }

    /** With other statement limits than {@link InputLimits#STATEMENTS} (tests use small ones). */
    public ReconService(Database db, Clock clock, InputLimits limits) {
        this.db = db;
        this.clock = clock;
        this.limits = limits;
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
                         List<Matcher.Match> matches, List<ExceptionView> exceptions, boolean logged) {
        public String rate() {
            return rateBasisPoints / 100 + "." + String.format("%02d", rateBasisPoints % 100);
        }
    }

    // ------------------------------------------------------------------ import

    /** Imports statement bytes already in memory (tests, small callers); see {@link #importStatement(Path, String, String, LocalDate)}. */
    public ImportResult importStatement(byte[] data, String source, String account, LocalDate date) {
        return importStatement(new ByteArrayInputStream(data), source, account, date);
    }

    /**
     * Imports a statement file, streaming, within {@link #limits}: a file larger than the byte limit is
     * refused before it is read; refuses another account or date (4); a no-op for a file seen before.
     */
    public ImportResult importStatement(Path file, String source, String account, LocalDate date) {
        try (InputStream in = StrictText.openBytes(file, source, limits)) {
            return importStatement(in, source, account, date);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + source + ": " + e.getMessage());
        }
    }

    private ImportResult importStatement(InputStream raw, String source, String account, LocalDate date) {
        // One pass: the SHA-256 (the statement id) is taken from the same bytes that are parsed.
        MessageDigest md = sha256();
        StatementFormat.Parsed parsed;
        try (InputStream in = new DigestInputStream(new BoundedInput(raw, source, limits), md)) {
            // The parsers close what they read; the digest still needs the rest of the stream.
            parsed = StatementFormat.parse(new FilterInputStream(in) {
                @Override
                public void close() {
                }
            }, source, limits);
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
                    + " (check --account or the file); nothing was imported");
        }
        if (!s.date().equals(date)) {
            throw new BadInputException(source + ": the statement is for " + s.date() + ", not " + date
                    + " (check --date or the file); nothing was imported");
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
                    RECON_LINE.COUNTERPARTY, RECON_LINE.KIND)
                    .values((String) null, null, null, null, null, null, null, null, null, null, null, null));
            for (StatementLine l : s.lines()) {
                batch.bind(id, l.lineNo(), l.lineId(), l.account(), l.bookingDate().toString(), l.valueDate().toString(),
                        String.valueOf(l.direction()), l.amount(), l.e2eid(), l.reference(), l.counterparty(), l.kind());
            }
            batch.execute();
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
                            r.get(RECON_LINE.COUNTERPARTY), r.get(RECON_LINE.KIND)));
        });
    }

    // ------------------------------------------------------------------ state from the log

    private final class Folded {
        final PayoutBook book = new PayoutBook();
        final Map<String, Instant> returnedAt = new HashMap<>();
        final Map<String, ReconExceptionRaised> raised = new LinkedHashMap<>();
        final Map<String, ReconExceptionResolved> resolved = new HashMap<>();
        final List<LedgerCorrected> corrections = new ArrayList<>();
        final Map<String, ReconCompleted> lastResult = new HashMap<>();
        final List<Movement> deposits = new ArrayList<>();
    }

    private Folded fold(LocalDate from, LocalDate to) {
        Folded f = new Folded();
        Set<String> all = new HashSet<>(PayoutService.TYPES);
        all.addAll(RECON_TYPES);
        all.add("DepositReceived");
        new EventLog(db).forEachOfTypes(all, e -> {
            EventPayload p = types.decode(e.type(), e.payload());
            Instant at = Timestamps.parse("ts", e.ts());
            if (p instanceof DepositReceived d) {
                LocalDate day = PayoutService.dateOf(e.ts());
                if (!day.isBefore(from) && !day.isAfter(to)) {
                    f.deposits.add(new Movement("dep:" + d.e2eid(), day, 'C', d.amount(), d.e2eid(), "", d.account(),
                            "PIX_IN", false));
                }
            } else if (p instanceof PayoutEvent pe) {
                f.book.apply(pe, at);
                if (pe instanceof PayoutReturned r) {
                    f.returnedAt.put(r.returnId(), at);
                }
            } else if (p instanceof ReconExceptionRaised r) {
                f.raised.putIfAbsent(r.exceptionId(), r);
            } else if (p instanceof ReconExceptionResolved r) {
                f.resolved.putIfAbsent(r.exceptionId(), r);
            } else if (p instanceof LedgerCorrected c) {
                f.corrections.add(c);
            } else if (p instanceof ReconCompleted c) {
                f.lastResult.put(c.date(), c);
            }
        });
        return f;
    }

    /** Expected movements dated in [from, to]: deposits, confirmed payouts, their fees, devoluções, corrections. */
    private List<Movement> expected(Folded f, LocalDate from, LocalDate to) {
        List<Movement> out = new ArrayList<>(f.deposits);
        for (Payout p : f.book.all()) {
            if (p.confirmedAt() == null || p.e2eid() == null) {
                continue;
            }
            LocalDate day = p.confirmedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate();
            if (!day.isBefore(from) && !day.isAfter(to)) {
                String party = p.instruction().account();
                out.add(new Movement("pay:" + p.id(), day, 'D', p.amount(), p.e2eid(), p.id(), party, "PIX_OUT", false));
                if (p.fee() > 0) {
                    out.add(new Movement("fee:" + p.id(), day, 'D', p.fee(), "", "FEE-" + p.id(), "PSP", "FEE", false));
                }
            }
            if (p.status() == PayoutStatus.RETURNED) {
                LocalDate rd = f.returnedAt.get(p.returnId()).atZone(java.time.ZoneOffset.UTC).toLocalDate();
                if (!rd.isBefore(from) && !rd.isAfter(to)) {
                    out.add(new Movement("ret:" + p.returnId(), rd, 'C', p.returnedAmount(), p.returnId(), p.e2eid(),
                            p.instruction().account(), "RETURN", false));
                }
            }
        }
        for (LedgerCorrected c : f.corrections) {
            LocalDate day = LocalDate.parse(c.date());
            if (day.isBefore(from) || day.isAfter(to)) {
                continue;
            }
            switch (c.action()) {
                case "add" -> out.add(new Movement(c.movementKey(), day, c.direction().charAt(0), c.amount(), c.e2eid(),
                        c.reference(), c.counterparty(), "CORRECTION", false));
                case "void" -> out.removeIf(m -> m.key().equals(c.movementKey()));
                case "amend" -> out.replaceAll(m -> m.key().equals(c.movementKey()) ? m.withAmount(c.amount()) : m);
                default -> throw new IllegalStateException(c.action());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ reconcile

    /** Reconciles {@code date} against its latest imported statement and logs new exceptions and a changed result. */
    public Report reconcile(String account, LocalDate date) {
        String[] sid = new String[1];
        List<StatementLine> lines = linesOf(account, date, sid);
        if (lines == null) {
            throw new BadInputException("no statement for account " + account + " on " + date
                    + " has been imported: pass --statement FILE");
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
        Folded f = fold(date.minusDays(2), date);
        List<Movement> expected = new ArrayList<>();
        for (Movement m : expected(f, date.minusDays(2), date)) {
            expected.add(m.date().equals(date) ? m : m.carriedOver());
        }
        Matcher.Result r = Matcher.match(date, expected, lines, later);
        List<NewEvent> out = new ArrayList<>();
        Instant now = clock.instant();
        List<ExceptionView> views = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (ReconExceptionRaised x : r.exceptions()) {
            present.add(x.exceptionId());
            if (!f.raised.containsKey(x.exceptionId())) {
                out.add(NewEvent.of(types, x.streamId(), now, x));
            }
            views.add(new ExceptionView(x, f.resolved.get(x.exceptionId()), true));
        }
        // Raised earlier, resolved since (e.g. corrected), and no longer produced: still reported, as resolved.
        for (ReconExceptionRaised x : f.raised.values()) {
            if (x.date().equals(date.toString()) && !present.contains(x.exceptionId())) {
                views.add(new ExceptionView(x, f.resolved.get(x.exceptionId()), false));
            }
        }
        Map<String, long[]> byKind = new TreeMap<>();
        long open = 0;
        long resolved = 0;
        for (ExceptionView v : views) {
            long[] c = byKind.computeIfAbsent(v.raised().kind(), k -> new long[2]);
            c[1]++;
            if (v.open()) {
                c[0]++;
                open++;
            } else {
                resolved++;
            }
        }
        long exceptionsNow = r.exceptions().size();
        long resolvedNow = r.exceptions().stream().filter(x -> f.resolved.containsKey(x.exceptionId())).count();
        long items = r.matchedLines() + exceptionsNow;
        long ok = r.matchedLines() + resolvedNow;
        long bp = items == 0 ? 10_000 : ok * 10_000 / items;
        List<String> kinds = new ArrayList<>();
        byKind.forEach((k, c) -> kinds.add(k + ":" + c[0] + "/" + c[1]));
        Report rep = new Report(date.toString(), sid[0], lines.size(), r.matchedLines(), r.matchedAmount(),
                expected.stream().filter(m -> !m.carried()).count(), byKind, open, resolved, bp, r.matches(), views,
                false);
        ReconCompleted done = new ReconCompleted(date.toString(), sid[0], lines.size(), r.matchedLines(),
                r.matchedAmount(), rep.expected(), open, resolved, rep.rate(), kinds);
        if (!done.equals(f.lastResult.get(date.toString()))) {
            out.add(NewEvent.of(types, done.streamId(), now, done));
        }
        if (!out.isEmpty()) {
            new EventLog(db).append(out);
        }
        return new Report(rep.date(), rep.statementId(), rep.lines(), rep.matchedLines(), rep.matchedAmount(),
                rep.expected(), byKind, open, resolved, bp, r.matches(), views, !out.isEmpty());
    }

    // ------------------------------------------------------------------ exceptions

    public List<ExceptionView> exceptions(LocalDate date, boolean openOnly) {
        Folded f = fold(LocalDate.MIN, LocalDate.MIN);
        List<ExceptionView> out = new ArrayList<>();
        for (ReconExceptionRaised x : f.raised.values()) {
            if ((date == null || x.date().equals(date.toString())) && (!openOnly || !f.resolved.containsKey(x.exceptionId()))) {
                out.add(new ExceptionView(x, f.resolved.get(x.exceptionId()), true));
            }
        }
        return out;
    }

    /**
     * Resolves an open exception. "accept" records author and note; "correct" also appends the ledger
     * event that fixes it (a devolução for a returned payment, else a {@link LedgerCorrected}).
     */
    public List<String> resolve(String exceptionId, String action, String author, String note) {
        if (!"accept".equals(action) && !"correct".equals(action)) {
            throw new BadInputException("--action must be accept or correct, got " + action);
        }
        if (note == null || note.isBlank()) {
            throw new BadInputException("--note is required: say why, for the audit trail");
        }
        Folded f = fold(LocalDate.MIN, LocalDate.MIN);
        ReconExceptionRaised x = f.raised.get(exceptionId);
        if (x == null) {
            throw new BadInputException("no recon exception " + exceptionId + " (see `mbp recon exceptions list`)");
        }
        if (f.resolved.containsKey(exceptionId)) {
            ReconExceptionResolved r = f.resolved.get(exceptionId);
            throw new BadInputException("exception " + exceptionId + " was already resolved (" + r.action() + " by "
                    + r.author() + "); resolutions are never edited");
        }
        Instant now = clock.instant();
        List<NewEvent> out = new ArrayList<>();
        if ("correct".equals(action)) {
            EventPayload fix = correction(f, x, author, note);
            String stream = fix instanceof PayoutEvent pe ? pe.instructionId() : ((ReconEvent) fix).streamId();
            out.add(NewEvent.of(types, stream, now, fix));
        }
        ReconExceptionResolved res = new ReconExceptionResolved(exceptionId, x.date(), action, author, note);
        out.add(NewEvent.of(types, res.streamId(), now, res));
        new EventLog(db).append(out);
        return out.stream().map(NewEvent::type).toList();
    }

    private EventPayload correction(Folded f, ReconExceptionRaised x, String author, String note) {
        switch (x.kind()) {
            case "returned" -> {
                for (Payout p : f.book.all()) {
                    if (x.reference().equals(p.e2eid()) && p.status() == PayoutStatus.CONFIRMED) {
                        List<PayoutEvent> ev = PayoutEngine.returned(p, x.e2eid(), x.statementAmount(),
                                "recon " + x.exceptionId() + ": " + note);
                        return ev.get(0);
                    }
                }
                return add(x, author, note);
            }
            case "unexpected", "duplicate" -> {
                return add(x, author, note);
            }
            case "missing", "late" -> {
                return new LedgerCorrected(x.exceptionId(), x.date(), "void", x.movementKey(), x.direction(),
                        x.expectedAmount(), x.e2eid(), x.reference(), x.counterparty(), author, note);
            }
            case "amount_mismatch" -> {
                return new LedgerCorrected(x.exceptionId(), x.date(), "amend", x.movementKey(), x.direction(),
                        x.statementAmount(), x.e2eid(), x.reference(), x.counterparty(), author, note);
            }
            default -> throw new IllegalStateException(x.kind());
        }
    }

    private static LedgerCorrected add(ReconExceptionRaised x, String author, String note) {
        // The added movement carries the line's own ids, so the next run matches it by E2EID/reference.
        String ref = x.e2eid().isEmpty() && x.reference().isEmpty() ? "" : x.reference();
        return new LedgerCorrected(x.exceptionId(), x.date(), "add", "adj:" + x.exceptionId(), x.direction(),
                x.statementAmount(), x.e2eid(), ref, x.counterparty(), author, note);
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
