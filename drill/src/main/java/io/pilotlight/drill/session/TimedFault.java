package io.pilotlight.drill.session;

import io.pilotlight.drill.Fault;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A fault that remembers when it was injected, so a drill that ends early can say whether it ended before or after t0. */
public final class TimedFault implements Fault {
    private final Fault fault;
    private final AtomicReference<Instant> injectedAt;
    private final java.time.Clock clock;

    /** @param injectedAt receives the instant of t0; stays null while the fault has not been injected */
    public TimedFault(Fault fault, AtomicReference<Instant> injectedAt, java.time.Clock clock) {
        this.clock = clock;
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
        injectedAt.set(clock.instant());
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

    @Override
    public boolean settled() {
        return fault.settled();
    }

    @Override
    public boolean targetSurvives() {
        return fault.targetSurvives();
    }
}
