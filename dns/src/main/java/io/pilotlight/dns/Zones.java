package io.pilotlight.dns;

import java.util.List;
import org.xbill.DNS.Name;

/** Every zone served, looked up by the longest apex that contains a query name. */
public record Zones(List<ZoneData> zones, long serial) {

    ZoneData find(Name name) {
        ZoneData best = null;
        for (ZoneData zone : zones) {
            if (name.subdomain(zone.apex()) && (best == null || zone.apex().labels() > best.apex().labels())) {
                best = zone;
            }
        }
        return best;
    }

    /** Routed groups ("api.example.com A") and the control ids of their members. */
    public java.util.Map<String, List<String>> routedGroups() {
        java.util.Map<String, List<String>> groups = new java.util.LinkedHashMap<>();
        for (ZoneData zone : zones) {
            zone.owners().forEach((owner, byType) -> byType.values().forEach(group -> {
                if (group.policy() != RecordGroup.Policy.SIMPLE) {
                    groups.put(owner.toString(true) + " " + org.xbill.DNS.Type.string(group.type()),
                            group.members().stream().map(Member::id).toList());
                }
            }));
        }
        return groups;
    }

    public List<String> apexes() {
        return zones.stream().map(z -> z.apex().toString()).toList();
    }
}
