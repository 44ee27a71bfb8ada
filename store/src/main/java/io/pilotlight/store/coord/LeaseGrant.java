package io.pilotlight.store.coord;

/** The answer to a lease request: granted with the epoch, or refused with the holder and why. */
public record LeaseGrant(boolean granted, long epoch, String holder, long expiresAtMillis, String reason) {
}
