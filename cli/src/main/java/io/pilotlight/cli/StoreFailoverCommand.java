package io.pilotlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "failover", mixinStandardHelpOptions = true,
        description = {"Unplanned failover: promotes a replica without the old writer, once the old writer's lease must have",
            "lapsed (the new writer gets a higher epoch; the old one is fenced). Without --to, the reachable replica",
            "with the longest log. Asynchronous writes the old writer had not replicated are lost: they appear in the",
            "old writer's lost-writes ledger when it returns."},
        footer = {"", "Exit codes: 0 promoted, 1 refused, 2 bad input."})
final class StoreFailoverCommand implements Callable<Integer> {
    @CommandLine.Mixin
    PeersOption peers;

    @Option(names = "--to", description = "Region to promote (default: the most up-to-date reachable replica).")
    String to;

    @Option(names = "--wait", defaultValue = "10s", description = "How long to wait for the old lease to lapse (default: ${DEFAULT-VALUE}).")
    java.time.Duration wait;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> nodes = peers.map();
        String target = to != null ? to : mostUpToDate(nodes);
        if (target == null || !nodes.containsKey(target)) {
            throw new IllegalArgumentException(to == null ? "no replica answers; nothing to promote"
                    : "--to \"" + to + "\" is not one of the peers " + nodes.keySet());
        }
        StoreHttp.Reply reply = StoreHttp.post(nodes.get(target) + "/promote?wait_ms=" + wait.toMillis());
        if (!reply.ok()) {
            spec.commandLine().getErr().println("failover refused: " + reply.body().path("message").asText());
            return ExitCodes.OBJECTIVE_MISSED;
        }
        spec.commandLine().getOut().println(reply.body().path("summary").asText());
        return ExitCodes.OK;
    }

    static String currentWriter(Map<String, String> nodes) {
        for (Map.Entry<String, String> node : nodes.entrySet()) {
            try {
                JsonNode status = StoreHttp.get(node.getValue() + "/status").body();
                if ("WRITER".equals(status.path("role").asText()) && status.path("leaseValid").asBoolean()) {
                    return node.getKey();
                }
            } catch (Exception unreachable) {
                // try the next
            }
        }
        return null;
    }

    private static String mostUpToDate(Map<String, String> nodes) {
        String best = null;
        long bestIndex = -1;
        for (Map.Entry<String, String> node : nodes.entrySet()) {
            try {
                JsonNode status = StoreHttp.get(node.getValue() + "/status").body();
                if ("REPLICA".equals(status.path("role").asText()) && status.path("lastIndex").asLong() > bestIndex) {
                    best = node.getKey();
                    bestIndex = status.path("lastIndex").asLong();
                }
            } catch (Exception unreachable) {
                // an unreachable replica cannot be promoted
            }
        }
        return best;
    }
}
