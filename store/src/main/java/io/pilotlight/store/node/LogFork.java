package io.pilotlight.store.node;

import java.util.function.LongUnaryOperator;

/**
 * Where a node's log stops agreeing with a writer's. Two logs that hold an entry of the same epoch
 * at the same index hold the same entries up to it (an epoch has one writer, which only appends),
 * so the entries that agree form a prefix and a binary search finds its end: the first index whose
 * epoch differs between the node's log and the writer's history. Everything from there on was never
 * part of the writer's log.
 */
final class LogFork {
    private LogFork() {
    }

    /**
     * The first index of the node's log (1..{@code lastIndex}) that the writer's log does not hold,
     * or -1 when the whole log is a prefix of the writer's.
     *
     * @param epochAt the epoch of the node's own entry at an index
     */
    static long firstDivergent(LongUnaryOperator epochAt, long lastIndex, EpochHistory writer) {
        if (lastIndex <= 0 || agrees(epochAt, lastIndex, writer)) {
            return -1;
        }
        long low = 1;
        long high = lastIndex; // invariant: high disagrees; everything below low agrees
        while (low < high) {
            long middle = low + (high - low) / 2;
            if (agrees(epochAt, middle, writer)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return high;
    }

    private static boolean agrees(LongUnaryOperator epochAt, long index, EpochHistory writer) {
        return epochAt.applyAsLong(index) == writer.epochAt(index);
    }
}
