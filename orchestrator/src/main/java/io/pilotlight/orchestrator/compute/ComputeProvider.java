package io.pilotlight.orchestrator.compute;

/** Runs a service's instances per region. Every call is idempotent: it brings the count to what is asked. */
public interface ComputeProvider extends AutoCloseable {
    /** Brings the service in the region to exactly {@code instances} running; returns what it did in plain words. */
    String scale(String service, String region, int instances) throws Exception;

    /**
     * Asks for the count without waiting for it (what a controller does for every region when it takes charge, so one
     * region's absence never holds up the others); by default the same as {@link #scale}.
     */
    default String request(String service, String region, int instances) throws Exception {
        return scale(service, region, instances);
    }

    /** Instances of the service running in the region now. */
    int running(String service, String region);

    @Override
    void close();
}
