package io.pilotlight.health;

/**
 * Hears every probe as it completes (and every scheduled probe that was skipped): for metrics,
 * benchmarks and debugging. Called on the probe's own thread; keep it quick.
 */
public interface ProbeListener {
    ProbeListener NONE = probe -> { };

    void probed(ProbeRecord probe);

    /** A scheduled probe did not run: the previous one was still running, or its slot had passed. */
    default void skipped(String check, String vantage, String reason) {
    }
}
