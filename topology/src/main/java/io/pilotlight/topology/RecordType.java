package io.pilotlight.topology;

import io.pilotlight.topology.spec.UpperCaseValues;

@UpperCaseValues
public enum RecordType {
    A,
    AAAA,
    CNAME,
    TXT,
    MX,
    SRV,
    CAA,
    NS
}
