package io.pilotlight.drill.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code lab up} records in {@code STATE_DIR/lab.json}: its supervisor and each process it
 * started (pid, start time and command line: see {@link ProcessIdentity}), the addresses it serves
 * on, the round trip between regions and every link's control API.
 */
public record LabFile(ProcessIdentity supervisorIdentity, Map<String, ProcessIdentity> processes, long roundTripMillis,
                      List<JsonNode> links, JsonNode raw) {
    public static final String NAME = "lab.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static LabFile read(Path stateDir) throws IOException {
        JsonNode lab = JSON.readTree(stateDir.resolve(NAME).toFile());
        List<JsonNode> links = new ArrayList<>();
        lab.path("links").forEach(links::add);
        Map<String, ProcessIdentity> processes = new LinkedHashMap<>();
        lab.path("processes").properties().forEach(e -> processes.put(e.getKey(), identity(e.getValue())));
        return new LabFile(identity(lab.path("supervisor")), processes, lab.path("round_trip_ms").asLong(0), links, lab);
    }

    /** A recorded process; a bare pid (a lab file from before identities were recorded) never matches a live process. */
    private static ProcessIdentity identity(JsonNode node) {
        return node.isObject() ? new ProcessIdentity(node.path("pid").asLong(), node.path("started_ms").asLong(), node.path("command").asText())
                : new ProcessIdentity(node.asLong(), Long.MIN_VALUE, "");
    }

    /** Records a lab that serves: written by its supervisor once every process is ready. */
    public static void write(Path stateDir, ProcessIdentity supervisor, Map<String, ProcessIdentity> processes, String dns,
                             String dnsAdmin, String coordinator, int storePort, long roundTripMillis, List<LabLinks.Link> links)
            throws IOException {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("supervisor", supervisor);
        state.put("processes", processes);
        state.put("dns", dns);
        state.put("dns_admin", dnsAdmin);
        state.put("coordinator", coordinator);
        state.put("store_port", storePort);
        state.put("round_trip_ms", roundTripMillis);
        state.put("links", links.stream().map(link -> Map.of("from", link.from(), "to", link.to(),
                "listen", link.listen().getHostString() + ":" + link.listen().getPort(),
                "control", link.control().getHostString() + ":" + link.control().getPort())).toList());
        java.nio.file.Files.write(stateDir.resolve(NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
    }

    /** The DNS server's address, as recorded (null in a lab file from before addresses were recorded). */
    public String dns() {
        return raw.path("dns").asText(null);
    }

    public String dnsAdmin() {
        return raw.path("dns_admin").asText(null);
    }

    public String coordinator() {
        return raw.path("coordinator").asText(null);
    }

    /** The store nodes' port; 0 when not recorded. */
    public int storePort() {
        return raw.path("store_port").asInt(0);
    }

    /** The lab in that directory, if its supervisor is alive (the very process recorded, not a reused pid). */
    public static Optional<LabFile> running(Path stateDir) {
        try {
            LabFile lab = read(stateDir);
            return lab.supervisorIdentity().live().map(alive -> lab);
        } catch (IOException none) {
            return Optional.empty();
        }
    }

    public long supervisor() {
        return supervisorIdentity.pid();
    }

    /** A started process by name, e.g. store-us-east-1, if it still runs. */
    public Optional<ProcessHandle> process(String name) {
        ProcessIdentity recorded = processes.get(name);
        return recorded == null ? Optional.empty() : recorded.live();
    }

    /** Every recorded process that still runs as recorded. */
    public List<ProcessHandle> processHandles() {
        List<ProcessHandle> handles = new ArrayList<>();
        processes.values().forEach(p -> p.live().ifPresent(handles::add));
        return handles;
    }
}
