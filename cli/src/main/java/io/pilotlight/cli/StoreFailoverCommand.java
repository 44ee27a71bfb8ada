package io.pilotlight.cli;

import io.pilotlight.store.admin.StoreAdminClient;
import io.pilotlight.store.node.Role;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "failover", mixinStandardHelpOptions = true,
        description = {"Unplanned failover: promotes a replica without the old writer, once the old writer's lease must have",
            "lapsed (the new writer gets a higher epoch; the old one is fenced). Without --to, the most advanced",
            "reachable replica: logs compare by the epoch of their last entry, then by index (ties: the smaller region",
            "name). Asynchronous writes the old writer had not replicated are lost: they appear in the old writer's",
            "lost-writes ledger when it returns. In sync mode a replica that cannot show it holds every acknowledged",
            "write is refused, unless --accept-data-loss."},
        footer = {"", "Exit codes: 0 promoted, 1 refused, 2 bad input."})
final class StoreFailoverCommand implements Callable<Integer> {
    @CommandLine.Mixin
    PeersOption peers;

    /** How many of the entries a forced promotion would lose are listed per node. */
    private static final int SHOWN = 20;

    @Option(names = "--to", description = "Region to promote (default: the most up-to-date reachable replica).")
    String to;

    @Option(names = "--wait", defaultValue = "10s", description = "How long to wait for the old lease to lapse (default: ${DEFAULT-VALUE}).")
    java.time.Duration wait;

    @Option(names = "--accept-data-loss", description = {"Promote even when, in sync mode, the target may lack acknowledged writes",
        "(the refusal names which nodes may hold them); they go to those nodes' lost-writes ledgers when they rejoin."})
    boolean acceptDataLoss;

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
        warnAboutFurtherNodes(nodes, target);
        io.pilotlight.store.node.PromotionReport report;
        try {
            report = new StoreAdminClient(nodes.get(target)).promote(wait, acceptDataLoss);
        } catch (StoreAdminClient.WouldLoseWrites | java.io.IOException refused) {
            spec.commandLine().getErr().println("failover refused: " + refused.getMessage());
            return ExitCodes.OBJECTIVE_MISSED;
        }
        spec.commandLine().getOut().println(report.summary());
        return ExitCodes.OK;
    }

    static String currentWriter(Map<String, String> nodes) {
        for (Map.Entry<String, String> node : nodes.entrySet()) {
            var status = new StoreAdminClient(node.getValue()).status();
            if (status.isPresent() && status.get().role() == Role.WRITER && status.get().leaseValid()) {
                return node.getKey();
            }
        }
        return null;
    }

    /** Position of a node's log: the epoch of its last entry, then its index. */
    record Position(String region, long epoch, long index) implements Comparable<Position> {
        @Override
        public int compareTo(Position other) {
            int order = Long.compare(epoch, other.epoch) != 0 ? Long.compare(epoch, other.epoch) : Long.compare(index, other.index);
            return order != 0 ? order : other.region.compareTo(region); // ties: the smaller region name ranks higher
        }

        @Override
        public String toString() {
            return region + " (epoch " + epoch + " index " + index + ")";
        }
    }

    static java.util.List<Position> positions(Map<String, String> nodes) {
        java.util.List<Position> out = new java.util.ArrayList<>();
        for (Map.Entry<String, String> node : nodes.entrySet()) {
            // an unreachable node can neither be promoted nor compared
            new StoreAdminClient(node.getValue()).status()
                    .ifPresent(status -> out.add(new Position(node.getKey(), status.lastEpoch(), status.lastIndex())));
        }
        return out;
    }

    static String mostUpToDate(Map<String, String> nodes) {
        java.util.List<String> replicas = new java.util.ArrayList<>();
        for (Map.Entry<String, String> node : nodes.entrySet()) {
            // an unreachable replica cannot be promoted
            new StoreAdminClient(node.getValue()).status().filter(status -> status.role() == Role.REPLICA)
                    .ifPresent(status -> replicas.add(node.getKey()));
        }
        return positions(nodes).stream().filter(p -> replicas.contains(p.region())).max(Position::compareTo).map(Position::region).orElse(null);
    }

    /** Says which reachable nodes hold log entries past the target's: those are rolled back into their ledgers when they rejoin. */
    private void warnAboutFurtherNodes(Map<String, String> nodes, String target) {
        java.util.List<Position> all = positions(nodes);
        Position chosen = all.stream().filter(p -> p.region().equals(target)).findFirst().orElse(null);
        if (chosen == null) {
            return;
        }
        String epochs;
        try {
            epochs = new StoreAdminClient(nodes.get(target)).epochs();
        } catch (Exception unreachable) {
            return;
        }
        for (Position other : all) {
            if (other.region().equals(target)) {
                continue;
            }
            try {
                var lose = new StoreAdminClient(nodes.get(other.region())).wouldLose(epochs, chosen.index(), SHOWN);
                var entries = lose.entries();
                if (entries.isEmpty()) {
                    continue;
                }
                long count = lose.lastIndex() - entries.get(0).index() + 1;
                StringBuilder keys = new StringBuilder();
                entries.forEach(e -> keys.append(keys.isEmpty() ? "" : ", ").append(e.key()).append('@').append(e.index()));
                spec.commandLine().getErr().println("warning: promoting " + chosen + " loses the " + count + " entries " + other
                        + " holds past index " + (entries.get(0).index() - 1) + " (they go to its lost-writes ledger when it"
                        + " rejoins): " + keys + (count > entries.size() ? ", ..." : ""));
            } catch (Exception unreachable) {
                // counted below as silent
            }
        }
        java.util.List<String> silent = nodes.keySet().stream().filter(r -> all.stream().noneMatch(p -> p.region().equals(r))).toList();
        if (!silent.isEmpty()) {
            spec.commandLine().getErr().println("warning: no answer from " + silent + ": whatever they hold past " + chosen
                    + " will be in their ledgers when they rejoin");
        }
    }
}
