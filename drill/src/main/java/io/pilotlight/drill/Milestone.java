package io.pilotlight.drill;

/** A point on a drill's timeline, in ms from the fault; {@code atMillis} is -1 when it never happened. */
public record Milestone(String name, long atMillis, String evidence) {
}
