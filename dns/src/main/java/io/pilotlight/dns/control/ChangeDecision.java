package io.pilotlight.dns.control;

/** The answer to a requested change: applied or refused, and why in plain words. */
public record ChangeDecision(boolean applied, String control, boolean on, String reason) {
}
