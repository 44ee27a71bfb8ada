package io.pilotlight.topology;

import io.pilotlight.topology.spec.Bounds;
import io.pilotlight.topology.spec.Default;
import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.Omittable;
import io.pilotlight.topology.spec.Seconds;
import java.time.Duration;
import java.util.List;

/** A Route 53 style record set. Field names follow {@code aws_route53_record}. */
public record RecordSet(
        @Doc("Owner name, absolute (api.example.com) or relative to the zone (api, or @ for the apex).") String name,
        @Doc("Record type.") RecordType type,
        @Doc("Time to live of the answer; a bare number is seconds. Clients may use the old answer this long after a failover.")
        @Default("60s") @Seconds @Bounds(min = "0s", max = "7d") Duration ttl,
        @Doc("Distinguishes record sets of the same name and type under a routing policy.") @Omittable String setIdentifier,
        @Doc("Failover routing: PRIMARY is answered while healthy, else SECONDARY.") @Omittable FailoverRoutingPolicy failoverRoutingPolicy,
        @Doc("Weighted routing: answered in proportion to weight among healthy members.") @Omittable WeightedRoutingPolicy weightedRoutingPolicy,
        @Doc("Multivalue answer routing: up to 8 healthy values are answered.") @Default("false") boolean multivalueAnswerRoutingPolicy,
        @Doc("Name of the health check that decides whether this member is healthy.") @Omittable String healthCheck,
        @Doc("Region this member sends traffic to; used by routing controls and failover runbooks.") @Omittable String region,
        @Doc("Answer NODATA instead of Route 53's answer-anyway when every member is unhealthy.") @Default("false") boolean failClosed,
        @Doc("The values (e.g. IP addresses); leave out when alias is given.") List<String> records,
        @Doc("Alias to another record set of the zone.") @Omittable Alias alias) {

    public RecordSet {
        records = records == null ? List.of() : records;
    }

    public boolean hasRoutingPolicy() {
        return failoverRoutingPolicy != null || weightedRoutingPolicy != null || multivalueAnswerRoutingPolicy;
    }
}
