package io.pilotlight.topology.load;

import io.pilotlight.topology.DnsNames;
import io.pilotlight.topology.FailoverRole;
import io.pilotlight.topology.HealthCheckCatalog;
import io.pilotlight.topology.RecordSet;
import io.pilotlight.topology.RecordType;
import io.pilotlight.topology.Zone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Record sets: owner names inside the zone, values that fit the type, routing groups that make sense, references that exist. */
final class RecordSetRules {
    private final CheckContext context;
    private final Set<String> healthChecks;

    RecordSetRules(CheckContext context) {
        this.context = context;
        this.healthChecks = HealthCheckCatalog.of(context.topology).keySet();
    }

    void check() {
        context.topology.dnsOrEmpty().zones().forEach((zoneName, zone) -> checkZone(Paths.key("dns.zones", zoneName), zoneName, zone));
        checkSafetyRules();
    }

    /** Safety rules name routing controls as NAME/SET_IDENTIFIER; each must be a routed record set member. */
    private void checkSafetyRules() {
        Set<String> controls = new java.util.TreeSet<>();
        context.topology.dnsOrEmpty().zones().forEach((zoneName, zone) -> zone.recordSets().forEach(set -> {
            String owner = set.name() == null ? null : DnsNames.absolute(set.name(), zoneName);
            if (owner != null && set.setIdentifier() != null) {
                controls.add(owner + "/" + set.setIdentifier());
            }
        }));
        var rules = context.topology.dnsOrEmpty().routingControlsOrDefault().safetyRules();
        for (int r = 0; r < rules.size(); r++) {
            String rulePath = Paths.index("dns.routing_controls.safety_rules", r);
            List<String> named = rules.get(r).controls();
            for (int c = 0; c < named.size(); c++) {
                String control = named.get(c).toLowerCase(java.util.Locale.ROOT);
                if (!controls.contains(control)) {
                    context.unknown(Paths.index(Paths.key(rulePath, "controls"), c), "routing control (NAME/SET_IDENTIFIER)",
                            named.get(c), controls);
                }
            }
            if (rules.get(r).minOn() > named.size()) {
                context.report(Paths.key(rulePath, "min_on"), rules.get(r).minOn() + " is more than the " + named.size()
                        + " controls of the rule; it could never hold");
            }
        }
    }

    private void checkZone(String zonePath, String zoneName, Zone zone) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        Map<String, Set<RecordType>> typesByName = new HashMap<>();
        List<RecordSet> sets = zone.recordSets();
        for (int i = 0; i < sets.size(); i++) {
            RecordSet set = sets.get(i);
            String path = Paths.index(Paths.key(zonePath, "record_sets"), i);
            if (set.name() == null || set.type() == null) {
                continue;
            }
            String owner = DnsNames.absolute(set.name(), zoneName);
            if (owner == null) {
                context.report(Paths.key(path, "name"), "\"" + set.name() + "\" is outside zone " + zoneName
                        + "; write a name ending in ." + DnsNames.canonical(zoneName) + ", a relative name, or @");
                continue;
            }
            groups.computeIfAbsent(owner + " " + set.type(), k -> new ArrayList<>()).add(i);
            typesByName.computeIfAbsent(owner, k -> new HashSet<>()).add(set.type());
            checkOne(path, set, owner, zoneName, sets);
        }
        typesByName.forEach((owner, types) -> {
            if (types.contains(RecordType.CNAME) && types.size() > 1) {
                context.report(Paths.key(zonePath, "record_sets"), owner + " has a CNAME and other record types " + types
                        + "; a CNAME must be the only record set at its name");
            }
        });
        groups.values().forEach(members -> checkGroup(zonePath, sets, members));
    }

    private void checkOne(String path, RecordSet set, String owner, String zoneName, List<RecordSet> zoneSets) {
        boolean hasRecords = !set.records().isEmpty();
        if (hasRecords == (set.alias() != null)) {
            context.report(path, hasRecords ? "give either records or alias, not both" : "give records (the values) or alias (another record set)");
        }
        if (set.type() == RecordType.CNAME && owner.equals(DnsNames.canonical(zoneName))) {
            context.report(Paths.key(path, "type"), "a CNAME cannot be at the zone apex; use an alias instead");
        }
        for (int v = 0; v < set.records().size(); v++) {
            String problem = RecordValues.problemWith(set.type(), set.records().get(v));
            if (problem != null) {
                context.report(Paths.index(Paths.key(path, "records"), v), problem);
            }
        }
        if (set.type() == RecordType.CNAME && set.records().size() > 1) {
            context.report(Paths.key(path, "records"), "a CNAME has exactly one value, found " + set.records().size());
        }
        if (set.alias() != null && set.alias().name() != null) {
            checkAlias(Paths.key(Paths.key(path, "alias"), "name"), set, owner, zoneName, zoneSets);
        }
        int policies = (set.failoverRoutingPolicy() != null ? 1 : 0) + (set.weightedRoutingPolicy() != null ? 1 : 0)
                + (set.multivalueAnswerRoutingPolicy() ? 1 : 0);
        if (policies > 1) {
            context.report(path, "give one routing policy: failover_routing_policy, weighted_routing_policy or multivalue_answer_routing_policy");
        }
        if (policies > 0 && set.setIdentifier() == null) {
            context.report(path, "a record set with a routing policy needs set_identifier to tell it from the others of " + owner);
        }
        if (policies == 0 && set.setIdentifier() != null) {
            context.report(Paths.key(path, "set_identifier"), "set_identifier is used only with a routing policy");
        }
        if (set.healthCheck() != null && !healthChecks.contains(set.healthCheck())) {
            context.unknown(Paths.key(path, "health_check"), "health check", set.healthCheck(), healthChecks);
        }
        context.requireServingRegion(Paths.key(path, "region"), set.region());
    }

    private void checkAlias(String path, RecordSet set, String owner, String zoneName, List<RecordSet> zoneSets) {
        String target = DnsNames.absolute(set.alias().name(), zoneName);
        if (target == null) {
            context.report(path, "alias target \"" + set.alias().name() + "\" is outside zone " + zoneName + "; aliases point within the zone");
            return;
        }
        if (target.equals(owner)) {
            context.report(path, "a record set cannot be an alias of its own name");
            return;
        }
        boolean exists = zoneSets.stream().anyMatch(other -> other.name() != null && other.type() == set.type()
                && target.equals(DnsNames.absolute(other.name(), zoneName)));
        if (!exists) {
            List<String> candidates = zoneSets.stream().filter(o -> o.name() != null && o.type() == set.type())
                    .map(o -> DnsNames.absolute(o.name(), zoneName)).filter(java.util.Objects::nonNull)
                    .filter(name -> !name.equals(owner)).distinct().toList();
            // the absolute name, so that "aip" is compared with "api.example.com" like for like
            context.unknown(path, set.type() + " record set in " + zoneName, target, candidates);
        }
    }

    private void checkGroup(String zonePath, List<RecordSet> sets, List<Integer> members) {
        if (members.size() < 2) {
            return;
        }
        String first = Paths.index(Paths.key(zonePath, "record_sets"), members.get(1));
        RecordSet sample = sets.get(members.get(0));
        Set<String> identifiers = new HashSet<>();
        Set<String> policyKinds = new HashSet<>();
        int primaries = 0;
        int secondaries = 0;
        for (int index : members) {
            RecordSet set = sets.get(index);
            policyKinds.add(set.failoverRoutingPolicy() != null ? "failover" : set.weightedRoutingPolicy() != null ? "weighted"
                    : set.multivalueAnswerRoutingPolicy() ? "multivalue" : "simple");
            String path = Paths.index(Paths.key(zonePath, "record_sets"), index);
            if (set.setIdentifier() != null && !identifiers.add(set.setIdentifier())) {
                context.report(Paths.key(path, "set_identifier"), "set_identifier \"" + set.setIdentifier()
                        + "\" is used twice for " + sample.name() + " " + sample.type());
            }
            if (set.failoverRoutingPolicy() != null && set.failoverRoutingPolicy().type() == FailoverRole.PRIMARY) {
                primaries++;
            } else if (set.failoverRoutingPolicy() != null && set.failoverRoutingPolicy().type() == FailoverRole.SECONDARY) {
                secondaries++;
            }
        }
        if (policyKinds.contains("simple")) {
            context.report(first, sample.name() + " " + sample.type() + " has " + members.size()
                    + " record sets but not all have a routing policy; a simple record set must be the only one of its name and type");
        } else if (policyKinds.size() > 1) {
            context.report(first, sample.name() + " " + sample.type() + " mixes routing policies " + policyKinds + "; use one");
        }
        if (primaries > 1 || secondaries > 1) {
            context.report(first, sample.name() + " " + sample.type() + " has " + primaries + " PRIMARY and " + secondaries
                    + " SECONDARY record sets; failover routing allows one of each");
        }
    }
}
