package io.mbp.cli.payout;

import java.math.BigDecimal;

/** Centavos to "R$ 1234.56" for people; never used for anything computed. */
public final class Money {
    private Money() {
    }

    public static String brl(long centavos) {
        return "R$ " + BigDecimal.valueOf(centavos, 2).toPlainString();
    }
}
