package io.pilotlight.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.planner.RtoEstimator;
import io.pilotlight.topology.Topology;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A region-outage drill on a running lab: synthetic clients write through DNS, the target region's
 * store node and instances are killed at t0, the milestones are watched as they happen, and once
 * clients sustain success (or the deadline passes) every acknowledged write is read back.
 */
public final class DrillRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    /**
     * @param labState the lab's state directory (lab.json, logs/controller.log, controller/instances.json)
     * @param name     the service's DNS name the clients resolve
     */
    public record Setup(Topology topology, Path labState, InetSocketAddress dns, String dnsAdmin, Map<String, String> storeUrls,
                        String service, int servicePort, String name, String target, String standby, String targetAddress,
                        Duration clientCache, Duration deadline) {
    }

    public DrillReport run(Setup setup, Consumer<String> progress) throws Exception {
        List<Milestone> milestones = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (SyntheticClients clients = new SyntheticClients(4, setup.dns(), setup.name(), setup.servicePort(), setup.clientCache())) {
            progress.accept("clients writing through " + setup.name() + "; waiting until they succeed steadily");
            long warm = System.currentTimeMillis() + 60_000;
            while (recentSuccesses(clients, 2_000) < 20) {
                if (System.currentTimeMillis() > warm) {
                    throw new IllegalStateException("the synthetic clients never succeeded steadily before the fault; is the lab serving?");
                }
                Thread.sleep(200);
            }
            long t0 = System.currentTimeMillis();
            progress.accept("t0: killing region " + setup.target() + " (its store node and service instances)");
            kill(setup);
            Map<String, Long> seen = new HashMap<>();
            long deadline = t0 + setup.deadline().toMillis();
            while (System.currentTimeMillis() < deadline) {
                watch(setup, t0, seen);
                if (RtoMeasure.measure(t0, clients.requests()).isPresent()) {
                    break;
                }
                Thread.sleep(100);
            }
            watch(setup, t0, seen);
            clients.close();
            List<Request> requests = clients.requests();
            var rto = RtoMeasure.measure(t0, requests);
            if (rto.isEmpty()) {
                notes.add("clients did not sustain 99 % success over 10 s within " + setup.deadline().toSeconds() + " s");
            }
            for (String name : List.of("detected", "decided", "promoted", "compute ready", "DNS answer changed")) {
                Long at = seen.get(name);
                milestones.add(new Milestone(name, at == null ? -1 : at - t0, evidence(name, setup)));
            }
            var first = RtoMeasure.firstSuccess(t0, requests);
            milestones.add(new Milestone("first client success", first.orElse(-1), "a synthetic client's write was acknowledged"));
            milestones.add(new Milestone("sustained", rto.orElse(-1), "≥ 99 % of requests succeeded over 10 s; RTO ends here"));
            progress.accept("reading back " + clients.acked().size() + " acknowledged writes");
            List<AckedWrite> acked = clients.acked();
            RpoMeasure rpo = RpoMeasure.of(t0, acked, readBack(setup, acked));
            long estimate = RtoEstimator.estimate(setup.topology()).total().toMillis();
            return new DrillReport(setup.topology().name(), "region-outage", setup.target(), t0,
                    setup.topology().objectives().rto().toMillis(), estimate, rto.orElse(-1), setup.topology().objectives().rpo().toMillis(),
                    acked.size(), rpo.lost(), rpo.dataLossWindowMillis(), milestones, RtoMeasure.successPerSecond(t0, requests), notes);
        }
    }

    private static long recentSuccesses(SyntheticClients clients, long windowMillis) {
        long since = System.currentTimeMillis() - windowMillis;
        return clients.requests().stream().filter(r -> r.ok() && r.atMillis() >= since).count();
    }

    private static String evidence(String milestone, Setup setup) {
        return switch (milestone) {
            case "detected" -> "health check " + setup.service() + "-" + setup.target() + " turned unhealthy (DNS server's events)";
            case "decided" -> "the controller logged its FAIL_OVER decision";
            case "promoted" -> setup.standby() + "'s store node became the writer";
            case "compute ready" -> setup.service() + " in " + setup.standby() + " passed its health check";
            default -> setup.name() + " no longer answers " + setup.targetAddress();
        };
    }

    private void kill(Setup setup) throws Exception {
        JsonNode lab = JSON.readTree(setup.labState().resolve("lab.json").toFile());
        ProcessHandle.of(lab.path("processes").path("store-" + setup.target()).asLong()).ifPresent(ProcessHandle::destroyForcibly);
        Path instances = setup.labState().resolve("controller/instances.json");
        if (Files.exists(instances)) {
            JSON.readTree(instances.toFile()).path(setup.service() + "@" + setup.target())
                    .forEach(pid -> ProcessHandle.of(pid.asLong()).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private void watch(Setup setup, long t0, Map<String, Long> seen) {
        long now = System.currentTimeMillis();
        if (!seen.containsKey("detected")) {
            try {
                for (JsonNode event : JSON.readTree(get("http://" + setup.dnsAdmin() + "/health/events"))) {
                    long at = Instant.parse(event.path("at").asText()).toEpochMilli();
                    if (at >= t0 && event.path("check").asText().equals(setup.service() + "-" + setup.target())
                            && "aggregate".equals(event.path("vantage").asText()) && "UNHEALTHY".equals(event.path("to").asText())) {
                        seen.put("detected", at);
                        break;
                    }
                }
            } catch (Exception notYet) {
                // the DNS server's admin API did not answer this time
            }
        }
        try {
            for (String line : Files.readAllLines(setup.labState().resolve("logs/controller.log"))) {
                int space = line.indexOf(' ');
                if (space < 20 || !Character.isDigit(line.charAt(0))) {
                    continue;
                }
                long at = Instant.parse(line.substring(0, space)).toEpochMilli();
                if (at < t0) {
                    continue;
                }
                if (line.contains("decision FAIL_OVER")) {
                    seen.putIfAbsent("decided", at);
                }
                if (line.contains("passes its health check") && line.contains("done in")) {
                    seen.putIfAbsent("compute ready", at);
                }
                if (line.contains(" answers 200 on ")) {
                    seen.putIfAbsent("compute ready", at);
                }
            }
        } catch (Exception notYet) {
            // the log is being written
        }
        if (!seen.containsKey("promoted")) {
            try {
                if ("WRITER".equals(JSON.readTree(get(setup.storeUrls().get(setup.standby()) + "/status")).path("role").asText())) {
                    seen.put("promoted", now);
                }
            } catch (Exception notYet) {
                // the standby's store did not answer
            }
        }
        if (!seen.containsKey("DNS answer changed")) {
            try {
                SimpleResolver resolver = new SimpleResolver(setup.dns());
                resolver.setTimeout(Duration.ofMillis(500));
                var answer = resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(setup.name() + "."), Type.A, DClass.IN)));
                var records = answer.getSection(Section.ANSWER);
                if (!records.isEmpty() && !records.get(0).rdataToString().equals(setup.targetAddress())) {
                    seen.put("DNS answer changed", now);
                }
            } catch (Exception notYet) {
                // no answer this time
            }
        }
    }

    private Map<String, String> readBack(Setup setup, List<AckedWrite> acked) throws Exception {
        Map<String, String> values = new HashMap<>();
        String base = "http://" + setup.storeUrls().get(setup.standby()).substring("http://".length()).split(":")[0] + ":" + setup.servicePort();
        for (AckedWrite write : acked) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/items/" + write.key()))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                values.put(write.key(), response.body());
            }
        }
        return values;
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
