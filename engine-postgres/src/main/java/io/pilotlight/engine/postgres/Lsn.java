package io.pilotlight.engine.postgres;

import io.pilotlight.engine.Position;

/** PostgreSQL's log sequence numbers ("0/3000060") as numbers, and positions on a timeline. */
final class Lsn {
    private Lsn() {
    }

    static long parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an LSN: " + text);
        }
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

    static String text(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }

    static Position position(long timeline, long lsn) {
        return new Position(timeline, lsn, "timeline " + timeline + ", " + text(lsn));
    }
}
