package io.pilotlight.cli;

import io.pilotlight.planner.report.TextTable;
import io.pilotlight.store.ContentDigest;
import io.pilotlight.store.ContentReport;
import io.pilotlight.store.admin.StoreAdminClient;
import io.pilotlight.store.node.NodeStatus;
import io.pilotlight.store.node.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows every node: role, epoch, log position, and each replica's lag in entries and milliseconds",
            "(the RPO a failover would cost right now); then compares the data of nodes at the same log index by content",
            "(a digest per key range) and reports any divergence (exit code 1)."})
final class StoreStatusCommand implements Callable<Integer> {
    @CommandLine.Mixin
    PeersOption peers;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFormat.textOrJson(format, spec);
        TextTable table = new TextTable("", "REGION", "ROLE", "EPOCH", "LAST INDEX", "LAG ENTRIES", "LAG MS", "NOTE");
        var json = JsonOutput.JSON.createObjectNode();
        Map<String, ContentDigest> digests = new LinkedHashMap<>();
        List<String> noDigest = new ArrayList<>();
        String writerRegion = null;
        for (Map.Entry<String, String> peer : peers.map().entrySet()) {
            StoreAdminClient node = new StoreAdminClient(peer.getValue());
            try {
                NodeStatus status = node.statusOrThrow();
                json.set(peer.getKey(), JsonOutput.snakeCase(JsonOutput.JSON.valueToTree(status), Set.of("replicas")));
                boolean writer = status.role() == Role.WRITER;
                writerRegion = writer ? peer.getKey() : writerRegion;
                node.digest().ifPresentOrElse(digest -> digests.put(peer.getKey(), digest), () -> noDigest.add(peer.getKey()));
                table.row(peer.getKey(), status.role().name().toLowerCase(), Long.toString(status.epoch()),
                        Long.toString(status.lastIndex()), writer ? "-" : Long.toString(status.lagEntries()),
                        writer ? "-" : Long.toString(status.lagMillis()), note(status, writer));
            } catch (java.io.IOException down) {
                json.put(peer.getKey(), "unreachable");
                table.row(peer.getKey(), "unreachable", "-", "-", "-", "-", down.getMessage());
            }
        }
        ContentReport content = ContentReport.compare(digests, writerRegion);
        if (format == OutputFormat.json) {
            json.set("content", JsonOutput.snakeCase(JsonOutput.JSON.valueToTree(Map.of("identical", content.agreements(),
                    "not_comparable", content.notComparable(), "no_digest", noDigest)), Set.of()));
            json.set("divergence", JsonOutput.snakeCase(JsonOutput.JSON.valueToTree(content.divergences()), Set.of()));
            spec.commandLine().getOut().println(JsonOutput.pretty(json));
        } else {
            StringBuilder out = new StringBuilder(table.render());
            content.divergences().forEach(d -> out.append("DIVERGENCE: ").append(d.describe()).append('\n'));
            content.agreements().forEach(a -> out.append("content: ").append(a.describe()).append('\n'));
            content.notComparable().forEach(l -> out.append("content: ").append(l.describe()).append('\n'));
            noDigest.forEach(region -> out.append("content: ").append(region).append(" serves no digest (an older version?)\n"));
            spec.commandLine().getOut().print(out);
        }
        return content.diverged() ? ExitCodes.OBJECTIVE_MISSED : ExitCodes.OK;
    }

    /**
     * A replica that is not receiving the writer's log has lag figures only as of its last frame:
     * say so rather than let "0" read as "up to date".
     */
    private static String note(NodeStatus status, boolean writer) {
        String error = status.lastError() == null ? "" : status.lastError();
        if (writer || status.streaming()) {
            return error;
        }
        long contact = status.lastContactMillis();
        String since = contact > 0 ? " for " + Math.max(0, (System.currentTimeMillis() - contact) / 1000) + "s" : "";
        return "NOT RECEIVING the writer's log" + since + " (lag as of then)" + (error.isEmpty() ? "" : ": " + error);
    }
}
