package io.pilotlight.topology;

import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.Omittable;
import java.util.List;

public record Zone(
        @Doc("Start of authority; defaults are derived from the zone name.") @Omittable Soa soa,
        @Doc("Name servers of the zone (NS records at the apex); ns1.ZONE when left out.") List<String> nameServers,
        @Doc("The record sets of the zone.") List<RecordSet> recordSets) {

    public Zone {
        nameServers = nameServers == null ? List.of() : nameServers;
        recordSets = recordSets == null ? List.of() : recordSets;
    }
}
