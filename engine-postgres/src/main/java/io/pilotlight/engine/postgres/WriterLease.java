package io.pilotlight.engine.postgres;

import java.time.Instant;

/**
 * Who may be the writer of a PostgreSQL data store, at which lease epoch, until when. A new writer is
 * promoted only after the holder's lease must have lapsed; the holder's guard fences its server
 * before that.
 *
 * @param holder  the region holding it ("" when nobody ever did)
 * @param epoch   grows with every new holder; a holder renews only at its own epoch
 * @param expires when it lapses unless renewed
 */
public record WriterLease(String holder, long epoch, Instant expires) {
    public static final WriterLease NONE = new WriterLease("", 0, Instant.EPOCH);

    public boolean heldBy(String region, Instant now) {
        return holder.equals(region) && now.isBefore(expires);
    }

    public boolean live(Instant now) {
        return !holder.isEmpty() && now.isBefore(expires);
    }
}
