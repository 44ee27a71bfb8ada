package io.pilotlight.agent;

import io.pilotlight.store.coord.EtcdTarget;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How one region's agent runs.
 *
 * @param etcd            the deployment's etcd cluster; the prefix holds every shared key of this deployment
 * @param stateDir        this agent's own files: store data, instances, audit log
 * @param storePort       every region's store node port (on the region's address)
 * @param dnsPort         every region's DNS server port (UDP and TCP, on the region's address)
 * @param dnsAdminPort    every region's DNS admin API port
 * @param controllerLease the controller leader's lease: a new leader acts at most this long after the old one stopped
 * @param sessionTtl      how long this agent's reports (verdicts, running instances) outlive it
 */
public record AgentOptions(Path topologyFile, String region, EtcdTarget etcd, Path stateDir, int storePort, int dnsPort, int dnsAdminPort,
                           Duration controllerLease, Duration sessionTtl) {
    /** Where this agent's managed PostgreSQL server lives ({@code STATE_DIR/postgres/REGION}); the postgres user must reach it. */
    public Path postgresRoot() {
        return stateDir.resolve("postgres").toAbsolutePath().normalize();
    }

    public AgentOptions {
        if (controllerLease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("controller lease " + controllerLease.toMillis() + "ms is too short; allowed: at least 1s"
                    + " (etcd counts leases in whole seconds)");
        }
    }
}
