package io.pilotlight.dns;

import io.pilotlight.topology.DnsNames;
import io.pilotlight.topology.RecordSet;
import io.pilotlight.topology.RecordType;
import io.pilotlight.topology.Soa;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.Zone;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** Turns the topology's validated DNS section into {@link Zones} ready to answer from. */
public final class ZoneCompiler {
    private ZoneCompiler() {
    }

    /** @param serial SOA serial to use where the file gives none (e.g. the load time in seconds) */
    public static Zones compile(Topology topology, long serial) {
        List<ZoneData> zones = new ArrayList<>();
        topology.dnsOrEmpty().zones().forEach((name, zone) -> zones.add(compileZone(name, zone, serial)));
        return new Zones(List.copyOf(zones), serial);
    }

    private static ZoneData compileZone(String zoneName, Zone zone, long serial) {
        Name apex = Names.of(zoneName);
        SOARecord soa = soa(apex, zone.soa(), serial);
        List<NSRecord> nameServers = new ArrayList<>();
        List<String> servers = zone.nameServers().isEmpty() ? List.of("ns1." + DnsNames.canonical(zoneName)) : zone.nameServers();
        for (String server : servers) {
            nameServers.add(new NSRecord(apex, DClass.IN, 172_800, Names.of(server)));
        }
        Map<Name, Map<Integer, List<Member>>> building = new LinkedHashMap<>();
        for (RecordSet set : zone.recordSets()) {
            Name owner = Names.of(DnsNames.absolute(set.name(), zoneName));
            int type = Type.value(set.type().name());
            building.computeIfAbsent(owner, k -> new LinkedHashMap<>()).computeIfAbsent(type, k -> new ArrayList<>())
                    .add(member(owner, set, zoneName));
        }
        Map<Name, Map<Integer, RecordGroup>> owners = new LinkedHashMap<>();
        building.forEach((owner, byType) -> {
            Map<Integer, RecordGroup> groups = new LinkedHashMap<>();
            byType.forEach((type, members) -> groups.put(type, new RecordGroup(type, List.copyOf(members))));
            owners.put(owner, Map.copyOf(groups));
        });
        return new ZoneData(apex, soa, List.copyOf(nameServers), Map.copyOf(owners), existingNames(apex, owners.keySet()));
    }

    private static Set<Name> existingNames(Name apex, Set<Name> owners) {
        Set<Name> names = new HashSet<>();
        names.add(apex);
        for (Name owner : owners) {
            Name walk = owner;
            while (walk.labels() > apex.labels() && names.add(walk)) {
                walk = new Name(walk, 1);
            }
        }
        return Set.copyOf(names);
    }

    private static SOARecord soa(Name apex, Soa given, long serial) {
        Soa soa = given != null ? given : new Soa(null, null, null, java.time.Duration.ofHours(2), java.time.Duration.ofMinutes(15),
                java.time.Duration.ofDays(14), java.time.Duration.ofSeconds(60), java.time.Duration.ofMinutes(15));
        Name mname = soa.mname() != null ? Names.of(soa.mname()) : Names.of("ns1." + apex);
        Name rname = soa.rname() != null ? Names.of(soa.rname()) : Names.of("hostmaster." + apex);
        long effectiveSerial = soa.serial() != null ? soa.serial() : serial & 0xFFFFFFFFL;
        return new SOARecord(apex, DClass.IN, soa.ttl().toSeconds(), mname, rname, effectiveSerial, soa.refresh().toSeconds(),
                soa.retry().toSeconds(), soa.expire().toSeconds(), soa.minimum().toSeconds());
    }

    private static Member member(Name owner, RecordSet set, String zoneName) {
        String ownerText = owner.toString(true);
        String id = set.setIdentifier() == null ? ownerText : ownerText + "/" + set.setIdentifier();
        List<Record> records = new ArrayList<>();
        long ttl = set.ttl().toSeconds();
        for (String value : set.records()) {
            records.add(record(owner, set.type(), ttl, value));
        }
        Name alias = set.alias() == null ? null : Names.of(DnsNames.absolute(set.alias().name(), zoneName));
        return new Member(id, Type.value(set.type().name()), set.setIdentifier(),
                set.failoverRoutingPolicy() == null ? null : set.failoverRoutingPolicy().type(),
                set.weightedRoutingPolicy() == null ? -1 : set.weightedRoutingPolicy().weight(),
                set.multivalueAnswerRoutingPolicy(), set.healthCheck(), set.region(), set.failClosed(), List.copyOf(records),
                alias, set.alias() != null && set.alias().evaluateTargetHealth());
    }

    static Record record(Name owner, RecordType type, long ttl, String value) {
        if (type == RecordType.TXT) {
            List<String> chunks = new ArrayList<>();
            for (int i = 0; i < value.length(); i += 255) {
                chunks.add(value.substring(i, Math.min(value.length(), i + 255)));
            }
            return new TXTRecord(owner, DClass.IN, ttl, chunks.isEmpty() ? List.of("") : chunks);
        }
        try {
            return Record.fromString(owner, Type.value(type.name()), DClass.IN, ttl, value, Name.root);
        } catch (IOException e) {
            throw new IllegalArgumentException("record " + owner + " " + type + " \"" + value + "\": " + e.getMessage(), e);
        }
    }
}
