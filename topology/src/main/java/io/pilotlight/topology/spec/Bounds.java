package io.pilotlight.topology.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Inclusive bounds of a number or a duration, written as in YAML ({@code "1"}, {@code "10s"}).
 * An empty string means unbounded on that side.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Bounds {
    String min() default "";

    String max() default "";
}
