package io.pilotlight.agent.control;

import io.pilotlight.agent.etcd.EtcdKv;
import io.pilotlight.agent.etcd.EtcdUnreachableException;
import io.pilotlight.orchestrator.live.PrimaryRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The region now serving, in etcd ({@value #KEY}: {@code {"primary": ..., "last_failover": ...}}),
 * written only by the controller leader. Until a failover is recorded it is the topology's primary.
 * While etcd is unreachable the last value read stands (the controller does not act then anyway).
 */
public final class EtcdPrimaryRecord implements PrimaryRecord {
    public static final String KEY = "controller/primary";
    private final EtcdKv kv;
    private final EtcdLeadership leadership;
    private volatile String primary;
    private volatile Instant lastFailover;

    public EtcdPrimaryRecord(EtcdKv kv, EtcdLeadership leadership, String initialPrimary) {
        this.kv = kv;
        this.leadership = leadership;
        this.primary = initialPrimary;
        refresh();
    }

    @Override
    public void refresh() {
        Optional<EtcdKv.Entry> entry;
        try {
            entry = kv.get(KEY);
        } catch (EtcdUnreachableException e) {
            return; // the last value read stands; nobody acts without etcd
        }
        if (entry.isPresent()) {
            try {
                Facts facts = Facts.parse(entry.get().value().getBytes(StandardCharsets.UTF_8), primary);
                primary = facts.primary();
                lastFailover = facts.lastFailover();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("etcd key " + kv.target().key(KEY) + " is not a primary record (" + e.getMessage()
                        + "); fix or delete it: etcdctl put " + kv.target().key(KEY) + " '{\"primary\":\"REGION\"}'", e);
            }
        }
    }

    @Override
    public String primary() {
        return primary;
    }

    @Override
    public Instant lastFailover() {
        return lastFailover;
    }

    @Override
    public void failedOver(String newPrimary, Instant at) {
        try {
            if (!leadership.guardedPut(KEY, new String(new Facts(newPrimary, at).toJson(), StandardCharsets.UTF_8))) {
                throw new IllegalStateException("failover to " + newPrimary + " not recorded: this controller no longer leads");
            }
        } catch (EtcdUnreachableException e) {
            throw new IllegalStateException("failover to " + newPrimary + " not recorded: " + e.getMessage(), e);
        }
        primary = newPrimary;
        lastFailover = at;
    }
}
