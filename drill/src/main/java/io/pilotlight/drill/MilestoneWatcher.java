package io.pilotlight.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotlight.orchestrator.runbook.AuditLog;
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
 * Watches a drill's milestones where they happen, from structured events only: the DNS server's
 * health events (detected, standby healthy), the controller's audit log, which an operator's
 * runbook shares (decided, compute ready), the standby's store status (promoted) and the DNS
 * answer itself (DNS answer changed).
 */
final class MilestoneWatcher {
    static final List<String> WATCHED = List.of("detected", "decided", "promoted", "compute ready", "standby healthy", "DNS answer changed");
    private final LabHttp http = new LabHttp();
    private final Map<String, Long> seen = new HashMap<>();
    private final DrillRunner.Setup setup;
    private final Fault fault;
    private final long t0;
    private final Consumer<String> progress;
    /** How long a changed answer must last to count: a one-query blip is not a failover. */
    static final long LASTING_MILLIS = 1_000;
    private final LastingChange dnsChange = new LastingChange(LASTING_MILLIS);

    private final java.time.Clock clock;

    MilestoneWatcher(DrillRunner.Setup setup, Fault fault, long t0, Consumer<String> progress, java.time.Clock clock) {
        this.clock = clock;
        this.setup = setup;
        this.fault = fault;
        this.t0 = t0;
        this.progress = progress;
    }

    /** Looks once at every source; prints each milestone the first time it is seen. */
    void poll() {
        Map<String, Long> before = new HashMap<>(seen);
        watch();
        for (String name : WATCHED) {
            if (seen.containsKey(name) && !before.containsKey(name)) {
                progress.accept(String.format("+%.1fs  %s", (seen.get(name) - t0) / 1000.0, name));
            }
        }
    }

    /** The drill, playing the operator, started the failover runbook now: the person's decision is made here. */
    void operatorActed(long atMillis) {
        seen.putIfAbsent("decided", atMillis);
    }

    /** Every watched milestone, in ms from the fault (-1 when never seen), with its evidence. */
    List<Milestone> milestones() {
        List<Milestone> out = new ArrayList<>();
        for (String name : WATCHED) {
            Long at = seen.get(name);
            out.add(new Milestone(name, at == null ? -1 : at - t0, evidence(name)));
        }
        return out;
    }

    private String evidence(String milestone) {
        if (fault.planned() && (milestone.equals("detected") || milestone.equals("decided"))) {
            return "planned switchover: nothing to detect or decide";
        }
        return switch (milestone) {
            case "detected" -> "health check " + setup.service() + "-" + setup.target() + " turned unhealthy (DNS server's events)";
            case "decided" -> setup.operator() != null ? "the operator (played by the drill) started the failover runbook, "
                    + setup.operator().delay().toMillis() / 1000.0 + " s after the controller's alert"
                    : "the controller's FAIL_OVER decision (its audit log)";
            case "promoted" -> setup.standby() + "'s store node became the writer";
            case "compute ready" -> "the runbook's step: " + setup.service() + " in " + setup.standby() + " passed its health check";
            case "standby healthy" -> "health check " + setup.service() + "-" + setup.standby() + " turned healthy (DNS server's events):"
                    + " DNS may answer " + setup.standby() + " from here";
            default -> setup.name() + " no longer answers " + setup.targetAddress() + " (lasting at least "
                    + LASTING_MILLIS / 1000.0 + " s)";
        };
    }

    private void watch() {
        long now = clock.millis();
        if (!seen.containsKey("detected") || !seen.containsKey("standby healthy")) {
            try {
                for (JsonNode event : http.json("http://" + setup.dnsAdmin() + "/health/events")) {
                    long at = Instant.parse(event.path("at").asText()).toEpochMilli();
                    if (at < t0 || !"aggregate".equals(event.path("vantage").asText())) {
                        continue;
                    }
                    String check = event.path("check").asText();
                    if (check.equals(setup.service() + "-" + setup.target()) && "UNHEALTHY".equals(event.path("to").asText())) {
                        seen.putIfAbsent("detected", at);
                    }
                    if (check.equals(setup.service() + "-" + setup.standby()) && "HEALTHY".equals(event.path("to").asText())) {
                        seen.putIfAbsent("standby healthy", at);
                    }
                }
            } catch (Exception notYet) {
                // the DNS server's admin API did not answer this time
            }
        }
        try {
            AuditMilestones.of(new AuditLog(setup.labState().resolve("controller").resolve(AuditLog.FILE_NAME)).read(), t0, setup.standby(),
                    fault.planned()).forEach(seen::putIfAbsent);
        } catch (java.io.UncheckedIOException notYet) {
            // the audit log is not there yet
        }
        if (!seen.containsKey("promoted")) {
            try {
                if (setup.store().state(setup.standby()).role() == io.pilotlight.engine.ReplicaRole.WRITER) {
                    seen.put("promoted", now);
                }
            } catch (RuntimeException notYet) {
                // the standby's store did not answer
            }
        }
        if (!seen.containsKey("DNS answer changed")) {
            try {
                SimpleResolver resolver = new SimpleResolver(setup.dns());
                resolver.setTimeout(Duration.ofMillis(500));
                var answer = resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(setup.name() + "."), Type.A, DClass.IN)));
                var records = answer.getSection(Section.ANSWER);
                boolean changed = !records.isEmpty() && !records.get(0).rdataToString().equals(setup.targetAddress());
                dnsChange.observe(now, changed).ifPresent(start -> seen.put("DNS answer changed", start)); // from its start, once it lasted
            } catch (Exception notYet) {
                // no answer this time
            }
        }
    }
}
