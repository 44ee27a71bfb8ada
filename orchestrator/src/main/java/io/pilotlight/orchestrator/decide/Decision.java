package io.pilotlight.orchestrator.decide;

/** The controller's decision and the reason in plain words, logged and served as is. */
public record Decision(Action action, String target, String reason) {
}
