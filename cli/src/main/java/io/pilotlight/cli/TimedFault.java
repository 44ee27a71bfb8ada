package io.pilotlight.cli;

import io.pilotlight.drill.Fault;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A fault that remembers when it was injected, so a drill that ends early can say whether it ended before or after t0. */
final class TimedFault implements Fault {
    private final Fault fault;
    private final AtomicReference<Instant> injectedAt;

    /** @param injectedAt receives the instant of t0; stays null while the fault has not been injected */
    TimedFault(Fault fault, AtomicReference<Instant> injectedAt) {
        this.fault = fault;
        this.injectedAt = injectedAt;
    }

    @Override
    public String scenario() {
        return fault.scenario();
    }

    @Override
    public String describe() {
        return fault.describe();
    }

    @Override
    public void inject() throws Exception {
        injectedAt.set(Instant.now());
        fault.inject();
    }

    @Override
    public String heal() throws Exception {
        return fault.heal();
    }

    @Override
    public boolean planned() {
        return fault.planned();
    }
}
