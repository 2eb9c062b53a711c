package io.mbp.statement;

import io.mbp.input.InputLimits;
import io.mbp.input.StrictText;
import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.time.LocalDateTime;

/**
 * The statement layouts Brazilian banks send besides ISO 20022: FEBRABAN CNAB 240 extrato (ADR 0510)
 * and OFX 1.x/2.x (ADR 0511). Read streaming as strict UTF-8 within {@link InputLimits} (ADR 0507);
 * a malformed file is refused whole (exit 4) naming the record and position (CNAB) or the line (OFX).
 */
public final class BankStatements {
    private BankStatements() {
    }

    /** The statement as a CNAB 240 retorno file (CR LF records); only booked lines are listed. */
    public static byte[] writeCnab240(Statement s, LocalDateTime createdAt) {
        return Cnab240.write(s, createdAt);
    }

    public static Statement readCnab240(byte[] data, String source) {
        return readCnab240(StrictText.reader(new ByteArrayInputStream(data), source, InputLimits.STATEMENTS), source,
                InputLimits.STATEMENTS);
    }

    /** Reads a CNAB 240 extrato from a (strict UTF-8) reader within {@code limits}; a pure entry point for tests and fuzzing. */
    public static Statement readCnab240(Reader reader, String source, InputLimits limits) {
        return Cnab240.read(reader, source, limits);
    }

    /** The statement as OFX 1.6 SGML ({@code v2} false) or OFX 2.2 XML; only booked lines are listed. */
    public static byte[] writeOfx(Statement s, boolean v2, LocalDateTime createdAt) {
        return Ofx.write(s, v2 ? Ofx.Version.V2 : Ofx.Version.V1, createdAt);
    }

    public static Statement readOfx(byte[] data, String source) {
        return readOfx(StrictText.reader(new ByteArrayInputStream(data), source, InputLimits.STATEMENTS), source,
                InputLimits.STATEMENTS);
    }

    /** Reads OFX 1.x or 2.x from a (strict UTF-8) reader within {@code limits}; a pure entry point for tests and fuzzing. */
    public static Statement readOfx(Reader reader, String source, InputLimits limits) {
        return Ofx.read(reader, source, limits);
    }

    /**
     * The layout of a file that starts with {@code head} (up to the first 4096 characters), by content:
     * "OFXHEADER" or an XML file with an {@code <?OFX} instruction is OFX, other XML is camt.053, a
     * first line of 240 characters whose 8th is '0' (a file header) is CNAB 240, anything else our CSV.
     */
    public static StatementFormat.Layout sniff(String head) {
        String h = head.stripLeading();
        if (h.startsWith("OFXHEADER")) {
            return StatementFormat.Layout.OFX;
        }
        if (h.startsWith("<")) {
            return h.contains("<?OFX") || h.startsWith("<OFX>") ? StatementFormat.Layout.OFX : StatementFormat.Layout.CAMT053;
        }
        int eol = h.indexOf('\n');
        String first = eol < 0 ? h : h.substring(0, eol);
        first = first.endsWith("\r") ? first.substring(0, first.length() - 1) : first;
        return first.length() == Cnab240Layout.LENGTH && first.charAt(7) == '0' && first.chars().limit(8)
                .allMatch(c -> c >= '0' && c <= '9') ? StatementFormat.Layout.CNAB240 : StatementFormat.Layout.CSV;
    }
}
