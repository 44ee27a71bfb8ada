package io.pilotlight.orchestrator.compute;

/** Runs a service's instances per region. Every call is idempotent: it brings the count to what is asked. */
public interface ComputeProvider extends AutoCloseable {
    /** Brings the service in the region to exactly {@code instances} running; returns what it did in plain words. */
    String scale(String service, String region, int instances) throws Exception;

    /** Instances of the service running in the region now. */
    int running(String service, String region);

    @Override
    void close();
}
