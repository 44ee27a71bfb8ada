package io.pilotlight.store.node;

import java.util.ArrayList;
import java.util.List;

/**
 * Which epoch wrote which part of the log: each entry says "epoch E starts at index I". A node
 * inherits its writer's history and appends to it when promoted. A node that follows a writer
 * compares its own log with the writer's history, entry by entry (by epoch and index), to find
 * where the two logs forked.
 */
record EpochHistory(List<Start> starts) {
    record Start(long epoch, long firstIndex) {
    }

    static EpochHistory parse(String text) {
        List<Start> starts = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                String[] fields = part.split(":");
                starts.add(new Start(Long.parseLong(fields[0].trim()), Long.parseLong(fields[1].trim())));
            }
        }
        for (int i = 1; i < starts.size(); i++) {
            if (starts.get(i).epoch() <= starts.get(i - 1).epoch() || starts.get(i).firstIndex() < starts.get(i - 1).firstIndex()) {
                throw new IllegalArgumentException("epoch history \"" + text + "\" is not increasing at " + starts.get(i).epoch() + ":"
                        + starts.get(i).firstIndex() + "; expected EPOCH:FIRST_INDEX pairs with both growing");
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

    /**
     * The history of a node that becomes the writer of {@code epoch} with its log ending at
     * {@code firstIndex - 1}: starts it inherited for entries it never received (at or past
     * {@code firstIndex}) are dropped, or they would claim entries this log does not have.
     */
    EpochHistory with(long epoch, long firstIndex) {
        List<Start> next = new ArrayList<>(starts);
        next.removeIf(s -> s.epoch() >= epoch || s.firstIndex() >= firstIndex);
        next.add(new Start(epoch, firstIndex));
        return new EpochHistory(List.copyOf(next));
    }

    /** The epoch that wrote {@code index} in the log this history describes; 0 before the first start. */
    long epochAt(long index) {
        long epoch = 0;
        for (Start start : starts) {
            if (start.firstIndex() > index) {
                break;
            }
            epoch = start.epoch();
        }
        return epoch;
    }

    /** The newest epoch in this history (the writer's own, on a writer); 0 when empty. */
    long lastEpoch() {
        return starts.isEmpty() ? 0 : starts.getLast().epoch();
    }
}
