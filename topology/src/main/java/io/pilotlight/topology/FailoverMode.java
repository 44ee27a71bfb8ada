package io.pilotlight.topology;

public enum FailoverMode {
    AUTOMATIC,
    MANUAL
}
