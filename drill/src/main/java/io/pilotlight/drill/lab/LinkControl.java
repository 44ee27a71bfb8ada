package io.pilotlight.drill.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A drill's hand on a running lab's links, through each proxy's control API as recorded in the
 * lab's {@code lab.json}: cut every link to and from a region (a partition: bytes dropped both
 * ways, new connections refused), or heal them back to the topology's latency.
 */
public final class LinkControl {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
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
        String partition = "\"partition\":\"DROP\",\"latencyMs\":" + halfRoundTripMillis;
        return apply(region, "{\"upstream\":{" + partition + "},\"downstream\":{" + partition + "},\"refuseConnections\":true}");
    }

    /** Back to the topology's latency and nothing else; returns how many links. */
    public int heal(String region) throws Exception {
        String latency = "\"latencyMs\":" + halfRoundTripMillis;
        return apply(region, "{\"upstream\":{" + latency + "},\"downstream\":{" + latency + "}}");
    }

    private int apply(String region, String faults) throws Exception {
        int changed = 0;
        for (JsonNode link : links) {
            if (link.path("from").asText().equals(region) || link.path("to").asText().equals(region)) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + link.path("control").asText() + "/faults"))
                        .timeout(Duration.ofSeconds(2)).PUT(HttpRequest.BodyPublishers.ofString(faults)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("the lab link " + link.path("from").asText() + " -> " + link.path("to").asText()
                            + " refused the change: " + response.body());
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
