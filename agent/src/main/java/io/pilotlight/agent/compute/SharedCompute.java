package io.pilotlight.agent.compute;

import io.pilotlight.agent.control.EtcdLeadership;
import io.pilotlight.agent.etcd.EtcdKv;
import io.pilotlight.agent.etcd.EtcdUnreachableException;
import io.pilotlight.orchestrator.compute.ComputeProvider;
import java.time.Duration;
import java.util.Optional;

/**
 * Compute across agents: the controller leader cannot start processes on another region's machine,
 * so it writes the wanted count ({@code compute/SERVICE/REGION/desired}) and each region's agent
 * brings its own instances to it ({@link ComputeReconciler}) and reports how many run
 * ({@code .../running}, bound to that agent's lease: a dead region reports nothing, read as 0).
 * {@link #scale} returns once the region reports the count, or fails naming what it last saw.
 */
public final class SharedCompute implements ComputeProvider {
    private final EtcdKv kv;
    private final EtcdLeadership leadership;
    private final Duration patience;

    /** @param patience how long {@link #scale} waits for the region's agent to report the count */
    public SharedCompute(EtcdKv kv, EtcdLeadership leadership, Duration patience) {
        this.kv = kv;
        this.leadership = leadership;
        this.patience = patience;
    }

    static String desiredKey(String service, String region) {
        return "compute/" + service + "/" + region + "/desired";
    }

    static String runningKey(String service, String region) {
        return "compute/" + service + "/" + region + "/running";
    }

    @Override
    public String request(String service, String region, int instances) throws Exception {
        if (!leadership.guardedPut(desiredKey(service, region), Integer.toString(instances))) {
            throw new IllegalStateException("not scaling " + service + " in " + region + ": this controller no longer leads");
        }
        return service + " in " + region + ": " + instances + " instance(s) asked of its agent";
    }

    @Override
    public String scale(String service, String region, int instances) throws Exception {
        request(service, region, instances);
        long deadline = System.nanoTime() + patience.toNanos();
        int seen = -1;
        while (System.nanoTime() < deadline) {
            seen = reported(service, region).orElse(-1);
            if (seen == instances) {
                return service + " in " + region + ": " + instances + " instance(s) running, reported by its agent";
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(service + " in " + region + ": asked for " + instances + " instance(s), its agent "
                + (seen < 0 ? "reported nothing (is the region's agent running?)" : "reports " + seen) + " after " + patience.toSeconds() + "s");
    }

    @Override
    public int running(String service, String region) {
        try {
            return reported(service, region).orElse(0);
        } catch (EtcdUnreachableException e) {
            return 0;
        }
    }

    private Optional<Integer> reported(String service, String region) throws EtcdUnreachableException {
        Optional<EtcdKv.Entry> entry = kv.get(runningKey(service, region));
        return entry.map(e -> Integer.parseInt(e.value().trim()));
    }

    @Override
    public void close() {
        // the instances belong to the regions' agents
    }
}
