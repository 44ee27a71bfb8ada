package io.pilotlight.store.node;

/** A promotion: the new epoch, how long it waited for the old lease to lapse, and the log position it starts from. */
public record PromotionReport(String region, long epoch, long waitedMillis, long lastIndex, String summary) {
}
