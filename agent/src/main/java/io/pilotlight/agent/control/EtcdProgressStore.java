package io.pilotlight.agent.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.agent.etcd.EtcdKv;
import io.pilotlight.agent.etcd.EtcdUnreachableException;
import io.pilotlight.orchestrator.runbook.ProgressStore;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runbook progress in etcd ({@code runbooks/ID}: {@code {"done": [1, 2]}}), written only while this
 * candidate leads (a transaction guarded by the leader key), so a deposed leader records nothing and
 * the next leader resumes at the first step not recorded done.
 */
public final class EtcdProgressStore implements ProgressStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EtcdKv kv;
    private final EtcdLeadership leadership;

    public EtcdProgressStore(EtcdKv kv, EtcdLeadership leadership) {
        this.kv = kv;
        this.leadership = leadership;
    }

    private static String key(String runbookId) {
        return "runbooks/" + runbookId;
    }

    @Override
    public Set<Integer> done(String runbookId) {
        Set<Integer> done = new TreeSet<>();
        Optional<EtcdKv.Entry> entry;
        try {
            entry = kv.get(key(runbookId));
        } catch (EtcdUnreachableException e) {
            throw new IllegalStateException("runbook progress unknown: " + e.getMessage(), e);
        }
        if (entry.isPresent()) {
            try {
                JSON.readTree(entry.get().value()).path("done").forEach(n -> done.add(n.asInt()));
            } catch (IOException e) {
                throw new IllegalStateException("etcd key " + kv.target().key(key(runbookId)) + " is not runbook progress: " + e.getMessage(), e);
            }
        }
        return done;
    }

    @Override
    public void markDone(String runbookId, int step) {
        Set<Integer> done = done(runbookId);
        done.add(step);
        try {
            if (!leadership.guardedPut(key(runbookId), JSON.writeValueAsString(Map.of("done", done)))) {
                throw new IllegalStateException("this controller no longer leads");
            }
        } catch (EtcdUnreachableException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void clear(String runbookId) {
        try {
            leadership.guardedDelete(key(runbookId));
        } catch (EtcdUnreachableException e) {
            throw new IllegalStateException("finished runbook " + runbookId + " not cleared: " + e.getMessage(), e);
        }
    }
}
