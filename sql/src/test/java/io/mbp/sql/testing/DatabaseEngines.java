package io.mbp.sql.testing;

import io.mbp.sql.Engine;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/** The one source of engines for {@link EveryEngine}: a fresh {@link TestDatabase} per engine and invocation. */
public final class DatabaseEngines implements ArgumentsProvider {
    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        return Arrays.stream(Engine.values()).map(e -> Arguments.of(new TestDatabase(e)));
    }
}
