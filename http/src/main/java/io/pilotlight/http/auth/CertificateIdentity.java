package io.pilotlight.http.auth;

import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * What a verified client certificate says about its holder: the subject's common name is
 * {@code ROLE.NAME}, where ROLE is a {@link Role} label. {@code CN=agent.east} is the agent of region
 * {@code east} (it speaks only for east, like an agent token of east); {@code CN=operator.alice} an
 * operator; {@code CN=viewer.grafana} a viewer. Any other common name grants no role: the TLS
 * handshake let it in, a token must still say what it may do. Only certificates the server's CA
 * bundle verified during the handshake ever get here.
 */
public final class CertificateIdentity {
    private CertificateIdentity() {
    }

    /** The caller a certificate names, if its common name follows the convention. */
    public static Optional<Caller> of(X509Certificate certificate) {
        if (certificate == null) {
            return Optional.empty();
        }
        return commonName(certificate).flatMap(CertificateIdentity::parse);
    }

    /** {@code agent.east} → agent of east; {@code operator.alice} → operator; anything else empty. */
    static Optional<Caller> parse(String commonName) {
        int dot = commonName.indexOf('.');
        if (dot <= 0 || dot == commonName.length() - 1) {
            return Optional.empty();
        }
        Role role;
        try {
            role = Role.parse(commonName.substring(0, dot));
        } catch (IllegalArgumentException notARole) {
            return Optional.empty();
        }
        String name = commonName.substring(dot + 1);
        return Optional.of(new Caller("certificate CN=" + commonName, role, role == Role.AGENT ? name : null));
    }

    static Optional<String> commonName(X509Certificate certificate) {
        try {
            LdapName subject = new LdapName(certificate.getSubjectX500Principal().getName());
            String found = null;
            for (Rdn rdn : subject.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    if (found != null) {
                        return Optional.empty(); // two common names: ambiguous, so none
                    }
                    found = String.valueOf(rdn.getValue());
                }
            }
            return Optional.ofNullable(found);
        } catch (InvalidNameException unreadable) {
            return Optional.empty();
        }
    }
}
