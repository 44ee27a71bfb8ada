package io.pilotlight.agent.etcd;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The agent's own etcd lease, kept alive while the agent runs: what it reports about itself (its
 * vantage's verdicts, its running instances) is bound to it, so the reports vanish within one TTL
 * of the agent dying or losing etcd. A lease that expired anyway (etcd unreachable too long) is
 * replaced; reporters write their keys again on every round, so they follow the new lease.
 */
public final class AgentSession implements AutoCloseable {
    private final EtcdKv kv;
    private final Duration ttl;
    private final Consumer<String> log;
    private final Thread keeper;
    private volatile long lease;
    private volatile boolean running = true;
    private String lastProblem;

    public AgentSession(EtcdKv kv, Duration ttl, Consumer<String> log) {
        this.kv = kv;
        this.ttl = ttl;
        this.log = log;
        this.keeper = Thread.ofPlatform().daemon().name("agent-session").start(this::keep);
    }

    /** The current lease id, 0 while none could be granted (etcd unreachable). */
    public long lease() {
        return lease;
    }

    public EtcdKv kv() {
        return kv;
    }

    private void keep() {
        long every = Math.max(100, ttl.toMillis() / 3);
        while (running) {
            try {
                if (lease == 0 || !kv.keepAlive(lease)) {
                    lease = kv.grant(ttl);
                }
                if (lastProblem != null) {
                    log.accept("etcd reachable again: session lease " + Long.toHexString(lease));
                    lastProblem = null;
                }
            } catch (EtcdUnreachableException e) {
                if (!e.getMessage().equals(lastProblem)) {
                    log.accept("session lease not renewed: " + e.getMessage());
                }
                lastProblem = e.getMessage();
            }
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        keeper.interrupt();
        kv.revokeQuietly(lease);
    }
}
