package io.pilotlight.cli;

import io.pilotlight.agent.AgentOptions;
import io.pilotlight.agent.RegionAgent;
import io.pilotlight.drill.lab.Ready;
import io.pilotlight.orchestrator.compute.LocalProcessProvider;
import io.pilotlight.store.coord.EtcdTarget;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.TopologyLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Runs what the topology puts in one region, coordinated with the other regions' agents through etcd:",
            "the region's store node or, for engine: postgres, its PostgreSQL server and keeper (writer lease and epochs in etcd;",
            "the servers' password in PILOTLIGHT_POSTGRES_PASSWORD), its health vantage point, its DNS server, its service",
            "instances and a controller candidate (one leader acts; another takes over within one lease and resumes its runbook).",
            "A witness region runs only its health vantage point. See docs/agents.md."},
        footer = {"", "Example (one agent per region, each on its own machine; etcd members in all three regions):",
            "  pilotlight agent examples/pilot-light-etcd.yaml --region us-east-1 \\",
            "      --etcd etcd://10.0.1.5:2379,10.0.2.5:2379,10.0.3.5:2379 --token-file /etc/pilotlight/tokens"})
final class AgentCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Topology file (the same on every agent).")
    Path file;

    @Option(names = "--region", required = true, description = "This agent's region; it listens on the region's address.")
    String region;

    @Option(names = "--etcd", required = true, paramLabel = "etcd://HOST:PORT[,...][/prefix]",
            description = {"The deployment's etcd cluster (etcds:// for TLS, with the --tls-* files). Every shared key lives under",
                "the prefix (default: /pilotlight/NAME, NAME being the topology's name)."})
    String etcd;

    @Option(names = "--state-dir", defaultValue = ".pilotlight/agent", description = "This agent's own files: store data, instances, audit log (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--store-port", defaultValue = "7001", description = "Every region's store node port (default: ${DEFAULT-VALUE}).")
    int storePort;

    @Option(names = "--dns-port", defaultValue = "53", description = "Every region's DNS server port, UDP and TCP (default: ${DEFAULT-VALUE}).")
    int dnsPort;

    @Option(names = "--dns-admin-port", defaultValue = "5380", description = "Every region's DNS admin API port (default: ${DEFAULT-VALUE}).")
    int dnsAdminPort;

    @Option(names = "--controller-lease", defaultValue = "2s",
            description = "The controller leader's lease: another candidate takes over at most this long after the leader is gone (default: ${DEFAULT-VALUE}).")
    Duration controllerLease;

    @CommandLine.Mixin
    TokenFileOption tokens;

    @CommandLine.Mixin
    TlsOptions tls;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Topology topology = TopologyLoader.load(file).topology();
        var serverTls = tls.resolve(); // first: from here on every client of this process (store, etcd) shows the agent's certificate
        io.pilotlight.engine.postgres.PostgresTls.use(io.pilotlight.engine.postgres.PostgresTls.fromEnvironment(tls.environment()));
        var auth = tokens.resolve().withTls(serverTls);
        EtcdTarget target = EtcdTarget.parse(etcd);
        if (!etcd.substring(etcd.indexOf("://") + 3).contains("/")) { // no prefix given: one deployment per topology name
            target = new EtcdTarget(target.endpoints(), "/pilotlight/" + topology.name());
        }
        AgentOptions options = new AgentOptions(file, region, target, stateDir, storePort, dnsPort, dnsAdminPort, controllerLease,
                Duration.ofSeconds(2));
        DeploymentOptions deployment = new DeploymentOptions();
        deployment.stateDir = stateDir.resolve("compute");
        deployment.storePort = storePort;
        var out = spec.commandLine().getOut();
        java.util.function.Consumer<String> log = line -> {
            synchronized (out) {
                out.println(Instant.now() + " " + line);
                out.flush();
            }
        };
        RegionAgent.AgentPlan plan = RegionAgent.AgentPlan.of(topology, options, auth.scheme());
        deployment.instanceEnvironment.putAll(tls.environment()); // the instances reach their store node over TLS as the agent does
        LocalProcessProvider compute = deployment.compute(topology, plan.layout());
        RegionAgent agent = RegionAgent.start(options, auth, compute, log);
        log.accept("pilotlight agent: serving " + region + " of " + topology.name() + " on " + agent.plan().address() + ", etcd " + target);
        Ready.mark("agent " + region);
        Foreground.holdUntilStopped(agent::close);
        return ExitCodes.OK;
    }
}
