package io.pilotlight.store.node;

/** A planned switchover: from, to, the new epoch, and how long writes were refused. */
public record SwitchoverReport(String from, String to, long newEpoch, long lastIndex, long writeGapMillis, String summary) {
}
