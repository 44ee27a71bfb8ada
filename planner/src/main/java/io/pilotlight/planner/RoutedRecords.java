package io.pilotlight.planner;

import io.pilotlight.topology.RecordSet;
import io.pilotlight.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/** The record sets whose answer changes on failover (those with a routing policy), with their field paths. */
public record RoutedRecords(List<Entry> entries) {

    public record Entry(String zone, int index, RecordSet set) {
        /** The set's field path in the topology file, e.g. dns.zones.shop.example.record_sets[2]. */
        public String path() {
            return io.pilotlight.topology.load.Paths.key("dns.zones", zone) + ".record_sets[" + index + "]";
        }
    }

    public static RoutedRecords of(Topology topology) {
        List<Entry> entries = new ArrayList<>();
        topology.dnsOrEmpty().zones().forEach((zone, content) -> {
            for (int i = 0; i < content.recordSets().size(); i++) {
                RecordSet set = content.recordSets().get(i);
                if (set.hasRoutingPolicy()) {
                    entries.add(new Entry(zone, i, set));
                }
            }
        });
        return new RoutedRecords(List.copyOf(entries));
    }
}
