package io.pilotlight.topology;

import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.KeyPattern;
import io.pilotlight.topology.spec.Omittable;
import java.util.List;
import java.util.Map;

@Doc("A multi-region deployment: its regions, services, DNS, data, compute, objectives and drills.")
public record Topology(
        @Doc("Name of the deployment, used in reports.") String name,
        @Doc("The pattern this deployment claims to implement; the planner checks the claim.") @Omittable ResiliencePattern pattern,
        @Doc("What the deployment must achieve: RTO, RPO and the reason for going multi-region.") Objectives objectives,
        @Doc("Regions by name, e.g. us-east-1.")
        @KeyPattern(regex = "^[a-z][a-z0-9-]*$", description = "lower-case letters, digits and '-', starting with a letter")
        Map<String, Region> regions,
        @Doc("Services by name, each with its endpoint in every region it runs in.")
        @KeyPattern(regex = "^[a-z][a-z0-9-]*$", description = "lower-case letters, digits and '-', starting with a letter")
        Map<String, Service> services,
        @Doc("Health checks by name, Route 53 style; each service also gets one per region, named SERVICE-REGION.")
        @KeyPattern(regex = "^[A-Za-z0-9][A-Za-z0-9_.-]*$", description = "letters, digits, '_', '.' and '-'")
        Map<String, HealthCheck> healthChecks,
        @Doc("Authoritative DNS zones served by Pilotlight.") @Omittable Dns dns,
        @Doc("Data stores by name and how they replicate.")
        @KeyPattern(regex = "^[a-z][a-z0-9-]*$", description = "lower-case letters, digits and '-', starting with a letter")
        Map<String, DataStore> dataStores,
        @Doc("Compute capacity of each service per region and role, keyed by service name.") Map<String, Compute> compute,
        @Doc("How failover is decided.") @Omittable FailoverSettings failover,
        @Doc("What is known of the clients, e.g. how long they cache DNS answers.") @Omittable Clients clients,
        @Doc("Drills that exercise the failover on a schedule.") List<Drill> drills,
        @Doc("The network between the regions, as the lab reproduces it.") @Omittable Network network,
        @Doc("Where the coordination store's members live (etcd); the one-machine in-process coordinator when left out.")
        @Omittable Coordination coordination) {

    public Topology {
        regions = regions == null ? Map.of() : regions;
        services = services == null ? Map.of() : services;
        healthChecks = healthChecks == null ? Map.of() : healthChecks;
        dataStores = dataStores == null ? Map.of() : dataStores;
        compute = compute == null ? Map.of() : compute;
        drills = drills == null ? List.of() : drills;
    }

    public Dns dnsOrEmpty() {
        return dns == null ? new Dns(Map.of(), null) : dns;
    }

    public Network networkOrNone() {
        return network == null ? Network.NONE : network;
    }

    /** Whether the region named serves (any role but witness; a role that failed to bind counts as serving); false for an unknown name. */
    public boolean serves(String region) {
        Region found = regions.get(region);
        return found != null && (found.role() == null || found.role().serves());
    }

    public FailoverSettings failoverOrDefault() {
        return failover == null ? FailoverSettings.DEFAULT : failover;
    }
}
