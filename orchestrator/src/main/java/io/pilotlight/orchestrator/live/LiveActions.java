package io.pilotlight.orchestrator.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotlight.dns.service.AdminClient;
import io.pilotlight.orchestrator.compute.ComputeProvider;
import io.pilotlight.orchestrator.runbook.Step;
import io.pilotlight.orchestrator.runbook.StepActions;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DnsNames;
import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.RecordSet;
import io.pilotlight.topology.Topology;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Runbook steps against a running deployment: store nodes, compute, the DNS server's routing controls. Each is idempotent. */
public final class LiveActions implements StepActions {
    private final Topology topology;
    private final DeploymentLayout layout;
    private final ComputeProvider compute;
    private final StoreStarter restorer;
    private final StoreAdmin stores = new StoreAdmin();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    public LiveActions(Topology topology, DeploymentLayout layout, ComputeProvider compute) {
        this(topology, layout, compute, null);
    }

    /** @param restorer starts a store node from a backup (backup and restore); null when the deployment has none */
    public LiveActions(Topology topology, DeploymentLayout layout, ComputeProvider compute, StoreStarter restorer) {
        this.topology = topology;
        this.layout = layout;
        this.compute = compute;
        this.restorer = restorer;
    }

    @Override
    public String run(Step step) throws Exception {
        Map<String, String> p = step.params();
        return switch (step.kind()) {
            case FENCE_OLD_WRITER -> fence(p.get("store"), p.get("region"));
            case PROMOTE_REPLICA -> promote(p.get("store"), p.get("region"));
            case SWITCHOVER_STORE -> switchover(p.get("region"));
            case RESTORE_BACKUP -> restore(p.get("store"), p.get("region"));
            case SCALE_UP, SCALE_DOWN -> compute.scale(p.get("service"), p.get("region"), Integer.parseInt(p.get("instances")));
            case WAIT_HEALTHY -> waitHealthy(p.get("service"), p.get("region"));
            case FLIP_DNS -> flip(p.get("from"), p.get("to"));
            case WITHDRAW_REGION -> setRegion(p.get("region"), false);
            case VERIFY_DNS -> verify(p.get("name"), p.get("type"), p.get("expect"));
        };
    }

    private String fence(String store, String region) {
        DataStore spec = topology.dataStores().get(store);
        var status = stores.status(layout.storeUrls().get(region));
        if (status.isPresent() && "WRITER".equals(status.get().path("role").asText()) && status.get().path("leaseValid").asBoolean()) {
            return region + "'s writer still answers: the next step hands over by switchover (RPO 0)";
        }
        return region + "'s writer is unreachable or no longer holds its lease: its lease (" + spec.lease().toMillis()
                + "ms) fences it; the promotion waits for it to lapse";
    }

    private String promote(String store, String region) throws Exception {
        var status = stores.status(layout.storeUrls().get(region));
        if (status.isPresent() && "WRITER".equals(status.get().path("role").asText())) {
            return region + " is already the writer at epoch " + status.get().path("epoch").asText();
        }
        for (var other : layout.storeUrls().entrySet()) {
            var otherStatus = stores.status(other.getValue());
            if (!other.getKey().equals(region) && otherStatus.isPresent() && "WRITER".equals(otherStatus.get().path("role").asText())
                    && otherStatus.get().path("leaseValid").asBoolean()) {
                return stores.post(other.getValue() + "/switchover?to=" + region, Duration.ofSeconds(30)).path("summary").asText();
            }
        }
        Duration wait = topology.dataStores().get(store).lease().plusSeconds(5);
        JsonNode report = stores.post(layout.storeUrls().get(region) + "/promote?wait_ms=" + wait.toMillis(), wait.plusSeconds(5));
        return report.path("summary").asText();
    }

    private String restore(String store, String region) throws Exception {
        var status = stores.status(layout.storeUrls().get(region));
        if (status.isPresent() && "WRITER".equals(status.get().path("role").asText())) {
            return region + " already serves " + store + " as writer";
        }
        if (restorer == null || !"embedded".equals(topology.dataStores().get(store).engine())) {
            throw new UnsupportedOperationException("restoring " + store + " (engine " + topology.dataStores().get(store).engine()
                    + ") is not automated here; restore it by hand, then run the runbook again to continue");
        }
        String started = restorer.startFromLatestBackup(store, region);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (stores.status(layout.storeUrls().get(region)).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the restored store node in " + region + " did not start within 30s");
            }
            Thread.sleep(100);
        }
        Duration wait = topology.dataStores().get(store).lease().plusSeconds(5);
        JsonNode promoted = stores.post(layout.storeUrls().get(region) + "/promote?wait_ms=" + wait.toMillis(), wait.plusSeconds(5));
        return started + "; " + promoted.path("summary").asText();
    }

    private String switchover(String region) throws Exception {
        for (var node : layout.storeUrls().entrySet()) {
            var status = stores.status(node.getValue());
            if (status.isPresent() && "WRITER".equals(status.get().path("role").asText())) {
                if (node.getKey().equals(region)) {
                    return region + " is already the writer";
                }
                return stores.post(node.getValue() + "/switchover?to=" + region, Duration.ofSeconds(30)).path("summary").asText();
            }
        }
        throw new IllegalStateException("no store node is the writer; cannot switch over to " + region);
    }

    private String waitHealthy(String service, String region) throws Exception {
        HealthCheck check = topology.services().get(service).healthCheck();
        String path = check == null ? "/" : check.resourcePath();
        String url = "http://" + layout.services().get(service).get(region) + path;
        Duration limit = topology.compute().containsKey(service)
                ? topology.compute().get(service).instanceReadyTime().plusSeconds(30) : Duration.ofSeconds(60);
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2 || response.statusCode() / 100 == 3) {
                    return service + " in " + region + " answers " + response.statusCode() + " on " + path;
                }
                last = "HTTP " + response.statusCode();
            } catch (java.io.IOException e) {
                last = e.getClass().getSimpleName();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(service + " in " + region + " did not pass its health check within " + limit.toSeconds()
                + "s (last: " + last + ")");
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
