package io.pilotlight.topology.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The enum's values are written in upper case as Route 53 writes them ({@code HTTPS}, {@code PRIMARY}).
 * Without it, {@code GLOBAL_DATABASE} is written {@code global-database}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface UpperCaseValues {
}
