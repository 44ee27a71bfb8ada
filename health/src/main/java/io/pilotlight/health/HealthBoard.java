package io.pilotlight.health;

import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.HealthCheckType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of every check: each checker's threshold state for endpoint checks, and every check's
 * verdict. Probe results come in from many threads; each is applied under one lock, verdicts are
 * republished for lock-free reads, and only then are the resulting events published, in order.
 */
final class HealthBoard {
    private final Map<String, HealthCheck> checks;
    private final Map<String, Map<String, VantageState>> endpoints = new LinkedHashMap<>();
    private final Map<String, CheckVerdict> verdicts = new LinkedHashMap<>();
    private final List<String> calculated;
    private final EventLog log;
    private final Clock clock;
    private volatile Map<String, HealthStatus> statuses;

    HealthBoard(Map<String, HealthCheck> checks, List<VantagePoint> vantagePoints, EventLog log, Clock clock) {
        this(checks, vantagePoints, log, clock, Carryover.NONE);
    }

    HealthBoard(Map<String, HealthCheck> checks, List<VantagePoint> vantagePoints, EventLog log, Clock clock, Carryover carried) {
        this(checks, vantagePoints, List.of(), log, clock, carried);
    }

    /** @param remoteVantages checkers another agent runs: this board takes their states from {@link #recordRemote} */
    HealthBoard(Map<String, HealthCheck> checks, List<VantagePoint> vantagePoints, List<String> remoteVantages, EventLog log,
                Clock clock, Carryover carried) {
        this.checks = checks;
        this.calculated = CalculatedOrder.of(checks);
        this.log = log;
        this.clock = clock;
        Instant now = clock.instant();
        checks.forEach((name, check) -> {
            if (check.type() != HealthCheckType.CALCULATED) {
                Map<String, VantageState> byVantage = new LinkedHashMap<>();
                vantagePoints.forEach(v -> byVantage.put(v.name(), carried.vantage(name, check, v.name(), now)));
                remoteVantages.forEach(v -> byVantage.put(v, carried.remoteVantage(name, check, v, now)));
                endpoints.put(name, byVantage);
                Verdict verdict = endpointVerdict(name);
                verdicts.put(name, new CheckVerdict(verdict.status(), verdict.reason(), carried.since(name, check, verdict.status(), now)));
            }
        });
        for (String name : calculated) {
            Verdict verdict = calculatedVerdict(name);
            verdicts.put(name, new CheckVerdict(verdict.status(), verdict.reason(), carried.since(name, checks.get(name), verdict.status(), now)));
        }
        republish();
    }

    HealthStatus status(String check) {
        return statuses.getOrDefault(check, HealthStatus.UNKNOWN);
    }

    Map<String, HealthStatus> snapshot() {
        return statuses;
    }

    synchronized void record(String check, String vantage, ProbeResult result) {
        VantageState state = endpoints.get(check).get(vantage);
        state.last = result;
        state.probes++;
        HealthStatus before = state.threshold.status();
        Step step = ThresholdMachine.next(state.threshold, result.healthy(), checks.get(check).failureThreshold());
        state.threshold = step.state();
        state.reason = step.reason();
        if (!step.changed()) {
            return;
        }
        Instant now = clock.instant();
        state.since = now;
        List<HealthEvent> events = new ArrayList<>();
        events.add(new HealthEvent(now, check, vantage, before, step.state().status(), result, step.reason()));
        settle(check, endpointVerdict(check), result, now, events);
        for (String parent : calculated) {
            settle(parent, calculatedVerdict(parent), null, now, events);
        }
        republish();
        events.forEach(log::publish);
    }

    /**
     * A remote checker's threshold state as its own agent reports it. A change of that checker's
     * verdict is an event like a local one, and the aggregate verdict follows the vantage rule.
     */
    synchronized void recordRemote(String check, String vantage, HealthStatus status, String reason) {
        VantageState state = remote(check, vantage);
        String why = "reported by its agent: " + reason;
        if (state.reporting && state.threshold.status() == status && why.equals(state.reason)) {
            return;
        }
        update(check, state, true, new ThresholdState(status, status == HealthStatus.HEALTHY, 0), why);
    }

    /** A remote checker without a report (its agent is gone, or its report cannot be read): it stops voting. */
    synchronized void forgetRemote(String check, String vantage, String why) {
        VantageState state = remote(check, vantage);
        if (state.reporting) {
            update(check, state, false, state.threshold, "no report from its agent (" + why + "): not counted");
        }
    }

    private VantageState remote(String check, String vantage) {
        VantageState state = endpoints.getOrDefault(check, Map.of()).get(vantage);
        if (state == null || !state.remote) {
            throw new IllegalArgumentException("no remote checker \"" + vantage + "\" for endpoint check \"" + check + "\"");
        }
        return state;
    }

    private void update(String check, VantageState state, boolean reporting, ThresholdState threshold, String reason) {
        HealthStatus before = shown(state);
        state.reporting = reporting;
        state.threshold = threshold;
        state.reason = reason;
        HealthStatus after = shown(state);
        Instant now = clock.instant();
        List<HealthEvent> events = new ArrayList<>();
        if (before != after) {
            state.since = now;
            events.add(new HealthEvent(now, check, state.vantage, before, after, null, reason));
        }
        settle(check, endpointVerdict(check), null, now, events);
        for (String parent : calculated) {
            settle(parent, calculatedVerdict(parent), null, now, events);
        }
        republish();
        events.forEach(log::publish);
    }

    /** A checker's verdict as operators see it: a remote one without a report shows UNKNOWN. */
    private static HealthStatus shown(VantageState state) {
        return state.votes() ? state.threshold.status() : HealthStatus.UNKNOWN;
    }

    /** A copy of one checker's state of a check, if this board runs the same check from that checker. */
    synchronized VantageState copyOf(String name, HealthCheck check, String vantage) {
        VantageState state = check.equals(checks.get(name)) ? endpoints.getOrDefault(name, Map.of()).get(vantage) : null;
        return state == null ? null : state.copy();
    }

    synchronized CheckVerdict verdictOf(String name, HealthCheck check) {
        return check.equals(checks.get(name)) ? verdicts.get(name) : null;
    }

    synchronized void skipped(String check, String vantage) {
        endpoints.get(check).get(vantage).skipped++;
    }

    synchronized CheckDetails details(String name) {
        HealthCheck check = checks.get(name);
        CheckVerdict verdict = verdicts.get(name);
        List<VantageDetails> vantages = endpoints.getOrDefault(name, Map.of()).values().stream()
                .map(VantageState::details).toList();
        Map<String, HealthStatus> children = new LinkedHashMap<>();
        if (check.type() == HealthCheckType.CALCULATED) {
            check.childHealthChecks().forEach(child -> children.put(child, status(child)));
        }
        return new CheckDetails(name, check.type(), verdict.status(), verdict.reason(), verdict.since(), check.inverted(),
                check.disabled(), vantages, children);
    }

    private void settle(String name, Verdict verdict, ProbeResult evidence, Instant now, List<HealthEvent> events) {
        CheckVerdict before = verdicts.get(name);
        if (before.status() == verdict.status()) {
            verdicts.put(name, new CheckVerdict(before.status(), verdict.reason(), before.since()));
            return;
        }
        verdicts.put(name, new CheckVerdict(verdict.status(), verdict.reason(), now));
        events.add(new HealthEvent(now, name, HealthEvent.AGGREGATE, before.status(), verdict.status(), evidence, verdict.reason()));
    }

    private Verdict endpointVerdict(String name) {
        HealthCheck check = checks.get(name);
        Map<String, HealthStatus> byChecker = new LinkedHashMap<>();
        List<String> silent = new ArrayList<>();
        endpoints.get(name).forEach((vantage, state) -> {
            if (state.votes()) {
                byChecker.put(vantage, state.threshold.status());
            } else {
                silent.add(vantage);
            }
        });
        Verdict measured = VantageRule.aggregate(byChecker, check.healthyCheckerFraction());
        if (!silent.isEmpty()) {
            measured = new Verdict(measured.status(), measured.reason() + "; not counted, no report from " + String.join(", ", silent));
        }
        return CheckFlags.apply(check, measured);
    }

    private Verdict calculatedVerdict(String name) {
        HealthCheck check = checks.get(name);
        Map<String, HealthStatus> children = new LinkedHashMap<>();
        check.childHealthChecks().forEach(child -> children.put(child, verdicts.get(child).status()));
        return CheckFlags.apply(check, CalculatedRule.evaluate(children, check.healthThreshold()));
    }

    private void republish() {
        Map<String, HealthStatus> next = new LinkedHashMap<>();
        verdicts.forEach((name, verdict) -> next.put(name, verdict.status()));
        statuses = java.util.Collections.unmodifiableMap(next);
    }
}
