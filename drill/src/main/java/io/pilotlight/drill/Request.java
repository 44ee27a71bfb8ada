package io.pilotlight.drill;

/** One synthetic client request: when it finished (ms since the epoch) and whether it succeeded. */
public record Request(long atMillis, boolean ok) {
}
