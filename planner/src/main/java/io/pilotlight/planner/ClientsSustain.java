package io.pilotlight.planner;

import static io.pilotlight.topology.Durations.format;

import io.pilotlight.topology.Clients;
import io.pilotlight.topology.Topology;
import java.time.Duration;

/**
 * The clients' tail: from the first client that succeeds again to sustained success (at least 99 % of requests
 * succeed over a 10 s window; the window's first second ends the clock), the span a drill measures between its
 * milestones "first client success" and "sustained".
 *
 * <p>Worst case beyond the DNS terms: a client still holding the old answer moves when that answer expires, which the
 * DNS TTL and client DNS cache terms already bound (their worst case lets the last client move by then); its last
 * request to the old address fails only when the clients' request timeout runs out, and the next request goes out a
 * retry interval later, to the new address. Success is counted in whole seconds: the first window without that
 * failure begins in a later whole second, and its first second ends the clock, up to {@link #MEASUREMENT_GRANULARITY}
 * after the retry. The timeout and retry interval come from {@code clients.request_timeout} and
 * {@code clients.retry_interval}; when the topology does not say, the drill's synthetic clients' figures are assumed.
 */
final class ClientsSustain {
    /** How long the drill's synthetic clients wait for a request before counting it failed. */
    static final Duration ASSUMED_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** How long the drill's synthetic clients pause after a failed request before the next. */
    static final Duration ASSUMED_RETRY_PAUSE = Duration.ofMillis(100);
    /** Success is counted per whole second: the window starts in the second after the failure's, and its first second ends the clock. */
    static final Duration MEASUREMENT_GRANULARITY = Duration.ofSeconds(2);

    private ClientsSustain() {
    }

    static RtoTerm term(Topology topology) {
        if (RoutedRecords.of(topology).entries().isEmpty()) {
            return new RtoTerm(RtoEstimator.CLIENTS_SUSTAIN, Duration.ZERO, "no record set with a routing policy: clients are not"
                    + " moved by DNS", "");
        }
        Clients clients = topology.clients();
        Duration timeout = clients != null && clients.requestTimeout() != null ? clients.requestTimeout() : null;
        Duration retry = clients != null && clients.retryInterval() != null ? clients.retryInterval() : null;
        Duration worst = (timeout != null ? timeout : ASSUMED_REQUEST_TIMEOUT).plus(retry != null ? retry : ASSUMED_RETRY_PAUSE)
                .plus(MEASUREMENT_GRANULARITY);
        java.util.List<String> assumed = new java.util.ArrayList<>();
        if (timeout == null) {
            assumed.add("clients.request_timeout");
        }
        if (retry == null) {
            assumed.add("clients.retry_interval");
        }
        String basis = "a client's last request to the old address times out (" + format(timeout != null ? timeout : ASSUMED_REQUEST_TIMEOUT)
                + "), its retry follows " + format(retry != null ? retry : ASSUMED_RETRY_PAUSE) + " later, success counts in whole seconds (+"
                + format(MEASUREMENT_GRANULARITY) + ")" + (assumed.isEmpty() ? ""
                        : "; assumed as the drill's clients, set " + String.join(" and ", assumed))
                + "; the old answer's expiry is in the DNS terms";
        String path = timeout != null ? "clients.request_timeout" : retry != null ? "clients.retry_interval" : "";
        return new RtoTerm(RtoEstimator.CLIENTS_SUSTAIN, worst, basis, path);
    }
}
