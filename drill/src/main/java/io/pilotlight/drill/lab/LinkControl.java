package io.pilotlight.drill.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotlight.http.HttpAnswer;
import io.pilotlight.http.JsonHttp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A drill's hand on a running lab's links, through each proxy's control API as recorded in the
 * lab's {@code lab.json}: cut every link to and from a region (a partition: bytes dropped both
 * ways, new connections refused), or heal them back to the topology's latency.
 */
public final class LinkControl {
    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(2));
    private final List<JsonNode> links = new ArrayList<>();
    private final double halfRoundTripMillis;

    private LinkControl(LabFile lab) {
        links.addAll(lab.links());
        this.halfRoundTripMillis = lab.roundTripMillis() / 2.0;
    }

    public static LinkControl of(Path labState) throws java.io.IOException {
        return new LinkControl(LabFile.read(labState));
    }

    /** Cuts every link to and from the region; returns how many. */
    public int cut(String region) throws Exception {
        Map<String, Object> partition = Map.of("partition", "DROP", "latencyMs", halfRoundTripMillis);
        return apply(region, Map.of("upstream", partition, "downstream", partition, "refuseConnections", true));
    }

    /** Back to the topology's latency and nothing else; returns how many links. */
    public int heal(String region) throws Exception {
        Map<String, Object> latency = Map.of("latencyMs", halfRoundTripMillis);
        return apply(region, Map.of("upstream", latency, "downstream", latency));
    }

    private int apply(String region, Map<String, Object> faults) throws Exception {
        int changed = 0;
        for (JsonNode link : links) {
            if (link.path("from").asText().equals(region) || link.path("to").asText().equals(region)) {
                HttpAnswer answer = http.put(URI.create("http://" + link.path("control").asText() + "/faults"), faults);
                if (answer.status() != 200) {
                    throw new IllegalStateException("the lab link " + link.path("from").asText() + " -> " + link.path("to").asText()
                            + " refused the change: " + answer.text());
                }
                changed++;
            }
        }
        if (changed == 0) {
            throw new IllegalStateException("the lab has no links to or from " + region + " (lab.json has none: was it started by this version?)");
        }
        return changed;
    }
}
