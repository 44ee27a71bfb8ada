package io.pilotlight.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every acknowledged write a test's clients saw: what a checker compares with the survivors and the ledgers. */
final class AckLog {
    record Acked(String key, String value, long index, long epoch, long ackTime) {
    }

    final List<Acked> acks = new CopyOnWriteArrayList<>();

    void add(String key, String value, StoreClient.Ack ack) {
        acks.add(new Acked(key, value, ack.version(), ack.epoch(), ack.ackTime()));
    }
}
