package io.pilotlight.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/** Draws the steps of a random {@link FaultSchedule}; every draw comes from one seeded source, in a fixed order. */
final class ScheduleGenerator {
    private ScheduleGenerator() {
    }

    static List<FaultSchedule.Step> generate(long seed, ScheduleSpec spec) {
        SplittableRandom random = new SplittableRandom(seed);
        List<FaultKind> kinds = List.copyOf(EnumSet.copyOf(spec.kinds()));
        long lengthMillis = spec.length().toMillis();
        long[] offsets = random.longs(spec.changes(), 0, lengthMillis).sorted().toArray();
        List<FaultSchedule.Step> steps = new ArrayList<>();
        Faults current = Faults.NONE;
        for (long offset : offsets) {
            FaultKind kind = kinds.get(random.nextInt(kinds.size()));
            Faults next = kind == FaultKind.RESET ? current : draw(kind, spec, random);
            steps.add(new FaultSchedule.Step(Duration.ofMillis(offset), next, kind == FaultKind.RESET));
            current = next;
        }
        steps.add(new FaultSchedule.Step(spec.length(), Faults.NONE, false));
        return steps;
    }

    private static Faults draw(FaultKind kind, ScheduleSpec spec, SplittableRandom random) {
        return switch (kind) {
            case LATENCY -> Faults.NONE.with(Direction.UPSTREAM, latency(spec, random))
                    .with(Direction.DOWNSTREAM, latency(spec, random));
            case BANDWIDTH -> Faults.NONE.withBandwidth((long) (spec.minBytesPerSecond() * Math.pow(2, random.nextDouble(6))));
            case ONE_WAY_PARTITION -> Faults.NONE.partitioned(random.nextBoolean() ? Direction.UPSTREAM : Direction.DOWNSTREAM,
                    spec.partition());
            case TWO_WAY_PARTITION -> Faults.NONE.partitioned(spec.partition());
            case REFUSE -> Faults.NONE.partitioned(spec.partition()).refusingConnections(true);
            case RESET, HEAL -> Faults.NONE;
        };
    }

    private static LinkFaults latency(ScheduleSpec spec, SplittableRandom random) {
        long latency = random.nextLong(1, spec.maxLatency().toMillis() + 1);
        long jitter = random.nextLong(0, latency / 2 + 1);
        return LinkFaults.NONE.withLatency(Duration.ofMillis(latency), Duration.ofMillis(jitter));
    }
}
