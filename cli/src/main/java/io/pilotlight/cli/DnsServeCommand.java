package io.pilotlight.cli;

import io.pilotlight.drill.lab.Ready;

import io.pilotlight.dns.UdpIo;
import io.pilotlight.dns.UdpSteering;
import io.pilotlight.dns.service.DnsService;
import io.pilotlight.health.VantagePoint;
import io.pilotlight.topology.Region;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.TopologyLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the topology's DNS zones over UDP and TCP, running the health checks the record sets need.",
            "Reloads when the file changes (a file with problems is refused; the old zones keep serving)."},
        footer = {"", "Example:", "  pilotlight dns serve examples/pilot-light.yaml --listen 127.0.0.1:5353",
            "  dig @127.0.0.1 -p 5353 api.shop.example", "  pilotlight dns health --admin 127.0.0.1:5380"})
final class DnsServeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Topology file.")
    Path file;

    @Option(names = "--listen", defaultValue = "127.0.0.1:5353", description = "UDP and TCP address (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--admin", defaultValue = "127.0.0.1:5380", description = "Admin API address, or 'none' (default: ${DEFAULT-VALUE}).")
    String admin;

    @Option(names = "--state-dir", defaultValue = ".pilotlight/dns", description = "Where routing-control state is kept (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--udp-threads", paramLabel = "N",
            description = "UDP sockets/threads (default: one per CPU this process may run on, so that --udp-steering auto can steer by CPU).")
    Integer udpThreads;

    @Option(names = "--udp-io", defaultValue = "auto", paramLabel = "auto|nio|mmsg",
            description = {"How UDP packets move: mmsg = recvmmsg/sendmmsg, a batch per system call (Linux, Java 22+);",
                "nio = the JDK's DatagramChannel; auto = mmsg where it can run, else nio (default: ${DEFAULT-VALUE})."})
    String udpIo;

    @Option(names = "--udp-steering", defaultValue = "auto", paramLabel = "auto|cpu|hash",
            description = {"Which UDP thread gets a query: cpu = the one pinned to the CPU that received it (recvmmsg transport,",
                "one thread per online CPU; else falls back to hash and says why); hash = the kernel's SO_REUSEPORT hash;",
                "auto = cpu while every CPU has work, hash while one CPU does the work and another idles, judged every second",
                "(default: ${DEFAULT-VALUE})."})
    String udpSteering;

    @Option(names = "--vantage", paramLabel = "NAME[=SOURCE_IP]",
            description = {"A health checker (vantage point), repeatable. Default: one per region that has an address,",
                "each probing from that address; else one named 'local'."})
    List<String> vantages;

    @Option(names = "--watch", defaultValue = "1s", description = "How often to look for file changes; 0s to reload only on command (default: ${DEFAULT-VALUE}).")
    Duration watch;

    @CommandLine.Mixin
    TokenFileOption tokens;

    @CommandLine.Mixin
    TlsOptions tls;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Topology topology = TopologyLoader.load(file).topology();
        int threads = udpThreads != null ? udpThreads : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            throw new IllegalArgumentException("--udp-threads must be at least 1, was " + threads);
        }
        java.util.Map<String, String> binds = new java.util.LinkedHashMap<>(java.util.Map.of("--listen", listen));
        if (!"none".equals(admin)) {
            binds.put("--admin", admin);
        }
        var auth = tokens.resolve().withTls(tls.resolve()); // TLS is for the admin API; DNS itself is not HTTP
        DnsService service = BindErrors.naming(binds, () -> DnsService.start(new DnsService.Options(file, Addresses.parse("--listen", listen),
                "none".equals(admin) ? null : Addresses.parse("--admin", admin), stateDir, threads, vantagePoints(topology),
                watch.isZero() ? null : watch, Clock.systemUTC(), udpIo(udpIo),
                udpSteering(udpSteering)), auth));
        var out = spec.commandLine().getOut();
        String host = service.dnsAddress().getAddress().getHostAddress();
        int port = service.dnsAddress().getPort();
        out.println("pilotlight dns: serving " + service.server().zones().apexes() + " on " + host + ":" + port + " (UDP and TCP)");
        Ready.mark("dns on " + host + ":" + port);
        out.println("  UDP I/O:     " + service.server().udpTransport());
        if (service.adminAddress() != null) {
            out.println("  admin API:   " + auth.scheme() + "://" + service.adminAddress().getHostString() + ":" + service.adminAddress().getPort());
        }
        service.server().zones().routedGroups().keySet().stream().findFirst().ifPresent(group ->
                out.println("  try:         dig @" + host + " -p " + port + " " + group.split(" ")[0] + " " + group.split(" ")[1]));
        out.println("  health:      pilotlight dns health --admin " + (auth.tls() == null ? admin : "https://" + admin));
        out.println("  stop with Ctrl-C");
        out.flush();
        Foreground.holdUntilStopped(() -> {
            service.close();
        });
        return ExitCodes.OK;
    }

    private static UdpIo udpIo(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> UdpIo.AUTO;
            case "nio" -> UdpIo.NIO;
            case "mmsg" -> UdpIo.MMSG;
            default -> throw new IllegalArgumentException("--udp-io must be auto, nio or mmsg, was " + name);
        };
    }

    private static UdpSteering udpSteering(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> UdpSteering.AUTO;
            case "cpu" -> UdpSteering.CPU;
            case "hash" -> UdpSteering.HASH;
            default -> throw new IllegalArgumentException("--udp-steering must be auto, cpu or hash, was " + name);
        };
    }

    private List<VantagePoint> vantagePoints(Topology topology) {
        List<VantagePoint> points = new ArrayList<>();
        if (vantages != null) {
            for (String vantage : vantages) {
                String[] parts = vantage.split("=", 2);
                points.add(parts.length == 2 ? VantagePoint.bound(parts[0], parts[1]) : VantagePoint.of(parts[0]));
            }
            return points;
        }
        for (Map.Entry<String, Region> region : topology.regions().entrySet()) {
            if (region.getValue().address() != null) {
                points.add(VantagePoint.bound(region.getKey(), region.getValue().address()));
            }
        }
        return points.isEmpty() ? List.of(VantagePoint.of("local")) : points;
    }

}
