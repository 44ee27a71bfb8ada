package io.pilotlight.faults;

import java.util.List;

/** Something faults can be applied to: a {@link FaultyProxy}, or several at once. */
public interface FaultTarget {
    /** Replaces the current faults; existing connections are affected from now on. */
    void faults(Faults faults);

    /** Resets every open connection now; returns how many were reset. */
    int resetAll();

    /** One target that applies everything to all of {@code targets}, e.g. every link of one region. */
    static FaultTarget all(List<? extends FaultTarget> targets) {
        List<FaultTarget> copy = List.copyOf(targets);
        return new FaultTarget() {
            @Override
            public void faults(Faults faults) {
                copy.forEach(target -> target.faults(faults));
            }

            @Override
            public int resetAll() {
                return copy.stream().mapToInt(FaultTarget::resetAll).sum();
            }
        };
    }
}
