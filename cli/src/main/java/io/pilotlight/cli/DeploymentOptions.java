package io.pilotlight.cli;

import io.pilotlight.health.VantagePoint;
import io.pilotlight.orchestrator.compute.InstanceLauncher;
import io.pilotlight.orchestrator.compute.LocalProcessProvider;
import io.pilotlight.orchestrator.live.DeploymentLayout;
import io.pilotlight.sample.SampleMain;
import io.pilotlight.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** Where a running deployment's parts are, and how the controller starts service instances. */
final class DeploymentOptions {
    @Option(names = "--state-dir", defaultValue = ".pilotlight/controller", description = "Controller state: runbook progress, audit log, instances (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--store-port", defaultValue = "7001", description = "Port of every region's store node, on the region's address (default: ${DEFAULT-VALUE}).")
    int storePort;

    @Option(names = "--dns", defaultValue = "127.0.0.1:5353", description = "The Pilotlight DNS server (default: ${DEFAULT-VALUE}).")
    String dns;

    @Option(names = "--dns-admin", defaultValue = "127.0.0.1:5380", description = "Its admin API (default: ${DEFAULT-VALUE}).")
    String dnsAdmin;

    DeploymentLayout layout(Topology topology) {
        return DeploymentLayout.conventional(topology, storePort, dns, dnsAdmin, null);
    }

    /** Each instance: the service's own command, or the sample service, with REGION, LISTEN and STORE_NODES set. */
    LocalProcessProvider compute(Topology topology, DeploymentLayout layout) {
        String storeNodes = layout.storeUrls().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        InstanceLauncher launcher = (service, region, index) -> {
            String command = topology.services().get(service).command();
            List<String> argv = new ArrayList<>();
            if (command == null) {
                argv.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                        SampleMain.class.getName()));
            } else {
                argv.addAll(List.of("/bin/sh", "-c", command));
            }
            ProcessBuilder builder = new ProcessBuilder(argv);
            builder.environment().put("REGION", region);
            builder.environment().put("LISTEN", layout.services().get(service).get(region));
            builder.environment().put("STORE_NODES", storeNodes);
            builder.environment().put("INSTANCE", Integer.toString(index));
            return builder;
        };
        return new LocalProcessProvider(launcher, stateDir);
    }

    static List<VantagePoint> vantagePoints(Topology topology) {
        List<VantagePoint> points = new ArrayList<>();
        topology.regions().forEach((name, region) -> points.add(region.address() == null ? VantagePoint.of(name)
                : VantagePoint.bound(name, region.address())));
        return points;
    }
}
