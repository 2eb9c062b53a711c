package io.mbp.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stored {@code type} string of an event record. It is part of every leaf hash, so it never
 * changes: renaming the Java record is fine, renaming this value rewrites history.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {
    String value();
}
