package io.pilotlight.health;

import java.util.Map;
import java.util.function.Consumer;

/**
 * What routing needs from the health system: the current verdict of each named check (after
 * thresholds, inversion, disabling, the vantage-point rule and calculated children), and a
 * notification when any verdict changes.
 */
public interface HealthView {
    /** The verdict of a check; an unknown check name is {@link HealthStatus#UNKNOWN}. */
    HealthStatus status(String check);

    /** Every check's verdict at one instant. */
    Map<String, HealthStatus> snapshot();

    /** Called on every change of a check's aggregate verdict, on the health system's thread; keep it quick. */
    void subscribe(Consumer<HealthEvent> listener);
}
