package io.mbp.payout.sim;

import io.mbp.statement.EntryStatus;
import io.mbp.statement.Statement;
import io.mbp.statement.StatementLine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The PSP's books, without HTTP: idempotent payments keyed by the client's id, E2EID assignment,
 * injected failures, devoluções and the statement of a day. {@link PspSimServer} puts HTTP in front;
 * tests may call it directly. Thread-safe (one lock: the simulator is not the thing measured).
 */
public final class PspSimulator {
    /** How one request is answered. TIMEOUT means: processed, but the answer arrives too late. */
    public enum Outcome { OK, ERROR, TIMEOUT, REJECTED, CONFLICT }

    public record Payment(String id, String account, String pixKey, long amount, String e2eid, long fee,
                          Instant createdAt, Instant confirmAt, LocalDate bookingDate, boolean duplicated) {
        public boolean confirmedAt(Instant now) {
            return !now.isBefore(confirmAt);
        }
    }

    public record Reply(Outcome outcome, Payment payment, String message) {
    }

    public record Return(String instructionId, String returnId, long amount, String reason, LocalDate date) {
    }

    public record Credit(String account, long amount, String e2eid, LocalDate date) {
    }

    private static final DateTimeFormatter E2E_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final SimConfig config;
    private final Clock clock;
    private final Map<String, Payment> payments = new LinkedHashMap<>();
    private final Map<String, Integer> requests = new HashMap<>();
    private final Map<String, Return> returns = new LinkedHashMap<>();
    private final List<Credit> credits = new ArrayList<>();
    private long paidTotal;
    private long paidCount;

    public PspSimulator(SimConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public SimConfig config() {
        return config;
    }

    public synchronized void addCredit(Credit c) {
        credits.add(c);
    }

    /** PUT: the same id pays once; a different body under a known id is a conflict, never a second payment. */
    public synchronized Reply put(String id, String account, String pixKey, long amount) {
        int n = requests.merge(id, 1, Integer::sum);
        long u = draw(id + "#" + n);
        if (u < config.errorPermille()) {
            return new Reply(Outcome.ERROR, null, "injected 503");
        }
        Payment p = payments.get(id);
        if (p != null) {
            if (p.amount() != amount || !p.pixKey().equals(pixKey) || !p.account().equals(account)) {
                return new Reply(Outcome.CONFLICT, p, "id " + id + " was used for a different payment");
            }
        } else {
            if (draw(id + "#reject") < config.rejectPermille()) {
                return new Reply(Outcome.REJECTED, null, "pix key not found in DICT");
            }
            Instant now = clock.instant();
            boolean late = draw(id + "#late") < config.latePermille();
            boolean lateBooked = draw(id + "#latebook") < config.lateBookingPermille();
            LocalDate booking = now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(lateBooked ? 1 : 0);
            p = new Payment(id, account, pixKey, amount, e2eid('E', id, now), config.fee(), now,
                    late ? now.plusMillis(config.lateMillis()) : now, booking,
                    draw(id + "#dup") < config.duplicatePermille());
            payments.put(id, p);
            paidTotal += amount;
            paidCount++;
        }
        if (u < config.errorPermille() + config.timeoutPermille()) {
            return new Reply(Outcome.TIMEOUT, p, "injected timeout after processing");
        }
        return new Reply(Outcome.OK, p, null);
    }

    public synchronized Payment get(String id) {
        return payments.get(id);
    }

    public Instant now() {
        return clock.instant();
    }

    /** Centavos paid out, counting each id once: what a property test compares with our confirmed sum. */
    public synchronized long paidTotal() {
        return paidTotal;
    }

    public synchronized long paidCount() {
        return paidCount;
    }

    /** How many times each id was sent (PUT), paid or not: a test of "sent once" reads it. */
    public synchronized Map<String, Integer> sendsById() {
        return new TreeMap<>(requests);
    }

    public synchronized Map<String, Long> paidById() {
        Map<String, Long> m = new TreeMap<>();
        payments.forEach((k, v) -> m.put(k, v.amount()));
        return m;
    }

    /** Devoluções booked on {@code date}; the configured count is drawn when the day's statement is first asked for. */
    public synchronized List<Return> returns(LocalDate date) {
        return returns.values().stream().filter(r -> r.date().equals(date)).toList();
    }

    private void makeReturns(LocalDate date) {
        if (returns.values().stream().anyMatch(r -> r.date().equals(date))) {
            return;
        }
        Instant now = clock.instant();
        List<Payment> candidates = payments.values().stream()
                .filter(p -> p.bookingDate().equals(date) && p.confirmedAt(now))
                .sorted(Comparator.comparingLong(p -> draw(p.id() + "#ret")))
                .limit(config.returns())
                .toList();
        for (Payment p : candidates) {
            returns.put(p.id(), new Return(p.id(), e2eid('D', p.id(), now), p.amount(), "MD06", date));
        }
    }

    private StatementVariants variants = StatementVariants.PLAIN;

    /** How the statements look: opening balance and variants (default {@link StatementVariants#PLAIN}). */
    public synchronized PspSimulator statementVariants(StatementVariants v) {
        this.variants = v;
        return this;
    }

    /**
     * The statement a bank would send for {@code date}: payouts, fees, devoluções and credits booked
     * that day, opening at the previous day's closing (the configured opening on the first day with
     * any activity) and closing at opening + booked credits - booked debits.
     */
    public synchronized Statement statement(LocalDate date) {
        LocalDate first = firstDay();
        long opening = variants.opening();
        for (LocalDate d = first == null ? date : first; d.isBefore(date); d = d.plusDays(1)) {
            opening += new Statement(config.account(), d, entries(d).stream().flatMap(List::stream).toList()).bookedNet();
        }
        List<List<StatementLine>> entries = entries(date);
        List<StatementLine> numbered = new ArrayList<>();
        int n = 0;
        for (List<StatementLine> e : entries) {
            n++;
            for (int k = 0; k < e.size(); k++) {
                StatementLine l = e.get(k);
                String id = String.format("L%06d", n) + (e.size() > 1 ? "/" + (k + 1) : "");
                numbered.add(new StatementLine(numbered.size() + 2, id, config.account(), l.bookingDate(), l.valueDate(),
                        l.direction(), l.amount(), l.e2eid(), l.reference(), l.counterparty(), l.kind(), l.status(),
                        l.reversal()));
            }
        }
        return new Statement(config.account(), date, numbered).balancedFrom(opening);
    }

    /** The first day with a payment, devolução or credit, or null. */
    private LocalDate firstDay() {
        LocalDate first = null;
        for (Payment p : payments.values()) {
            LocalDate d = p.createdAt().atZone(ZoneOffset.UTC).toLocalDate();
            first = first == null || d.isBefore(first) ? d : first;
        }
        for (Credit c : credits) {
            first = first == null || c.date().isBefore(first) ? c.date() : first;
        }
        return first;
    }

    /** The day's entries, each one line or (a batched entry) several. */
    private List<List<StatementLine>> entries(LocalDate date) {
        makeReturns(date);
        Instant now = clock.instant();
        List<List<StatementLine>> lines = new ArrayList<>();
        List<Payment> reversed = payments.values().stream()
                .filter(p -> p.bookingDate().equals(date) && p.confirmedAt(now))
                .sorted(Comparator.comparingLong(p -> draw(p.id() + "#rvsl")))
                .limit(variants.reversals()).toList();
        for (Payment p : payments.values()) {
            if (variants.pending() && !p.bookingDate().equals(date) && p.confirmedAt(now)
                    && p.createdAt().atZone(ZoneOffset.UTC).toLocalDate().equals(date)) {
                lines.add(List.of(status(line(date, 'D', p.amount(), p.e2eid(), p.id(), p.account(), "PIX_OUT"),
                        EntryStatus.PENDING, false)));
            }
            if (!p.bookingDate().equals(date) || !p.confirmedAt(now)) {
                continue;
            }
            lines.add(List.of(line(date, 'D', p.amount(), p.e2eid(), p.id(), p.account(), "PIX_OUT")));
            if (p.duplicated()) {
                lines.add(List.of(line(date, 'D', p.amount(), p.e2eid(), p.id(), p.account(), "PIX_OUT")));
            }
            if (reversed.contains(p)) {
                lines.add(List.of(line(date, 'D', p.amount(), p.e2eid(), p.id(), p.account(), "PIX_OUT")));
                lines.add(List.of(status(line(date, 'C', p.amount(), p.e2eid(), p.id(), p.account(), "PIX_OUT"),
                        EntryStatus.BOOKED, true)));
            }
            if (p.fee() > 0) {
                lines.add(List.of(line(date, 'D', p.fee(), "", "FEE-" + p.id(), "PSP", "FEE")));
            }
        }
        for (Return r : returns.values()) {
            if (r.date().equals(date)) {
                lines.add(List.of(line(date, 'C', r.amount(), r.returnId(), payments.get(r.instructionId()).e2eid(),
                        payments.get(r.instructionId()).account(), "RETURN")));
            }
        }
        // Batched credits (N:1): the first batchCredits accounts with several credits that day get one entry.
        Map<String, List<Credit>> byAccount = new LinkedHashMap<>();
        for (Credit c : credits) {
            if (c.date().equals(date)) {
                byAccount.computeIfAbsent(c.account(), k -> new ArrayList<>()).add(c);
            }
        }
        int batches = 0;
        for (Map.Entry<String, List<Credit>> e : byAccount.entrySet()) {
            if (e.getValue().size() > 1 && batches < config.batchCredits()) {
                batches++;
                if (variants.batchDetails()) {
                    lines.add(e.getValue().stream()
                            .map(c -> line(date, 'C', c.amount(), c.e2eid(), "", c.account(), "PIX_IN")).toList());
                } else {
                    long sum = e.getValue().stream().mapToLong(Credit::amount).sum();
                    lines.add(List.of(line(date, 'C', sum, "", "LOTE-" + e.getKey(), e.getKey(), "PIX_IN")));
                }
            } else {
                for (Credit c : e.getValue()) {
                    lines.add(List.of(line(date, 'C', c.amount(), c.e2eid(), "", c.account(), "PIX_IN")));
                }
            }
        }
        return lines;
    }

    private static StatementLine status(StatementLine l, EntryStatus s, boolean reversal) {
        return new StatementLine(l.lineNo(), l.lineId(), l.account(), l.bookingDate(), l.valueDate(), l.direction(),
                l.amount(), l.e2eid(), l.reference(), l.counterparty(), l.kind(), s, reversal);
    }

    private StatementLine line(LocalDate date, char dir, long amount, String e2eid, String ref, String party, String kind) {
        return new StatementLine(0, "", config.account(), date, date, dir, amount, e2eid, ref, party, kind);
    }

    /** Bacen format: 'E' (or 'D' for a devolução) + ISPB(8) + yyyyMMddHHmm + 11 alphanumerics = 32 chars. */
    String e2eid(char prefix, String id, Instant at) {
        StringBuilder sb = new StringBuilder(32).append(prefix).append(config.ispb()).append(E2E_TIME.format(at));
        byte[] d = sha256(config.seed() + "/" + prefix + "/" + id);
        for (int i = 0; i < 11; i++) {
            sb.append(ALNUM[(d[i] & 0xff) % ALNUM.length]);
        }
        return sb.toString();
    }

    /** A deterministic draw in [0, 1000) from the seed and a label. */
    long draw(String label) {
        byte[] d = sha256(config.seed() + "|" + label);
        long v = ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
        return v % 1000;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
