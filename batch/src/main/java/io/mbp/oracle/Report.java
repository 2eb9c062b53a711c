package io.mbp.oracle;

import java.math.BigDecimal;

/**
 * An accepted report as the aggregator reads it: {@code raw} exactly as the source sent it,
 * {@code number} its exact decimal (numeric events) or null (categorical ones).
 */
public record Report(String source, long observedAtEpochSecond, String raw, BigDecimal number) {
}
