package io.mbp.statement;

import static io.mbp.statement.Cnab240Layout.BATCH_HEADER;
import static io.mbp.statement.Cnab240Layout.BATCH_TRAILER;
import static io.mbp.statement.Cnab240Layout.FILE_HEADER;
import static io.mbp.statement.Cnab240Layout.FILE_TRAILER;
import static io.mbp.statement.Cnab240Layout.HISTORY_BY_KIND;
import static io.mbp.statement.Cnab240Layout.LENGTH;
import static io.mbp.statement.Cnab240Layout.SEGMENT_E;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * FEBRABAN CNAB 240 bank statement (extrato, segment E), read and written with the record tables
 * of {@link Cnab240Layout} (ADR 0510). One file holds one batch: one account, one day. A malformed
 * record refuses the whole file naming the record number and the position; nothing is imported.
 */
final class Cnab240 {
    static final DateTimeFormatter DDMMYYYY = DateTimeFormatter.ofPattern("ddMMuuuu").withResolverStyle(ResolverStyle.STRICT);
    /** Our simulated PSP has no COMPE code; a code no bank has, so nobody mistakes the file for a real bank's. */
    static final String BANK = "999";
    static final String FILE_LAYOUT = "089";
    static final String BATCH_LAYOUT = "033";

    private Cnab240() {
    }

    // ------------------------------------------------------------------------------------ writing

    /** The statement as a CNAB 240 retorno file: booked lines only (an extrato lists no pending entries). */
    static byte[] write(Statement s, LocalDateTime createdAt) {
        Accounts.Parts acct = Accounts.split(s.account());
        Map<String, String> common = new HashMap<>();
        common.put("bank", BANK);
        common.put("batch", "0001");
        common.put("company_id_type", "0");
        common.put("agreement", acct.ispb());
        common.put("branch", acct.branch());
        common.put("account", acct.number());
        common.put("company_name", "MBP OPS");
        long net = s.bookedNet();
        long opening = s.opening().map(StatementBalance::amount)
                .orElse(s.closing().map(c -> c.amount() - net).orElse(0L));
        long closing = s.closing().map(StatementBalance::amount).orElse(opening + net);
        StringBuilder out = new StringBuilder();
        Map<String, String> v = new HashMap<>(common);
        v.put("bank_name", "MBP PSP SIMULATOR");
        v.put("created_date", DDMMYYYY.format(createdAt));
        v.put("created_time", String.format("%02d%02d%02d", createdAt.getHour(), createdAt.getMinute(), createdAt.getSecond()));
        v.put("file_seq", "1");
        v.put("file_layout", FILE_LAYOUT);
        v.put("density", "0");
        out.append(FILE_HEADER.format(v)).append("\r\n");
        v = new HashMap<>(common);
        v.put("batch_layout", BATCH_LAYOUT);
        v.put("opening_date", DDMMYYYY.format(s.opening().map(StatementBalance::date).orElse(s.date())));
        v.put("opening_amount", Long.toString(Math.abs(opening)));
        v.put("opening_sign", opening < 0 ? "D" : "C");
        v.put("opening_status", "F");
        v.put("currency", "BRL");
        v.put("statement_seq", "1");
        out.append(BATCH_HEADER.format(v)).append("\r\n");
        int n = 0;
        long debits = 0;
        long credits = 0;
        for (StatementLine l : s.lines()) {
            if (!l.booked()) {
                continue;
            }
            v = new HashMap<>(common);
            v.put("record_seq", Integer.toString(++n));
            v.put("nature", "DPV");
            v.put("complement_type", "00");
            v.put("complement", fits(l.lineId(), "complement"));
            v.put("cpmf", "N");
            v.put("accounting_date", DDMMYYYY.format(l.valueDate()));
            v.put("entry_date", DDMMYYYY.format(l.bookingDate()));
            v.put("amount", Long.toString(l.amount()));
            v.put("entry_type", String.valueOf(l.direction()));
            v.put("category", category(l));
            v.put("history_code", HISTORY_BY_KIND.get(l.kind()));
            v.put("history", fits(l.counterparty(), "history"));
            v.put("document", fits(l.e2eid().isEmpty() ? l.reference() : l.e2eid(), "document"));
            out.append(SEGMENT_E.format(v)).append("\r\n");
            if (l.direction() == 'D') {
                debits += l.amount();
            } else {
                credits += l.amount();
            }
        }
        v = new HashMap<>(common);
        v.put("closing_date", DDMMYYYY.format(s.closing().map(StatementBalance::date).orElse(s.date())));
        v.put("closing_amount", Long.toString(Math.abs(closing)));
        v.put("closing_sign", closing < 0 ? "D" : "C");
        v.put("closing_status", "F");
        v.put("record_count", Integer.toString(n + 2));
        v.put("debit_total", Long.toString(debits));
        v.put("credit_total", Long.toString(credits));
        out.append(BATCH_TRAILER.format(v)).append("\r\n");
        v = new HashMap<>(common);
        v.put("batch_count", "1");
        v.put("record_count", Integer.toString(n + 4));
        v.put("account_count", "1");
        out.append(FILE_TRAILER.format(v)).append("\r\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code value} if the segment E field holds it, else nothing: CNAB 240 has 240 characters for an
     * entry and no room for our longer ids (a 61-character instruction id, a return's original E2EID
     * next to its own); ADR 0510 lists what a CNAB statement therefore does not carry.
     */
    private static String fits(String value, String field) {
        return value.length() <= SEGMENT_E.field(field).width() ? value : "";
    }

    /** FEBRABAN's category: transfers 120/209, fees 105 (a refunded fee: 218), reversals (estornos) 103/204. */
    private static String category(StatementLine l) {
        if (l.reversal()) {
            return l.direction() == 'D' ? "103" : "204";
        }
        if ("FEE".equals(l.kind())) {
            return l.direction() == 'D' ? "105" : "218";
        }
        return l.direction() == 'D' ? "120" : "209";
    }

    // ------------------------------------------------------------------------------------ reading

    /** Reads one CNAB 240 statement file from a (strict UTF-8) reader within {@code limits}. */
    static Statement read(Reader reader, String source, InputLimits limits) {
        Records in = new Records(reader, source);
        FixedWidth.Record header = in.next(FILE_HEADER, "a file header");
        String bank = header.raw("bank");
        FixedWidth.Record batch = in.next(BATCH_HEADER, "a batch header");
        same(bank, batch);
        if (!"BRL".equals(batch.alfa("currency"))) {
            throw batch.bad("currency", "must be BRL, got '" + batch.alfa("currency") + "'");
        }
        String account = Accounts.join(batch);
        StatementBalance opening = balance(batch, BalanceType.OPENING_BOOKED, "opening");
        List<StatementLine> lines = new ArrayList<>();
        long debits = 0;
        long credits = 0;
        FixedWidth.Record r;
        while ((r = in.nextOf(SEGMENT_E, BATCH_TRAILER)).layout() == SEGMENT_E) {
            same(bank, r);
            sameBatch(batch, r);
            if (lines.size() >= limits.maxLines()) {
                throw r.bad("record_type", "more than the limit of " + String.format("%,d", limits.maxLines())
                        + " entries for one statement (ADR 0507)");
            }
            if (r.number("record_seq") != lines.size() + 1) {
                throw r.bad("record_seq", "must be " + (lines.size() + 1) + " (records of a batch are numbered from 1), got "
                        + r.raw("record_seq"));
            }
            StatementLine l = entry(r, source, account, opening.date());
            lines.add(l);
            try {
                if (l.direction() == 'D') {
                    debits = Math.addExact(debits, l.amount());
                } else {
                    credits = Math.addExact(credits, l.amount());
                }
            } catch (ArithmeticException e) {
                throw r.bad("amount", "the batch's total exceeds what a 9(16)V99 total can state");
            }
        }
        FixedWidth.Record trailer = r;
        same(bank, trailer);
        sameBatch(batch, trailer);
        control(trailer, "record_count", lines.size() + 2, "records in the batch");
        control(trailer, "debit_total", debits, "centavos of debits in the batch");
        control(trailer, "credit_total", credits, "centavos of credits in the batch");
        StatementBalance closing = balance(trailer, BalanceType.CLOSING_BOOKED, "closing");
        FixedWidth.Record end = in.nextOf(FILE_TRAILER, BATCH_HEADER);
        if (end.layout() == BATCH_HEADER) {
            throw end.bad("record_type", "a second batch: one statement file holds one account's day");
        }
        same(bank, end);
        control(end, "batch_count", 1, "batches");
        control(end, "record_count", lines.size() + 4, "records in the file");
        in.end();
        StatementFormat.uniqueLineIds(source, lines);
        if (lines.isEmpty()) {
            // A day without movements is still a statement: its balances carry the continuity.
            return new Statement(account, opening.date(), List.of(), List.of(opening, closing));
        }
        return StatementFormat.whole(source, lines).withBalances(List.of(opening, closing));
    }

    private static StatementLine entry(FixedWidth.Record r, String source, String account, LocalDate day) {
        String type = r.raw("entry_type");
        if (!"D".equals(type) && !"C".equals(type)) {
            throw r.bad("entry_type", "must be D or C, got '" + type + "'");
        }
        long category = r.number("category");
        if (category / 100 != ("D".equals(type) ? 1 : 2)) {
            throw r.bad("category", "a " + ("D".equals(type) ? "debit's" : "credit's") + " category is "
                    + ("D".equals(type) ? "1xx" : "2xx") + ", got " + r.raw("category"));
        }
        long amount = r.number("amount");
        if (amount <= 0) {
            throw r.bad("amount", "must be positive");
        }
        LocalDate booking = date(r, "entry_date");
        if (!booking.equals(day)) {
            throw r.bad("entry_date", "is " + booking + " but the statement is of " + day
                    + " (its opening balance date): one statement covers one date");
        }
        String kind = kind(r, category);
        String document = r.alfa("document");
        boolean isE2e = E2E.matcher(document).matches();
        StatementLine l = StatementFormat.line(source, r.recordNo(), account, booking.toString(),
                date(r, "accounting_date").toString(), lineId(r), type, amount, isE2e ? document : "",
                isE2e ? "" : document, r.alfa("history"), kind);
        boolean reversal = category == 103 || category == 204;
        return reversal ? new StatementLine(l.lineNo(), l.lineId(), l.account(), l.bookingDate(), l.valueDate(),
                l.direction(), l.amount(), l.e2eid(), l.reference(), l.counterparty(), l.kind(), EntryStatus.BOOKED, true) : l;
    }

    /** The line id we write in the complement; a bank's file (or a line id too long for it): the record number. */
    private static String lineId(FixedWidth.Record r) {
        String id = r.alfa("complement");
        return id.isEmpty() ? "CNAB-" + r.raw("batch") + "-" + r.raw("record_seq") : id;
    }

    /** A Pix end-to-end id (Bacen): E or D, the ISPB, yyyyMMddHHmm, 11 letters or digits. */
    static final java.util.regex.Pattern E2E = java.util.regex.Pattern.compile("[ED][0-9]{20}[A-Za-z0-9]{11}");

    /** The kind from our history code, else from FEBRABAN's category (a real bank's own codes). */
    private static String kind(FixedWidth.Record r, long category) {
        String code = r.alfa("history_code");
        for (Map.Entry<String, String> e : HISTORY_BY_KIND.entrySet()) {
            if (e.getValue().equals(code)) {
                return e.getKey();
            }
        }
        if (category == 105) {
            return "FEE";
        }
        return category / 100 == 1 ? "PIX_OUT" : "PIX_IN";
    }

    private static StatementBalance balance(FixedWidth.Record r, BalanceType type, String prefix) {
        String sign = r.raw(prefix + "_sign");
        if (!"D".equals(sign) && !"C".equals(sign)) {
            throw r.bad(prefix + "_sign", "must be D or C, got '" + sign + "'");
        }
        long amount = r.number(prefix + "_amount");
        return new StatementBalance(type, "D".equals(sign) ? -amount : amount, date(r, prefix + "_date"));
    }

    private static LocalDate date(FixedWidth.Record r, String field) {
        try {
            return LocalDate.parse(r.raw(field), DDMMYYYY);
        } catch (DateTimeParseException e) {
            throw r.bad(field, "must be a date DDMMAAAA, got '" + r.raw(field) + "'");
        }
    }

    private static void same(String bank, FixedWidth.Record r) {
        if (!r.raw("bank").equals(bank)) {
            throw r.bad("bank", "is " + r.raw("bank") + " but the file header says " + bank);
        }
    }

    private static void sameBatch(FixedWidth.Record header, FixedWidth.Record r) {
        if (!r.raw("batch").equals(header.raw("batch"))) {
            throw r.bad("batch", "is " + r.raw("batch") + " but the batch header says " + header.raw("batch"));
        }
    }

    private static void control(FixedWidth.Record r, String field, long expected, String what) {
        if (r.number(field) != expected) {
            throw r.bad(field, "says " + r.number(field) + " but there are " + expected + " " + what);
        }
    }

    /** The file's records one at a time, each at most 240 characters and a line end (CR LF or LF). */
    private static final class Records {
        private final Reader in;
        private final String source;
        private final char[] buf = new char[LENGTH + 2];
        private long recordNo;
        private boolean eof;

        Records(Reader in, String source) {
            this.in = in;
            this.source = source;
        }

        /** The next record, which must be of {@code layout}. */
        FixedWidth.Record next(FixedWidth layout, String what) {
            return nextOf(layout, layout, what);
        }

        /** The next record, of {@code a} or {@code b}, picked by its record type at position 8. */
        FixedWidth.Record nextOf(FixedWidth a, FixedWidth b) {
            return nextOf(a, b, "a " + a.name() + " or a " + b.name());
        }

        private FixedWidth.Record nextOf(FixedWidth a, FixedWidth b, String what) {
            String text = line();
            if (text == null) {
                throw new BadInputException(source + ": record " + (recordNo + 1) + ": the file ends where " + what
                        + " was expected; nothing was imported");
            }
            if (text.length() < 8) {
                throw FixedWidth.bad(source, recordNo, text.length() + 1, null, "the record has " + text.length()
                        + " characters, a CNAB 240 record has " + LENGTH);
            }
            FixedWidth l = Cnab240Layout.BY_TYPE.get(text.charAt(7));
            if (l != a && l != b) {
                throw FixedWidth.bad(source, recordNo, 8, null, "record type '" + text.charAt(7) + "' where " + what
                        + " was expected");
            }
            return l.parse(text, source, recordNo);
        }

        /** After the file trailer: nothing but one final line end. */
        void end() {
            String text = line();
            if (text != null) {
                throw FixedWidth.bad(source, recordNo, 1, null, "text after the file trailer");
            }
        }

        private String line() {
            if (eof) {
                return null;
            }
            try {
                int n = 0;
                int c;
                while ((c = in.read()) >= 0 && c != '\n') {
                    if (n == buf.length) {
                        throw FixedWidth.bad(source, recordNo + 1, LENGTH + 1, null, "the record is longer than "
                                + LENGTH + " characters");
                    }
                    buf[n++] = (char) c;
                }
                if (c < 0) {
                    eof = true;
                    if (n == 0) {
                        return null;
                    }
                }
                recordNo++;
                if (n > 0 && buf[n - 1] == '\r') {
                    n--;
                }
                return new String(buf, 0, n);
            } catch (IOException e) {
                throw new BadInputException("cannot read " + source + ": " + e.getMessage());
            }
        }
    }
}
