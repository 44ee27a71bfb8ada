package io.pilotlight.planner;

import io.pilotlight.topology.load.LoadedTopology;
import io.pilotlight.topology.load.TopologyException;
import io.pilotlight.topology.load.TopologyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Topologies for planner tests: the shipped examples, and a small pilot light to vary line by line. */
public final class Fixtures {
    public static final String PILOT_LIGHT = """
            name: test
            pattern: pilot-light
            objectives: {rto: 30m, rpo: 5m}
            regions:
              east: {role: primary}
              west: {role: standby}
            services:
              api:
                health_check: {type: HTTP, port: 8080, request_interval: 10s, failure_threshold: 3, timeout: 2s}
                endpoints:
                  east: {address: 127.0.1.1}
                  west: {address: 127.0.2.1}
            dns:
              zones:
                example.com:
                  record_sets:
                    - {name: api, type: A, ttl: 60, set_identifier: p, failover_routing_policy: {type: PRIMARY}, health_check: api-east, records: [127.0.1.1]}
                    - {name: api, type: A, ttl: 60, set_identifier: s, failover_routing_policy: {type: SECONDARY}, health_check: api-west, records: [127.0.2.1]}
            data_stores:
              orders: {kind: global-database, writer: east, replication: {mode: async, lag_bound: 1s}}
            compute:
              api:
                instance_ready_time: 3m
                capacity:
                  east: {active: 4}
                  west: {active: 4, standby: 0}
            failover: {decision_delay: 1m}
            drills:
              - {name: monthly, scenario: region-outage, every: 30d}
            """;

    private Fixtures() {
    }

    public static LoadedTopology load(String yaml) {
        try {
            return TopologyLoader.parse("test.yaml", yaml);
        } catch (TopologyException e) {
            throw new AssertionError("fixture does not load: " + e.getMessage(), e);
        }
    }

    /** The pilot light fixture with one text replaced; fails loudly when the text is not there. */
    public static LoadedTopology pilotLightWith(String find, String replace) {
        if (!PILOT_LIGHT.contains(find)) {
            throw new AssertionError("fixture has no \"" + find + "\"");
        }
        return load(PILOT_LIGHT.replace(find, replace));
    }

    public static Plan plan(LoadedTopology loaded) {
        return Planner.forTopology(loaded, null);
    }

    public static LoadedTopology example(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples"))) {
            dir = dir.getParent();
        }
        try {
            return TopologyLoader.load(dir.resolve("examples").resolve(name + ".yaml"));
        } catch (TopologyException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static String read(Path path) throws IOException {
        return Files.readString(path);
    }
}
