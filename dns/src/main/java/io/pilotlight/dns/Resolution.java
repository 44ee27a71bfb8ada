package io.pilotlight.dns;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * The records routing chose for one group, how healthy the choice is, and whether the same query
 * would always get the same answer (so it may be cached until health or controls change).
 */
record Resolution(List<Record> records, Tier tier, boolean cacheable, String reason) {
    static Resolution empty(String reason) {
        return new Resolution(List.of(), Tier.UNHEALTHY, true, reason);
    }
}
