package io.pilotlight.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.health.HealthStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Route 53 routing semantics, seen through real queries to a running server. */
class RoutingTest {
    private final Map<String, Boolean> switches = new ConcurrentHashMap<>();
    private final DnsFixture dns;

    RoutingTest() throws Exception {
        dns = new DnsFixture(member -> switches.getOrDefault(member, true));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void failoverAnswersThePrimaryWhileItIsHealthy() throws Exception {
        assertThat(dns.addresses("api.example.com.")).containsExactly("192.0.2.1");
    }

    @Test
    void failoverAnswersTheSecondaryWhenThePrimaryIsUnhealthy() throws Exception {
        dns.health.set("east", HealthStatus.UNHEALTHY);
        assertThat(dns.addresses("api.example.com.")).containsExactly("192.0.2.2");
        dns.health.set("east", HealthStatus.HEALTHY);
        assertThat(dns.addresses("api.example.com.")).as("moves back on recovery").containsExactly("192.0.2.1");
    }

    @Test
    void whenEveryMemberIsUnhealthyTheprimaryIsAnsweredAsRoute53Does() throws Exception {
        dns.health.set("east", HealthStatus.UNHEALTHY).set("west", HealthStatus.UNHEALTHY);
        assertThat(dns.addresses("api.example.com.")).containsExactly("192.0.2.1");
    }

    @Test
    void aFailClosedRecordSetAnswersNodataWhenEveryMemberIsUnhealthy() throws Exception {
        dns.health.set("east", HealthStatus.UNHEALTHY).set("west", HealthStatus.UNHEALTHY);
        Message response = dns.query("closed.example.com.", Type.A);
        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
        assertThat(response.getSection(Section.AUTHORITY)).extracting(r -> r.getType()).containsExactly(Type.SOA);
    }

    @Test
    void unknownPrimaryIsPreferredOverNothingButAKnownHealthySecondaryWins() throws Exception {
        dns.health.set("east", HealthStatus.UNKNOWN).set("west", HealthStatus.HEALTHY);
        assertThat(dns.addresses("api.example.com.")).containsExactly("192.0.2.2");
        dns.health.set("west", HealthStatus.UNKNOWN);
        assertThat(dns.addresses("api.example.com.")).as("cold start: never 'everything is down'").containsExactly("192.0.2.1");
    }

    @Test
    void aRoutingControlSwitchedOffActsAsUnhealthy() throws Exception {
        switches.put("api.example.com/primary", false);
        dns.server.routingChanged();
        assertThat(dns.addresses("api.example.com.")).containsExactly("192.0.2.2");
    }

    @Test
    void aliasWithEvaluateTargetHealthFollowsTheTarget() throws Exception {
        assertThat(dns.addresses("www.example.com.")).containsExactly("192.0.2.1");
        dns.health.set("east", HealthStatus.UNHEALTHY);
        Message response = dns.query("www.example.com.", Type.A);
        assertThat(response.getSection(Section.ANSWER)).extracting(r -> r.getName().toString()).containsExactly("www.example.com.");
        assertThat(response.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.2");
        assertThat(response.getSection(Section.ANSWER).get(0).getTTL()).as("alias answers carry the target's TTL").isEqualTo(60);
    }

    @Test
    void weightedAnswersInProportionAmongHealthyMembers() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            dns.addresses("w.example.com.").forEach(a -> counts.merge(a, 1, Integer::sum));
        }
        assertThat(counts).doesNotContainKey("192.0.2.13");
        assertThat(counts.get("192.0.2.11")).isBetween(240, 360); // weight 3 of 4
        assertThat(counts.get("192.0.2.12")).isBetween(40, 160);
    }

    @Test
    void weightZeroIsAnsweredOnlyWhenEveryOtherMemberIsUnhealthy() throws Exception {
        dns.health.set("east", HealthStatus.UNHEALTHY);
        assertThat(dns.addresses("w.example.com.")).containsExactly("192.0.2.12");
        dns.health.set("west", HealthStatus.UNHEALTHY);
        assertThat(dns.addresses("w.example.com.")).containsExactly("192.0.2.13");
    }

    @Test
    void cnameIsFollowedInsideTheZone() throws Exception {
        Message response = dns.query("web.example.com.", Type.A);
        assertThat(response.getSection(Section.ANSWER)).extracting(r -> Type.string(r.getType())).containsExactly("CNAME", "A");
        assertThat(Set.copyOf(response.getSection(Section.ANSWER).stream().map(r -> r.rdataToString()).toList()))
                .contains("192.0.2.1");
    }
}
