package io.pilotlight.topology;

import io.pilotlight.topology.spec.UpperCaseValues;

@UpperCaseValues
public enum FailoverRole {
    PRIMARY,
    SECONDARY
}
