package io.pilotlight.dns;

import io.pilotlight.topology.FailoverRole;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * One record set of a name and type, ready to answer: its routing role, health check, and either
 * its records or the alias target it stands for.
 *
 * @param id          {@code owner/set_identifier}, or {@code owner} for a simple record set; routing controls use it
 * @param failover    PRIMARY or SECONDARY, or {@code null}
 * @param weight      the weight under weighted routing, or -1
 * @param aliasTarget the alias target name, or {@code null}
 */
record Member(String id, int type, String setIdentifier, FailoverRole failover, int weight, boolean multivalue, String healthCheck,
              String region, boolean failClosed, List<Record> records, Name aliasTarget, boolean evaluateTargetHealth) {

    boolean isAlias() {
        return aliasTarget != null;
    }
}
