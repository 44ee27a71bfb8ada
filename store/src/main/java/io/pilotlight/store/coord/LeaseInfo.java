package io.pilotlight.store.coord;

/**
 * Who holds the writer lease. {@code live} is false once it has expired or been released; the
 * epoch only grows, and every grant to a writer gets a new one.
 */
public record LeaseInfo(String holder, long epoch, long expiresAtMillis, boolean live) {
    public static final LeaseInfo NONE = new LeaseInfo(null, 0, 0, false);
}
