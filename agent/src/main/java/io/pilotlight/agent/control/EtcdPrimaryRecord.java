package io.pilotlight.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.agent.etcd.EtcdKv;
import io.pilotlight.agent.etcd.EtcdUnreachableException;
import io.pilotlight.orchestrator.live.PrimaryRecord;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The region now serving, in etcd ({@value #KEY}: {@code {"primary": ..., "last_failover": ...}}),
 * written only by the controller leader. Until a failover is recorded it is the topology's primary.
 * While etcd is unreachable the last value read stands (the controller does not act then anyway).
 */
public final class EtcdPrimaryRecord implements PrimaryRecord {
    public static final String KEY = "controller/primary";
    private static final ObjectMapper JSON = new ObjectMapper();
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
                JsonNode node = JSON.readTree(entry.get().value());
                primary = node.path("primary").asText(primary);
                lastFailover = node.hasNonNull("last_failover") ? Instant.parse(node.get("last_failover").asText()) : null;
            } catch (java.io.IOException | RuntimeException e) {
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("primary", newPrimary);
        body.put("last_failover", at.toString());
        try {
            if (!leadership.guardedPut(KEY, JSON.writeValueAsString(body))) {
                throw new IllegalStateException("failover to " + newPrimary + " not recorded: this controller no longer leads");
            }
        } catch (EtcdUnreachableException e) {
            throw new IllegalStateException("failover to " + newPrimary + " not recorded: " + e.getMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        primary = newPrimary;
        lastFailover = at;
    }
}
