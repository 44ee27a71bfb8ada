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

    /**
     * Reads {@link #format()}'s text, strictly: {@code EPOCH:FIRST_INDEX} pairs of whole numbers, 1
     * or more, separated by commas, both growing; the empty text (or null) is the empty history.
     * Anything else is an {@link IllegalArgumentException} quoting the text and the part at fault.
     */
    static EpochHistory parse(String text) {
        List<Start> starts = new ArrayList<>();
        if (text != null && !text.isEmpty()) {
            String[] parts = text.split(",", -1);
            for (String part : parts) {
                int colon = part.indexOf(':');
                if (colon < 0) {
                    throw malformed(text, part, "it has no ':'");
                }
                starts.add(new Start(number(text, part, part.substring(0, colon), "epoch"), number(text, part, part.substring(colon + 1), "first index")));
            }
        }
        for (int i = 1; i < starts.size(); i++) {
            if (starts.get(i).epoch() <= starts.get(i - 1).epoch() || starts.get(i).firstIndex() < starts.get(i - 1).firstIndex()) {
                throw new IllegalArgumentException("epoch history \"" + shown(text) + "\" is not increasing at " + starts.get(i).epoch() + ":"
                        + starts.get(i).firstIndex() + "; expected EPOCH:FIRST_INDEX pairs with both growing");
            }
        }
        return new EpochHistory(List.copyOf(starts));
    }

    private static long number(String text, String part, String digits, String what) {
        long value = -1;
        if (!digits.isEmpty() && digits.length() <= 19 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                value = Long.parseLong(digits);
            } catch (NumberFormatException tooLarge) {
                value = -1;
            }
        }
        if (value < 1) {
            throw malformed(text, part, "its " + what + " \"" + shown(digits) + "\" is not a whole number from 1 to " + Long.MAX_VALUE);
        }
        return value;
    }

    private static IllegalArgumentException malformed(String text, String part, String why) {
        return new IllegalArgumentException("epoch history \"" + shown(text) + "\" is malformed at \"" + shown(part) + "\": " + why
                + "; expected EPOCH:FIRST_INDEX pairs separated by commas, e.g. 1:1,3:601");
    }

    /** Text fit for a message: at most 120 characters, control characters escaped. */
    private static String shown(String text) {
        String cut = text.length() > 120 ? text.substring(0, 120) + "... (" + text.length() + " characters)" : text;
        StringBuilder out = new StringBuilder();
        cut.chars().forEach(c -> out.append(c < 0x20 || c == 0x7F ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
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
