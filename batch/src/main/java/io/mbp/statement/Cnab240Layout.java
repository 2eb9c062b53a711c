package io.mbp.statement;

import static io.mbp.statement.FixedWidth.Type.ALFA;
import static io.mbp.statement.FixedWidth.Type.NUM;
import static io.mbp.statement.FixedWidth.alfa;
import static io.mbp.statement.FixedWidth.fixed;
import static io.mbp.statement.FixedWidth.num;

import java.util.Map;

/**
 * FEBRABAN CNAB 240, "extrato de conta corrente para conciliação bancária" (service 04, entry form
 * 40, batch layout 033, detail segment E): every field of the five record types we read and write,
 * one table per record type, positions 1-based and inclusive as the published layout numbers them
 * (ADR 0510 names the sources). {@code NUM} is the layout's 9(n) (digits, zero-filled), {@code ALFA}
 * its X(n) (blank-filled). Amounts are 9(16)V99: 18 digits, the last two centavos.
 */
final class Cnab240Layout {
    static final int LENGTH = 240;

    private Cnab240Layout() {
    }

    /** Record type 0. */
    static final FixedWidth FILE_HEADER = new FixedWidth("file header (record type 0)", LENGTH,
            num("bank", 1, 3),
            fixed("batch", 4, 7, NUM, "0000"),
            fixed("record_type", 8, 8, NUM, "0"),
            alfa("cnab_1", 9, 17),
            num("company_id_type", 18, 18),
            num("company_id", 19, 32),
            alfa("agreement", 33, 52),
            num("branch", 53, 57),
            alfa("branch_dv", 58, 58),
            num("account", 59, 70),
            alfa("account_dv", 71, 71),
            alfa("branch_account_dv", 72, 72),
            alfa("company_name", 73, 102),
            alfa("bank_name", 103, 132),
            alfa("cnab_2", 133, 142),
            fixed("file_code", 143, 143, NUM, "2"), // 2 = retorno: a file from the bank
            num("created_date", 144, 151), // DDMMAAAA
            num("created_time", 152, 157), // HHMMSS
            num("file_seq", 158, 163),
            num("file_layout", 164, 166),
            num("density", 167, 171),
            alfa("bank_reserved", 172, 191),
            alfa("company_reserved", 192, 211),
            alfa("cnab_3", 212, 240));

    /** Record type 1: the statement's account and its opening balance. */
    static final FixedWidth BATCH_HEADER = new FixedWidth("batch header (record type 1)", LENGTH,
            num("bank", 1, 3),
            num("batch", 4, 7),
            fixed("record_type", 8, 8, NUM, "1"),
            fixed("operation", 9, 9, ALFA, "E"), // E = extrato
            fixed("service", 10, 11, NUM, "04"), // 04 = conciliação bancária
            fixed("entry_form", 12, 13, NUM, "40"), // 40 = extrato de conta corrente
            num("batch_layout", 14, 16),
            alfa("cnab_1", 17, 17),
            num("company_id_type", 18, 18),
            num("company_id", 19, 32),
            alfa("agreement", 33, 52),
            num("branch", 53, 57),
            alfa("branch_dv", 58, 58),
            num("account", 59, 70),
            alfa("account_dv", 71, 71),
            alfa("branch_account_dv", 72, 72),
            alfa("company_name", 73, 102),
            alfa("cnab_2", 103, 142),
            num("opening_date", 143, 150), // DDMMAAAA
            num("opening_amount", 151, 168), // 9(16)V99
            alfa("opening_sign", 169, 169), // D or C
            alfa("opening_status", 170, 170), // F final, P partial, I intraday
            alfa("currency", 171, 173),
            num("statement_seq", 174, 178),
            alfa("cnab_3", 179, 240));

    /** Record type 3, segment E: one entry. */
    static final FixedWidth SEGMENT_E = new FixedWidth("segment E (record type 3)", LENGTH,
            num("bank", 1, 3),
            num("batch", 4, 7),
            fixed("record_type", 8, 8, NUM, "3"),
            num("record_seq", 9, 13),
            fixed("segment", 14, 14, ALFA, "E"),
            alfa("cnab_1", 15, 17),
            num("company_id_type", 18, 18),
            num("company_id", 19, 32),
            alfa("agreement", 33, 52),
            num("branch", 53, 57),
            alfa("branch_dv", 58, 58),
            num("account", 59, 70),
            alfa("account_dv", 71, 71),
            alfa("branch_account_dv", 72, 72),
            alfa("company_name", 73, 102),
            alfa("cnab_2", 103, 108),
            alfa("nature", 109, 111), // DPV available, SCR linked, SSR blocked, CDS several
            num("complement_type", 112, 113), // 00: the complement is the bank's own text
            alfa("complement", 114, 133), // we: the statement line id
            alfa("cpmf", 134, 134),
            num("accounting_date", 135, 142), // data contábil, DDMMAAAA: we, the value date
            num("entry_date", 143, 150), // data do lançamento, DDMMAAAA: the booking date
            num("amount", 151, 168), // 9(16)V99
            alfa("entry_type", 169, 169), // D or C
            num("category", 170, 172), // FEBRABAN category: 1xx debits, 2xx credits
            alfa("history_code", 173, 176), // the bank's own code: we, the line kind
            alfa("history", 177, 201), // we: the counterparty
            alfa("document", 202, 240)); // we: the E2EID, else the reference

    /** Record type 5: the closing balance and the control totals. */
    static final FixedWidth BATCH_TRAILER = new FixedWidth("batch trailer (record type 5)", LENGTH,
            num("bank", 1, 3),
            num("batch", 4, 7),
            fixed("record_type", 8, 8, NUM, "5"),
            alfa("cnab_1", 9, 17),
            num("company_id_type", 18, 18),
            num("company_id", 19, 32),
            alfa("agreement", 33, 52),
            num("branch", 53, 57),
            alfa("branch_dv", 58, 58),
            num("account", 59, 70),
            alfa("account_dv", 71, 71),
            alfa("branch_account_dv", 72, 72),
            alfa("cnab_2", 73, 88),
            num("linked_prev_day", 89, 106),
            num("overdraft_limit", 107, 124),
            num("blocked", 125, 142),
            num("closing_date", 143, 150), // DDMMAAAA
            num("closing_amount", 151, 168), // 9(16)V99
            alfa("closing_sign", 169, 169), // D or C
            alfa("closing_status", 170, 170), // F final, P partial, I intraday
            num("record_count", 171, 176), // records of the batch, its header and trailer included
            num("debit_total", 177, 194),
            num("credit_total", 195, 212),
            alfa("cnab_3", 213, 240));

    /** Record type 9. */
    static final FixedWidth FILE_TRAILER = new FixedWidth("file trailer (record type 9)", LENGTH,
            num("bank", 1, 3),
            fixed("batch", 4, 7, NUM, "9999"),
            fixed("record_type", 8, 8, NUM, "9"),
            alfa("cnab_1", 9, 17),
            num("batch_count", 18, 23),
            num("record_count", 24, 29), // every record of the file
            num("account_count", 30, 35),
            alfa("cnab_2", 36, 240));

    /** The layout of each record type, by the character at position 8. */
    static final Map<Character, FixedWidth> BY_TYPE = Map.of('0', FILE_HEADER, '1', BATCH_HEADER, '3', SEGMENT_E,
            '5', BATCH_TRAILER, '9', FILE_TRAILER);

    /** Our line kinds as history codes (the bank's own 4-character codes, ours for the simulated PSP). */
    static final Map<String, String> HISTORY_BY_KIND = Map.of("PIX_OUT", "PIXE", "PIX_IN", "PIXR", "RETURN", "PIXD",
            "FEE", "TARI");
}
