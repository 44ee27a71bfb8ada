package io.pilotlight.faults;

/**
 * What a partition does to the bytes of one direction. In every mode the connections stay open
 * (nothing is closed or reset by a partition) and end-of-stream or a reset from the sender is held
 * back until the partition heals, as TCP would retransmit a FIN or RST.
 */
public enum Partition {
    /** No partition: bytes flow. */
    NONE,
    /**
     * Black hole: bytes are swallowed and lost for good (counted as dropped). The sender's writes
     * keep succeeding. After healing, the same connection carries bytes again, but its stream has a
     * gap where the dropped bytes were — a real TCP stream never has one, so treat such a
     * connection as broken (reset it when healing) unless the protocol on top copes.
     */
    DROP,
    /**
     * Stall: bytes are held back and delivered in order once the partition heals, what TCP does
     * during a partition shorter than its retransmission timeout. The proxy buffers a bounded
     * amount per connection and direction, then stops reading, so the sender's writes block.
     */
    HOLD;

    /** True when bytes do not get through. */
    public boolean blocks() {
        return this != NONE;
    }
}
