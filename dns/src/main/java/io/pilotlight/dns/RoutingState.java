package io.pilotlight.dns;

/** Operator routing controls as routing sees them: a member switched off is treated as unhealthy. */
@FunctionalInterface
public interface RoutingState {
    RoutingState ALL_ON = member -> true;

    boolean isOn(String memberId);
}
