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

    public List<String> apexes() {
        return zones.stream().map(z -> z.apex().toString()).toList();
    }
}
