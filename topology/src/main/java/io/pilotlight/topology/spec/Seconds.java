package io.pilotlight.topology.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A duration that Route 53 and Terraform users write as a bare number of seconds
 * ({@code ttl: 60}, {@code request_interval: 10}); the bare number is accepted here as seconds.
 * Elsewhere a duration needs its unit, because "15" could be minutes or seconds.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Seconds {
}
