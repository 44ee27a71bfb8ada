package io.pilotlight.cli;

import io.pilotlight.drill.lab.Ready;

import io.pilotlight.health.HealthMonitor;
import io.pilotlight.orchestrator.compute.LocalProcessProvider;
import io.pilotlight.orchestrator.live.ControllerLoop;
import io.pilotlight.orchestrator.live.DeploymentLayout;
import io.pilotlight.topology.HealthCheckCatalog;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.TopologyLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "controller", mixinStandardHelpOptions = true,
        description = {"Runs the failover controller of a deployment: starts the primary's compute, watches health from every",
            "region and the store nodes, logs each decision with its reason, and in automatic mode runs the pattern's",
            "failover runbook on a confirmed loss of the primary. An interrupted runbook is resumed at start."})
final class ControllerCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Topology file.")
    Path file;

    @CommandLine.Mixin
    DeploymentOptions deployment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Topology topology = TopologyLoader.load(file).topology();
        deployment.defaultStateDir(".pilotlight/controller");
        DeploymentLayout layout = deployment.layout(topology);
        LocalProcessProvider compute = deployment.compute(topology, layout);
        HealthMonitor health = HealthMonitor.builder().checks(HealthCheckCatalog.of(topology))
                .vantagePoints(DeploymentOptions.vantagePoints(topology)).clock(Clock.systemUTC()).build();
        health.start();
        var out = spec.commandLine().getOut();
        ControllerLoop loop = new ControllerLoop(topology, layout, compute, deployment.restorer(compute), health, deployment.stateDir,
                Clock.systemUTC(), line -> {
            synchronized (out) {
                out.println(Instant.now() + " " + line);
                out.flush();
            }
        });
        out.println("pilotlight controller: serving " + topology.name() + ", primary " + loop.primary() + ", mode "
                + topology.failoverOrDefault().mode().name().toLowerCase());
        out.flush();
        loop.onReady(() -> Ready.mark("controller watching a healthy primary " + loop.primary()));
        loop.start();
        Foreground.holdUntilStopped(() -> {
            loop.close();
            health.close();
            compute.close(); // a stopped lab stops its instances; a crashed controller (kill -9) leaves them for its restart
        });
        return ExitCodes.OK;
    }
}
