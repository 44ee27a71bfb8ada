package io.pilotlight.faults;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link ProxyStats}. */
final class Counters {
    final LongAdder accepted = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder reset = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    private final LongAdder[] delivered = {new LongAdder(), new LongAdder()};
    private final LongAdder[] dropped = {new LongAdder(), new LongAdder()};

    void delivered(Direction direction, long bytes) {
        delivered[direction.ordinal()].add(bytes);
    }

    void dropped(Direction direction, long bytes) {
        dropped[direction.ordinal()].add(bytes);
    }

    ProxyStats snapshot(int open) {
        return new ProxyStats(accepted.sum(), open, refused.sum(), reset.sum(), connectFailures.sum(),
                delivered[0].sum(), delivered[1].sum(), dropped[0].sum(), dropped[1].sum());
    }
}
