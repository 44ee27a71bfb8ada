package io.pilotlight.store.node;

import java.util.ArrayList;
import java.util.List;

/**
 * Which epoch wrote which part of the log: each entry says "epoch E starts at index I". A node
 * inherits its writer's history and appends to it when promoted. A returning writer compares it
 * with its own log to find where the logs forked.
 */
record EpochHistory(List<Start> starts) {
    record Start(long epoch, long firstIndex) {
    }

    static EpochHistory parse(String text) {
        List<Start> starts = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                String[] fields = part.split(":");
                starts.add(new Start(Long.parseLong(fields[0]), Long.parseLong(fields[1])));
            }
        }
        return new EpochHistory(List.copyOf(starts));
    }

    String format() {
        StringBuilder out = new StringBuilder();
        for (Start start : starts) {
            out.append(out.isEmpty() ? "" : ",").append(start.epoch()).append(':').append(start.firstIndex());
        }
        return out.toString();
    }

    EpochHistory with(long epoch, long firstIndex) {
        List<Start> next = new ArrayList<>(starts);
        next.removeIf(s -> s.epoch() >= epoch);
        next.add(new Start(epoch, firstIndex));
        return new EpochHistory(List.copyOf(next));
    }

    /** The first index written by an epoch newer than {@code epoch}, or -1: where a log ending in {@code epoch} forks from this one. */
    long forkAfter(long epoch) {
        return starts.stream().filter(s -> s.epoch() > epoch).mapToLong(Start::firstIndex).min().orElse(-1);
    }
}
