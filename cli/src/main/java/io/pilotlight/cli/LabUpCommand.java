package io.pilotlight.cli;

import io.pilotlight.drill.lab.LabFile;
import io.pilotlight.drill.lab.LabLock;
import io.pilotlight.drill.lab.LabPlan;
import io.pilotlight.drill.lab.LabSupervisor;
import io.pilotlight.drill.lab.PortOwners;
import io.pilotlight.drill.lab.Ready;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Starts every region of a topology on this machine and stays in the foreground as the lab's",
            "supervisor: the store coordinator, a store node per region (each on its region's address), the DNS server",
            "and the controller (which runs the service instances); every inter-region link goes through a fault-injecting",
            "proxy with the topology's network.round_trip. Ctrl-C or `pilotlight lab down` stops everything;",
            "if the supervisor itself dies, its children notice and exit."})
final class LabUpCommand implements Callable<Integer> {
    private static LabLock heldLock;

    @Parameters(paramLabel = "FILE", description = "Topology file; every region needs an address (127.0.1.1, 127.0.2.1, ...).")
    Path file;

    @Option(names = "--coordinator-port", defaultValue = "7000", description = "Port of the store coordinator on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int coordinatorPort;

    @CommandLine.Mixin
    DeploymentOptions deployment;

    @CommandLine.Mixin
    TokenFileOption tokenFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Topology topology = TopologyLoader.load(file).topology();
        deployment.defaultStateDir(".pilotlight/lab");
        LabLock lock;
        try {
            lock = LabLock.take(deployment.stateDir); // held for the supervisor's life: one lab per state directory
            heldLock = lock; // a strong reference: an unreachable channel could be closed by the cleaner, releasing the lock
        } catch (LabLock.LabBusyException busy) {
            spec.commandLine().getErr().println("pilotlight lab: " + busy.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        deployment.coordinator = "http://127.0.0.1:" + coordinatorPort;
        LabPlan plan = LabPlan.of(file, topology, new LabPlan.Addresses(deployment.stateDir, deployment.dns, deployment.dnsAdmin,
                coordinatorPort, deployment.storePort, deployment.backupDir));
        List<String> taken = PortOwners.on(plan.servedAddresses()).stream().map(PortOwners.Listener::describe).toList();
        if (!taken.isEmpty()) {
            spec.commandLine().getErr().println("pilotlight lab: cannot start: something else serves on the lab's addresses (a stray"
                    + " process of an earlier lab would answer for this one and falsify what is measured):\n  " + String.join("\n  ", taken)
                    + "\nstop it (e.g. kill " + taken.size() + " process" + (taken.size() == 1 ? "" : "es") + " above) or choose other"
                    + " addresses/ports (--store-port, --dns, --dns-admin, --coordinator-port)");
            lock.close();
            return ExitCodes.BAD_INPUT;
        }
        Path tokens = tokenFile.path();
        io.pilotlight.drill.lab.LabTokens labTokens = tokens == null ? io.pilotlight.drill.lab.LabTokens.none()
                : io.pilotlight.drill.lab.LabTokens.create(tokens, deployment.stateDir, plan.storeNodes().keySet(), new java.security.SecureRandom());
        LabSupervisor lab = LabSupervisor.start(plan, args -> {
            ProcessBuilder builder = new ProcessBuilder(SelfLaunch.pilotlight(args));
            builder.environment().put(Foreground.PARENT_ENV, Long.toString(ProcessHandle.current().pid())); // children go with us
            return builder;
        }, labTokens);
        var out = spec.commandLine().getOut();
        out.println("pilotlight lab: " + topology.name() + " is serving: " + topology.regions().keySet() + " (logs in " + lab.logs() + ")");
        out.println("  " + lab.links().size() + " inter-region links through the fault-injecting proxy, "
                + plan.roundTrip().toMillis() + " ms round trip (control APIs in " + deployment.stateDir.resolve(LabFile.NAME) + ")");
        String[] dns = deployment.dns.split(":");
        plan.routedNames().forEach(name -> out.println("  dig @" + dns[0] + " -p " + dns[1] + " " + name));
        plan.layout().services().forEach((service, byRegion) -> byRegion.forEach((region, listen) ->
                out.println("  curl http://" + listen + "/healthz      # " + service + " in " + region)));
        out.println("  pilotlight dns health --admin " + deployment.dnsAdmin);
        if (plan.postgres().isPresent()) {
            plan.storeNodes().forEach((region, at) -> out.println("  psql -h " + at.getHostString() + " -p " + at.getPort()
                    + " -U postgres -c 'select pg_is_in_recovery()'      # PostgreSQL in " + region));
        } else {
            out.println("  pilotlight store status " + String.join(" ", plan.layout().storeUrls().entrySet().stream()
                    .map(e -> "--peer " + e.getKey() + "=" + e.getValue()).toList()));
        }
        out.println("  stop with Ctrl-C or: pilotlight lab down --state-dir " + deployment.stateDir);
        out.flush();
        Ready.mark("lab " + topology.name() + " serving");
        Foreground.holdUntilStopped(lab::close);
        return ExitCodes.OK;
    }
}
