package io.pilotlight.faults;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a random {@link FaultSchedule} may contain, validated here.
 *
 * @param length            when the schedule ends (with a final heal); 1 ms to 24 h
 * @param changes           how many random changes before the final heal; 1 to 10,000
 * @param kinds             the kinds of change to draw from, uniformly; at least one
 * @param maxLatency        largest one-way latency a {@link FaultKind#LATENCY} change draws (from 1 ms); 1 ms to 60 s
 * @param minBytesPerSecond smallest cap a {@link FaultKind#BANDWIDTH} change draws (up to 64 times it); at least 1
 * @param partition         what partitions do to bytes: {@link Partition#DROP} or {@link Partition#HOLD}
 */
public record ScheduleSpec(Duration length, int changes, Set<FaultKind> kinds, Duration maxLatency, long minBytesPerSecond,
                           Partition partition) {
    public ScheduleSpec {
        Require.between("length", length, Duration.ofMillis(1), Duration.ofHours(24));
        Require.between("changes", changes, 1, 10_000);
        Require.nonNull("kinds", kinds);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("kinds = [] is out of range; allowed: one or more of " + EnumSet.allOf(FaultKind.class));
        }
        kinds = Set.copyOf(kinds);
        Require.between("maxLatency", maxLatency, Duration.ofMillis(1), LinkFaults.MAX_LATENCY);
        Require.atLeast("minBytesPerSecond", minBytesPerSecond, 1, "");
        Require.nonNull("partition", partition);
        if (partition == Partition.NONE) {
            throw new IllegalArgumentException("partition = NONE is out of range; allowed: DROP or HOLD");
        }
    }

    /** Every kind, 8 changes, latency up to 100 ms, caps from 64 KiB/s, partitions that drop bytes. */
    public static ScheduleSpec of(Duration length) {
        return new ScheduleSpec(length, 8, EnumSet.allOf(FaultKind.class), Duration.ofMillis(100), 64 * 1024, Partition.DROP);
    }

    public ScheduleSpec withChanges(int changes) {
        return new ScheduleSpec(length, changes, kinds, maxLatency, minBytesPerSecond, partition);
    }

    public ScheduleSpec withKinds(Set<FaultKind> kinds) {
        return new ScheduleSpec(length, changes, kinds, maxLatency, minBytesPerSecond, partition);
    }

    public ScheduleSpec withMaxLatency(Duration maxLatency) {
        return new ScheduleSpec(length, changes, kinds, maxLatency, minBytesPerSecond, partition);
    }

    public ScheduleSpec withMinBytesPerSecond(long minBytesPerSecond) {
        return new ScheduleSpec(length, changes, kinds, maxLatency, minBytesPerSecond, partition);
    }

    public ScheduleSpec withPartition(Partition partition) {
        return new ScheduleSpec(length, changes, kinds, maxLatency, minBytesPerSecond, partition);
    }
}
