package io.pilotlight.agent.compute;

import io.pilotlight.agent.etcd.AgentSession;
import io.pilotlight.agent.etcd.EtcdKv;
import io.pilotlight.agent.etcd.EtcdUnreachableException;
import io.pilotlight.orchestrator.compute.ComputeProvider;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An agent's half of {@link SharedCompute}: every round it brings each service's instances in its own
 * region to the count the controller leader asked for, and reports how many run, bound to the
 * agent's session lease. With no count asked yet, or etcd unreachable, it leaves its instances as they are.
 */
public final class ComputeReconciler implements AutoCloseable {
    private final AgentSession session;
    private final String region;
    private final Collection<String> services;
    private final ComputeProvider local;
    private final Consumer<String> log;
    private final Thread thread;
    private volatile boolean running = true;
    /** What was last written per service (count@lease), so an unchanged count is not written 5 times a second. */
    private final java.util.Map<String, String> reported = new java.util.HashMap<>();

    public ComputeReconciler(AgentSession session, String region, Collection<String> services, ComputeProvider local, Consumer<String> log) {
        this.session = session;
        this.region = region;
        this.services = services;
        this.local = local;
        this.log = log;
        this.thread = Thread.ofPlatform().daemon().name("compute-" + region).start(this::loop);
    }

    private void loop() {
        while (running) {
            for (String service : services) {
                try {
                    reconcile(service);
                } catch (EtcdUnreachableException e) {
                    break; // instances stay as they are; the next round tries again
                } catch (Exception e) {
                    log.accept("compute " + service + " in " + region + ": " + e.getMessage());
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void reconcile(String service) throws Exception {
        EtcdKv kv = session.kv();
        Optional<EtcdKv.Entry> desired = kv.get(SharedCompute.desiredKey(service, region));
        if (desired.isPresent()) {
            int wanted = Integer.parseInt(desired.get().value().trim());
            if (local.running(service, region) != wanted) {
                log.accept(local.scale(service, region, wanted));
            }
        }
        long lease = session.lease();
        String report = local.running(service, region) + "@" + lease;
        if (lease != 0 && !report.equals(reported.get(service))) { // the key lives with the lease: written again only on news
            kv.put(SharedCompute.runningKey(service, region), Integer.toString(local.running(service, region)), lease);
            reported.put(service, report);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
