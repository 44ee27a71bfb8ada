package io.pilotlight.dns;

import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.SOARecord;

/**
 * One compiled zone: its SOA and NS, its record groups by lower-case owner name and type, and every
 * name that exists (owners and the empty non-terminals between them and the apex), which decides
 * NXDOMAIN against NODATA.
 */
record ZoneData(Name apex, SOARecord soa, java.util.List<NSRecord> nameServers, Map<Name, Map<Integer, RecordGroup>> owners,
                Set<Name> existingNames) {

    Map<Integer, RecordGroup> groupsAt(Name owner) {
        return owners.getOrDefault(owner, Map.of());
    }

    boolean exists(Name name) {
        return existingNames.contains(name);
    }

    /** Negative-caching TTL (RFC 2308): the smaller of the SOA's TTL and its minimum field. */
    long negativeTtl() {
        return Math.min(soa.getTTL(), soa.getMinimum());
    }
}
