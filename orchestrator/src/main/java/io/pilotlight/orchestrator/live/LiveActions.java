package io.pilotlight.orchestrator.live;

import io.pilotlight.dns.service.AdminClient;
import io.pilotlight.engine.DataStoreEngine;
import io.pilotlight.engine.EngineException;
import io.pilotlight.engine.EngineFactory;
import io.pilotlight.http.JsonHttp;
import io.pilotlight.orchestrator.compute.ComputeProvider;
import io.pilotlight.orchestrator.runbook.Step;
import io.pilotlight.orchestrator.runbook.StepActions;
import io.pilotlight.topology.DnsNames;
import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.RecordSet;
import io.pilotlight.topology.Topology;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Runbook steps against a running deployment: data stores (through their engines), compute, the DNS
 * server's routing controls. Each is idempotent.
 */
public final class LiveActions implements StepActions {
    private final Topology topology;
    private final DeploymentLayout layout;
    private final ComputeProvider compute;
    private final DeploymentEngines engines;
    private final JsonHttp http = new JsonHttp(Duration.ofMillis(500), Duration.ofSeconds(1));
    /** HTTPS health checks' client: one, as the plain one (asked every 100 ms while an instance starts). */
    private final java.net.http.HttpClient httpsUnverified = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500))
            .sslContext(io.pilotlight.health.TrustAll.context()).build();

    public LiveActions(Topology topology, DeploymentLayout layout, ComputeProvider compute) {
        this(topology, layout, compute, (EngineFactory.Restorer) null);
    }

    /** @param restorer starts a store node from a backup (backup and restore); null when the deployment has none */
    public LiveActions(Topology topology, DeploymentLayout layout, ComputeProvider compute, EngineFactory.Restorer restorer) {
        this(topology, layout, compute, new DeploymentEngines(topology, layout, restorer));
    }

    public LiveActions(Topology topology, DeploymentLayout layout, ComputeProvider compute, DeploymentEngines engines) {
        this.topology = topology;
        this.layout = layout;
        this.compute = compute;
        this.engines = engines;
    }

    @Override
    public String run(Step step) throws Exception {
        Map<String, String> p = step.params();
        return switch (step.kind()) {
            case FENCE_OLD_WRITER -> fence(p.get("store"), p.get("region"));
            case PROMOTE_REPLICA -> promote(p.get("store"), p.get("region"));
            case SWITCHOVER_STORE -> switchover(p.get("store"), p.get("region"));
            case RESTORE_BACKUP -> restore(p.get("store"), p.get("region"));
            case SCALE_UP, SCALE_DOWN -> compute.scale(p.get("service"), p.get("region"), Integer.parseInt(p.get("instances")));
            case WAIT_HEALTHY -> waitHealthy(p.get("service"), p.get("region"));
            case FLIP_DNS -> flip(p.get("from"), p.get("to"));
            case WITHDRAW_REGION -> setRegion(p.get("region"), false);
            case VERIFY_DNS -> verify(p.get("name"), p.get("type"), p.get("expect"));
        };
    }

    private String fence(String store, String region) throws EngineException {
        return engines.engine(store).fence(region);
    }

    /**
     * A promotion waits for the old writer's lease; if the old writer still answers with its lease, it hands over by
     * switchover. A region that already is the writer is the engine's answer ("already the writer at epoch N").
     */
    private String promote(String store, String region) throws EngineException {
        DataStoreEngine engine = engines.engine(store);
        Optional<String> liveWriter = engine.writer();
        if (liveWriter.isPresent() && !liveWriter.get().equals(region)) {
            return engine.switchover(region, Duration.ofSeconds(30)).summary();
        }
        return engine.promote(region, oldLeaseWait(store), false).summary();
    }

    private String restore(String store, String region) throws EngineException {
        return engines.engine(store).restoreLatest(region, oldLeaseWait(store));
    }

    private String switchover(String store, String region) throws EngineException {
        return engines.engine(store).switchover(region, Duration.ofSeconds(30)).summary();
    }

    /** Long enough for the old writer's lease to lapse, with a margin for clocks and the node's own checks. */
    private Duration oldLeaseWait(String store) {
        return topology.dataStores().get(store).lease().plusSeconds(5);
    }

    private String waitHealthy(String service, String region) throws Exception {
        HealthCheck check = topology.services().get(service).healthCheck();
        String path = check == null ? "/" : check.resourcePath();
        boolean https = check != null && check.type() == io.pilotlight.topology.HealthCheckType.HTTPS;
        String url = (https ? "https://" : "http://") + layout.services().get(service).get(region) + path;
        Duration limit = topology.compute().containsKey(service)
                ? topology.compute().get(service).instanceReadyTime().plusSeconds(30) : Duration.ofSeconds(60);
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                int status = https ? httpsStatus(URI.create(url)) : http.get(URI.create(url)).status();
                if (status / 100 == 2 || status / 100 == 3) {
                    return service + " in " + region + " answers " + status + " on " + path;
                }
                last = "HTTP " + status;
            } catch (java.io.IOException e) {
                last = e.getClass().getSimpleName();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(service + " in " + region + " did not pass its health check within " + limit.toSeconds()
                + "s (last: " + last + ")");
    }

    /** An HTTPS health check's answer, its certificate not verified (as Route 53's HTTPS checks). */
    private int httpsStatus(URI url) throws java.io.IOException, InterruptedException {
        return httpsUnverified.send(java.net.http.HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(1)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Control ids of the routed record set members of a region. */
    private List<String> controlsOf(String region) {
        List<String> controls = new ArrayList<>();
        topology.dnsOrEmpty().zones().forEach((zone, content) -> {
            for (RecordSet set : content.recordSets()) {
                if (set.hasRoutingPolicy() && region.equals(set.region())) {
                    controls.add(DnsNames.absolute(set.name(), zone) + "/" + set.setIdentifier());
                }
            }
        });
        return controls;
    }

    private String flip(String from, String to) throws Exception {
        String on = setRegion(to, true);
        String off = setRegion(from, false);
        return on + "; " + off;
    }

    private String setRegion(String region, boolean on) throws Exception {
        AdminClient admin = new AdminClient(layout.dnsAdmin());
        List<String> changed = new ArrayList<>();
        for (String control : controlsOf(region)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("control", control);
            body.put("state", on ? "on" : "off");
            body.put("by", "pilotlight-controller");
            body.put("reason", "failover runbook");
            AdminClient.Reply reply = admin.post("/routing", body);
            if (!reply.ok()) {
                throw new IllegalStateException("routing control " + control + " " + (on ? "on" : "off") + " refused: "
                        + reply.body().path("reason").asText());
            }
            changed.add(control);
        }
        return (on ? "on: " : "off: ") + changed;
    }

    private String verify(String name, String type, String expect) throws Exception {
        String[] hostPort = layout.dns().split(":");
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
        resolver.setTimeout(Duration.ofSeconds(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Message response = resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(name + "."),
                        Type.value(type), DClass.IN)));
                List<String> answers = response.getSection(Section.ANSWER).stream().map(org.xbill.DNS.Record::rdataToString).toList();
                if (answers.contains(expect)) {
                    return name + " " + type + " answers " + answers;
                }
                last = answers.toString();
            } catch (java.io.IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " " + type + " does not answer " + expect + " (last answer: " + last + ")");
    }
}
