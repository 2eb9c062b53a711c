package io.mbp.statement;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our account at a PSP as statements name it, {@code ISPB-BRANCH-NUMBER} (e.g.
 * {@code 60701190-0001-000123456}, {@link io.mbp.payout.PspAccount}), and its parts as CNAB 240 and
 * OFX carry them (ADR 0510, 0511): the branch at least 4 digits and the number at least 9, so the
 * zero-filled CNAB fields give the same text back.
 */
final class Accounts {
    private static final Pattern FORM = Pattern.compile("([0-9]{8})-([0-9]{4,5})-([0-9]{9,12})");

    record Parts(String ispb, String branch, String number) {
        String account() {
            return ispb + "-" + branch + "-" + number;
        }
    }

    private Accounts() {
    }

    /** The parts of {@code account}; an account of another form cannot be written as CNAB 240 or OFX. */
    static Parts split(String account) {
        Matcher m = FORM.matcher(account);
        if (!m.matches() || !canonical(m.group(2), 4).equals(m.group(2)) || !canonical(m.group(3), 9).equals(m.group(3))) {
            throw new IllegalArgumentException("account " + account + " is not of the form ISPB-BRANCH-NUMBER "
                    + "(8 digits, 4-5 digits, 9-12 digits, no extra leading zeros)");
        }
        return new Parts(m.group(1), m.group(2), m.group(3));
    }

    /** The account a CNAB 240 batch header names: ISPB from the agreement, branch and number unpadded to 4 and 9. */
    static String join(FixedWidth.Record batch) {
        String ispb = batch.alfa("agreement");
        if (!ispb.matches("[0-9]{8}")) {
            throw batch.bad("agreement", "must be the PSP's 8-digit ISPB, got '" + ispb + "'");
        }
        return new Parts(ispb, canonical(batch.raw("branch"), 4), canonical(batch.raw("account"), 9)).account();
    }

    /** {@code digits} without leading zeros beyond {@code min} digits. */
    static String canonical(String digits, int min) {
        int i = 0;
        while (i < digits.length() - min && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
