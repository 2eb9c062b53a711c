package io.mbp.oracle;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Time-weighted average of consensus values over a window: each value holds from its round until
 * the next one, and the value in effect when the window opens counts from the window's start.
 * The one division rounds HALF_EVEN at the largest scale among the values used.
 */
public final class Twap {
    private Twap() {
    }

    public record Point(long at, BigDecimal value) {
    }

    /** The TWAP over {@code [at - window, at]} of {@code points} (sorted by time), or null with no point. */
    public static BigDecimal of(List<Point> points, long at, long window) {
        long start = at - window;
        BigDecimal current = null;
        long segStart = start;
        BigDecimal sum = BigDecimal.ZERO;
        long total = 0;
        int scale = 0;
        for (Point p : points) {
            if (p.at() > at) {
                break;
            }
            if (p.at() <= start) {
                current = p.value();
                continue;
            }
            if (current != null) {
                sum = sum.add(current.multiply(BigDecimal.valueOf(p.at() - segStart)));
                total += p.at() - segStart;
                scale = Math.max(scale, current.scale());
            }
            current = p.value();
            segStart = p.at();
        }
        if (current == null) {
            return null;
        }
        scale = Math.max(scale, current.scale());
        sum = sum.add(current.multiply(BigDecimal.valueOf(at - segStart)));
        total += at - segStart;
        if (total == 0) {
            return current;
        }
        return sum.divide(BigDecimal.valueOf(total), scale, RoundingMode.HALF_EVEN);
    }
}
