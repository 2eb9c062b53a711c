package io.mbp.cli;

import io.mbp.events.FieldException;
import io.mbp.events.Timestamps;
import java.time.Instant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses an ISO-8601 timestamp with a zone ({@code 2026-11-27T16:00:00Z}) for picocli options. */
public final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return Timestamps.parse("time", value);
        } catch (FieldException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
