package io.mbp.sql.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * A test that runs once per database engine: H2, SQLite and PostgreSQL (docs/postgres.md). The method
 * takes a {@link TestDatabase} as its first parameter; each invocation gets fresh, empty databases. The
 * PostgreSQL run is skipped (reported as such) only when no server was given: {@code scripts/test}
 * always gives one ({@code -Dmbp.test.pg=URL}, from {@code scripts/postgres start}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ParameterizedTest(name = "[{index}] {0}")
@ArgumentsSource(DatabaseEngines.class)
public @interface EveryEngine {
}
