package io.pilotlight.dns.control;

import java.time.Instant;

/** One routing control: a record set member that an operator can switch off or on. */
public record ControlState(String control, boolean on, Instant changedAt, String changedBy, String reason) {
}
