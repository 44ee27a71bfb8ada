package io.pilotlight.topology;

import io.pilotlight.topology.spec.UpperCaseValues;

@UpperCaseValues
public enum HealthCheckType {
    HTTP,
    HTTPS,
    TCP,
    CALCULATED
}
