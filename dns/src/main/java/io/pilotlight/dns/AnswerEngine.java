package io.pilotlight.dns;

import io.pilotlight.health.HealthView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Answers a question from the zones: REFUSED outside them, NXDOMAIN or NODATA with the SOA for
 * negative caching, CNAME chains inside the zone, ANY answered minimally (RFC 8482), and every
 * routed group through {@link GroupRouter}.
 */
final class AnswerEngine {
    private static final int CNAME_CHAIN_LIMIT = 8;

    private final Zones zones;
    private final HealthView health;
    private final RoutingState controls;
    private final RandomGenerator random;

    AnswerEngine(Zones zones, HealthView health, RoutingState controls, RandomGenerator random) {
        this.zones = zones;
        this.health = health;
        this.controls = controls;
        this.random = random;
    }

    Answer answer(Name question, int qtype) {
        Name name = Names.lower(question);
        ZoneData zone = zones.find(name);
        if (zone == null) {
            return new Answer(Rcode.REFUSED, List.of(), List.of(), false, true, "not authoritative for " + name);
        }
        List<Record> answers = new ArrayList<>();
        boolean cacheable = true;
        String reason = "";
        for (int hop = 0; hop < CNAME_CHAIN_LIMIT; hop++) {
            Map<Integer, RecordGroup> groups = zone.groupsAt(name);
            if (groups.isEmpty() && !name.equals(zone.apex()) && !zone.exists(name)) {
                return negative(zone, Rcode.NXDOMAIN, answers, cacheable, "no such name " + name);
            }
            List<Record> apexRecords = apexRecords(zone, name, qtype);
            if (!apexRecords.isEmpty()) {
                answers.addAll(apexRecords);
                return new Answer(Rcode.NOERROR, answers, List.of(), true, cacheable, "zone apex");
            }
            RecordGroup cname = groups.get(Type.CNAME);
            if (cname != null && qtype != Type.CNAME) {
                Resolution resolution = router(zone).route(name, cname);
                answers.addAll(resolution.records());
                cacheable &= resolution.cacheable();
                if (resolution.records().isEmpty()) {
                    return negative(zone, Rcode.NOERROR, answers, cacheable, resolution.reason());
                }
                Name target = Names.lower(((org.xbill.DNS.CNAMERecord) resolution.records().get(0)).getTarget());
                if (!target.subdomain(zone.apex())) {
                    return new Answer(Rcode.NOERROR, answers, List.of(), true, cacheable, "CNAME out of zone");
                }
                name = target;
                continue;
            }
            RecordGroup group = qtype == Type.ANY ? anyGroup(groups) : groups.get(qtype);
            if (group == null) {
                return negative(zone, Rcode.NOERROR, answers, cacheable, "no " + Type.string(qtype) + " at " + name);
            }
            Resolution resolution = router(zone).route(name, group);
            answers.addAll(resolution.records());
            cacheable &= resolution.cacheable();
            reason = resolution.reason();
            if (resolution.records().isEmpty()) {
                return negative(zone, Rcode.NOERROR, answers, cacheable, reason);
            }
            return new Answer(Rcode.NOERROR, answers, List.of(), true, cacheable, reason);
        }
        return new Answer(Rcode.SERVFAIL, answers, List.of(), true, true, "CNAME chain longer than " + CNAME_CHAIN_LIMIT);
    }

    private GroupRouter router(ZoneData zone) {
        return new GroupRouter(zone, health, controls, random);
    }

    private static List<Record> apexRecords(ZoneData zone, Name name, int qtype) {
        if (!name.equals(zone.apex())) {
            return List.of();
        }
        if (qtype == Type.SOA || (qtype == Type.ANY && zone.groupsAt(name).isEmpty())) {
            return List.of(zone.soa());
        }
        if (qtype == Type.NS && !zone.groupsAt(name).containsKey(Type.NS)) {
            return List.copyOf(zone.nameServers());
        }
        return List.of();
    }

    /** RFC 8482: answer ANY with one RRset rather than everything at the name. */
    private static RecordGroup anyGroup(Map<Integer, RecordGroup> groups) {
        return groups.values().stream().findFirst().orElse(null);
    }

    private static Answer negative(ZoneData zone, int rcode, List<Record> answers, boolean cacheable, String reason) {
        Record negativeSoa = new org.xbill.DNS.SOARecord(zone.apex(), zone.soa().getDClass(), zone.negativeTtl(),
                zone.soa().getHost(), zone.soa().getAdmin(), zone.soa().getSerial(), zone.soa().getRefresh(),
                zone.soa().getRetry(), zone.soa().getExpire(), zone.soa().getMinimum());
        return new Answer(rcode, answers, List.of(negativeSoa), true, cacheable, reason);
    }
}
