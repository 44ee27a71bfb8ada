package io.pilotlight.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The common-name convention ROLE.NAME: what names a caller, and what names nobody. */
class CertificateIdentityTest {
    @Test
    void roleDotNameNamesACaller() {
        assertThat(CertificateIdentity.parse("agent.us-east-1")).contains(new Caller("certificate CN=agent.us-east-1", Role.AGENT, "us-east-1"));
        assertThat(CertificateIdentity.parse("operator.alice")).contains(new Caller("certificate CN=operator.alice", Role.OPERATOR, null));
        assertThat(CertificateIdentity.parse("viewer.grafana.example")).map(Caller::role).contains(Role.VIEWER);
    }

    @Test
    void anythingElseNamesNobody() {
        for (String commonName : new String[] {"agent", "agent.", ".east", "admin.bob", "Agent.east", "etcd-1", "", "."}) {
            assertThat(CertificateIdentity.parse(commonName)).as(commonName).isEqualTo(Optional.empty());
        }
        assertThat(CertificateIdentity.of(null)).isEmpty();
    }
}
