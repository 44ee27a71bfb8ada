package io.pilotlight.store.coord;

/**
 * Who holds the writer lease. {@code live} is false once it has expired or been released; the
 * epoch only grows, and every grant to a writer gets a new one. {@code successor} names the region
 * a switchover handed the lease to, while only that region may take it (null otherwise).
 * {@link #UNREACHABLE} (epoch -1) is the answer when the coordinator could not be asked: never
 * to be read as "nobody holds the lease".
 */
public record LeaseInfo(String holder, long epoch, long expiresAtMillis, boolean live, String successor) {
    public static final LeaseInfo NONE = new LeaseInfo(null, 0, 0, false, null);
    public static final LeaseInfo UNREACHABLE = new LeaseInfo(null, -1, 0, false, null);

    public boolean reachable() {
        return epoch >= 0;
    }
}
