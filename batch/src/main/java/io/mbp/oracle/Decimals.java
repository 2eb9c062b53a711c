package io.mbp.oracle;

import io.mbp.events.FieldException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Decimal strings as the oracle accepts them: plain notation only ({@code -12.345}), no exponent,
 * no sign on zero tricks, no floating point anywhere. Parsed into {@link BigDecimal}, which is exact.
 */
public final class Decimals {
    private static final Pattern PLAIN = Pattern.compile("-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,18})?");

    private Decimals() {
    }

    public static boolean isPlain(String text) {
        return text != null && PLAIN.matcher(text).matches();
    }

    public static BigDecimal parse(String field, String text) {
        if (!isPlain(text)) {
            throw new FieldException(field, "must be a plain decimal string such as \"5.4321\" (no exponent, no spaces), got "
                    + (text == null ? "nothing" : "\"" + text + "\""));
        }
        return new BigDecimal(text);
    }
}
