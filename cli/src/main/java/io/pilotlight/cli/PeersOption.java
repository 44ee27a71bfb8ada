package io.pilotlight.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** --peer REGION=URL, repeated: every store node by region. */
final class PeersOption {
    @Option(names = "--peer", required = true, paramLabel = "REGION=URL",
            description = "A store node by region, repeated for every node (this one too), e.g. us-east-1=http://127.0.1.1:7001.")
    List<String> peers;

    Map<String, String> map() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String peer : peers) {
            String[] parts = peer.split("=", 2);
            if (parts.length != 2 || !parts[1].startsWith("http")) {
                throw new IllegalArgumentException("--peer \"" + peer + "\" is not REGION=URL, e.g. us-east-1=http://127.0.1.1:7001");
            }
            out.put(parts[0], parts[1].endsWith("/") ? parts[1].substring(0, parts[1].length() - 1) : parts[1]);
        }
        return out;
    }
}
