package io.pilotlight.topology.load;

import io.pilotlight.topology.DnsNames;
import io.pilotlight.topology.RecordType;

/** Whether a record value is well formed for its type, in zone-file presentation format. */
final class RecordValues {
    private RecordValues() {
    }

    /** A plain-words problem, or {@code null} when the value is fine. */
    static String problemWith(RecordType type, String value) {
        String v = value.trim();
        return switch (type) {
            case A -> DnsNames.isIpv4(v) ? null : "\"" + value + "\" is not an IPv4 address; an A record holds e.g. 192.0.2.10";
            case AAAA -> DnsNames.isIpv6(v) ? null : "\"" + value + "\" is not an IPv6 address; an AAAA record holds e.g. 2001:db8::10";
            case CNAME, NS -> DnsNames.isHostName(v) ? null : "\"" + value + "\" is not a host name";
            case MX -> v.matches("^[0-9]{1,5} +\\S+$") && DnsNames.isHostName(v.split(" +")[1]) && priority(v) ? null
                    : "\"" + value + "\" is not an MX value; expected PREFERENCE HOST, e.g. 10 mail.example.com";
            case SRV -> v.matches("^[0-9]{1,5} +[0-9]{1,5} +[0-9]{1,5} +\\S+$") ? null
                    : "\"" + value + "\" is not an SRV value; expected PRIORITY WEIGHT PORT TARGET, e.g. 10 5 443 api.example.com";
            case CAA -> v.matches("^[0-9]{1,3} +[A-Za-z0-9]+ +\".*\"$") ? null
                    : "\"" + value + "\" is not a CAA value; expected FLAGS TAG \"VALUE\", e.g. 0 issue \"letsencrypt.org\"";
            case TXT -> v.length() <= 4000 ? null : "a TXT value of " + v.length() + " characters; allowed: at most 4000";
        };
    }

    private static boolean priority(String mx) {
        return Integer.parseInt(mx.split(" +")[0]) <= 65535;
    }
}
