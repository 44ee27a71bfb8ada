package io.pilotlight.topology;

import io.pilotlight.topology.spec.Bounds;
import io.pilotlight.topology.spec.Default;
import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.Omittable;
import io.pilotlight.topology.spec.Seconds;
import java.time.Duration;

public record Soa(
        @Doc("Primary name server; ns1.ZONE when left out.") @Omittable String mname,
        @Doc("Mailbox of the zone's administrator in DNS form; hostmaster.ZONE when left out.") @Omittable String rname,
        @Doc("Serial number; Pilotlight bumps it on every reload when left out.") @Omittable @Bounds(min = "0", max = "2147483647") Integer serial,
        @Doc("SOA refresh.") @Default("2h") @Seconds Duration refresh,
        @Doc("SOA retry.") @Default("15m") @Seconds Duration retry,
        @Doc("SOA expire.") @Default("14d") @Seconds Duration expire,
        @Doc("Negative-caching TTL: how long resolvers cache NXDOMAIN and NODATA.") @Default("60s") @Seconds Duration minimum,
        @Doc("TTL of the SOA record itself.") @Default("15m") @Seconds Duration ttl) {
}
