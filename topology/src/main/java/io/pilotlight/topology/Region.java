package io.pilotlight.topology;

import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.Omittable;

public record Region(
        @Doc("primary (serves and writes), standby (takes over on failover), active (active-active peer) or witness (holds only a"
                + " coordination member: no service, data, compute or DNS record).") RegionRole role,
        @Doc("IP address the region's components listen on in the lab, e.g. 127.0.1.1.") @Omittable String address,
        @Doc("Jurisdiction whose law governs data stored here, e.g. EU; used for data-residency advice.") @Omittable String jurisdiction) {
}
