package io.pilotlight.drill;

/** A write the service acknowledged to a synthetic client, with the acknowledgement time (ms since the epoch). */
public record AckedWrite(String key, String value, long ackMillis) {
}
