package io.pilotlight.store.node;

/**
 * An acknowledged write that a failover discarded: the exact RPO of that failover, kept for the operator.
 *
 * @param ackTime     when the old writer made it durable and acknowledged it (epoch ms)
 * @param rolledBackAt when this node rolled it back on rejoining (epoch ms)
 * @param newEpoch    the epoch of the writer whose log replaced it
 */
public record LostWrite(String key, String value, long index, long epoch, long ackTime, long rolledBackAt, long newEpoch) {
}
