package io.pilotlight.health;

/** One attempt to reach an endpoint. Never throws: every failure is a result with its reason. */
@FunctionalInterface
interface Probe {
    ProbeResult run();
}
