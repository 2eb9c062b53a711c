package io.mbp.kyc;

/**
 * CPF (Cadastro de Pessoas Físicas) numbers: 11 digits, the last two check digits computed mod 11
 * from the first nine (weights 10..2, then 11..2). Accepts digits only or the printed form
 * {@code 000.000.000-00}; refuses numbers whose digits are all the same (valid by the arithmetic,
 * never issued).
 */
public final class Cpf {
    private Cpf() {
    }

    /** The 11 digits of {@code text}, or null when it is not a CPF (no reason given: it may be personal data). */
    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String digits;
        if (text.matches("\\d{11}")) {
            digits = text;
        } else if (text.matches("\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}")) {
            digits = text.replace(".", "").replace("-", "");
        } else {
            return null;
        }
        return isValid(digits) ? digits : null;
    }

    /** True when {@code digits} is 11 digits, not all the same, with both check digits right. */
    public static boolean isValid(String digits) {
        if (digits == null || !digits.matches("\\d{11}")) {
            return false;
        }
        if (digits.chars().distinct().count() == 1) {
            return false;
        }
        return checkDigits(digits.substring(0, 9)).equals(digits.substring(9));
    }

    /** The two check digits of a 9-digit base. */
    public static String checkDigits(String base9) {
        if (base9 == null || !base9.matches("\\d{9}")) {
            throw new IllegalArgumentException("a CPF base is 9 digits");
        }
        int d1 = digit(base9, 10);
        int d2 = digit(base9 + d1, 11);
        return "" + d1 + d2;
    }

    private static int digit(String base, int firstWeight) {
        int sum = 0;
        for (int i = 0; i < base.length(); i++) {
            sum += (base.charAt(i) - '0') * (firstWeight - i);
        }
        int r = (sum * 10) % 11;
        return r == 10 ? 0 : r;
    }
}
