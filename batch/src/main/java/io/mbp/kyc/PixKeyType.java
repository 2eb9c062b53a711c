package io.mbp.kyc;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The four kinds of PIX key a customer may register for payouts (Bacen DICT), recognised by shape:
 * a CPF (11 digits, valid check digits), a Brazilian mobile number in E.164 ({@code +55} + 2-digit
 * area code + 9-digit number starting with 9), an e-mail address, or a random key (EVP, a UUID).
 */
public enum PixKeyType {
    CPF, PHONE, EMAIL, EVP;

    private static final Pattern PHONE_BR = Pattern.compile("\\+55[1-9][1-9]9\\d{8}");
    private static final Pattern EMAIL_SHAPE = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The key's type, or empty when it is none of the four (the key itself is never echoed: it is personal data). */
    public static Optional<PixKeyType> of(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        if (key.matches("\\d{11}")) {
            return Cpf.isValid(key) ? Optional.of(CPF) : Optional.empty();
        }
        if (key.startsWith("+")) {
            return PHONE_BR.matcher(key).matches() ? Optional.of(PHONE) : Optional.empty();
        }
        if (key.contains("@")) {
            return isEmail(key) ? Optional.of(EMAIL) : Optional.empty();
        }
        return UUID_SHAPE.matcher(key).matches() ? Optional.of(EVP) : Optional.empty();
    }

    /** E.164 Brazilian mobile number. */
    public static boolean isPhone(String text) {
        return text != null && PHONE_BR.matcher(text).matches();
    }

    /** An e-mail address of at most 77 characters (the DICT limit). */
    public static boolean isEmail(String text) {
        return text != null && text.length() <= 77 && EMAIL_SHAPE.matcher(text).matches();
    }
}
