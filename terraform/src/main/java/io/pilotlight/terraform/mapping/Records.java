package io.pilotlight.terraform.mapping;

import io.pilotlight.terraform.ImportNote;
import io.pilotlight.terraform.Origin;
import io.pilotlight.terraform.eval.Value;
import io.pilotlight.terraform.yaml.YamlNode;
import io.pilotlight.terraform.yaml.YamlNode.Mapping;
import io.pilotlight.terraform.yaml.YamlNode.Scalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code aws_route53_zone} and {@code aws_route53_record} to zones and record sets. An alias to a resource
 * outside the zone (a load balancer, a CloudFront distribution) becomes an alias to a stand-in record set
 * named after that resource, because the topology aliases within a zone; its TTL is the target's (60 s for
 * an AWS load balancer) and is said to be assumed.
 */
final class Records {
    static final Set<String> TYPES = Set.of("A", "AAAA", "CNAME", "TXT", "MX", "SRV", "CAA", "NS");
    private static final Set<String> LOAD_BALANCERS = Set.of("aws_lb", "aws_alb", "aws_elb");

    /** A routed member, for deciding the regions' roles. */
    record Member(String name, String failoverRole, String region, Origin origin) {
    }

    private final Map<String, List<YamlNode>> zones = new LinkedHashMap<>();
    private final Map<String, Origin> zoneOrigins = new LinkedHashMap<>();
    private final Map<String, String> standIns = new LinkedHashMap<>();
    private final List<Member> members = new ArrayList<>();
    private int placeholders;

    Mapping map(Resources resources, HealthChecks checks, Regions regions, Notes notes) {
        for (Res zone : resources.ofType("aws_route53_zone")) {
            zone.string("name").ifPresent(name -> {
                zones.computeIfAbsent(strip(name), k -> new ArrayList<>());
                zoneOrigins.putIfAbsent(strip(name), zone.at("name"));
                if (!zone.nested("vpc").isEmpty()) {
                    notes.decision("zone " + name + " is private (vpc): served like a public zone here", zone.at("name"));
                }
            });
        }
        for (Res record : resources.ofType("aws_route53_record")) {
            record(record, resources, checks, regions, notes);
        }
        Mapping out = new Mapping();
        zones.forEach((zone, sets) -> out.child(zone).put("record_sets", new YamlNode.Sequence(sets), zoneOrigins.get(zone)));
        return out;
    }

    List<Member> members() {
        return List.copyOf(members);
    }

    private void record(Res record, Resources resources, HealthChecks checks, Regions regions, Notes notes) {
        Optional<String> name = record.string("name").map(Records::strip);
        Optional<String> type = record.string("type").map(t -> t.toUpperCase(Locale.ROOT));
        if (name.isEmpty() || type.isEmpty()) {
            notes.add(ImportNote.Kind.SKIPPED, record.address() + ": its name or type is unknown", record.origin());
            return;
        }
        if (!TYPES.contains(type.get())) {
            notes.notExpressible(record.address() + " type " + type.get() + " is not served by Pilotlight (" + String.join(", ", TYPES.stream().sorted().toList()) + ")", record.at("type"));
            return;
        }
        String zone = zoneOf(record, name.get(), resources, notes);
        List<YamlNode> sets = zones.computeIfAbsent(zone, k -> new ArrayList<>());
        zoneOrigins.putIfAbsent(zone, record.at("zone_id"));
        Mapping set = new Mapping();
        set.put("name", Scalar.of(name.get()), record.at("name"), record.address());
        set.put("type", Scalar.of(type.get()), record.at("type"));
        record.string("set_identifier").ifPresent(v -> set.put("set_identifier", Scalar.of(v), record.at("set_identifier")));
        String region = routing(record, set, notes);
        Optional<Res> alias = record.first("alias");
        if (alias.isPresent()) {
            region = alias(record, alias.get(), zone, type.get(), set, sets, resources, regions, notes).orElse(region);
        } else {
            Optional<Integer> ttl = record.integer("ttl");
            set.put("ttl", Scalar.raw(ttl.orElse(60) + "s"), record.at("ttl"), ttl.isPresent() ? null : "unknown; 60s assumed");
            values(record, type.get(), set, notes);
        }
        record.ref("health_check_id").flatMap(ref -> checks.nameOf(record, ref))
                .ifPresent(check -> set.put("health_check", Scalar.of(check), record.at("health_check_id")));
        if (region != null) {
            set.put("region", Scalar.of(region), record.origin(), "learnt from the record's target");
        }
        String failover = record.first("failover_routing_policy").flatMap(p -> p.string("type")).orElse(null);
        if (failover != null || set.has("weighted_routing_policy")) {
            members.add(new Member(name.get(), failover, region, record.origin()));
        }
        sets.add(set);
    }

    /** The routing policy; returns the region a latency policy names. */
    private static String routing(Res record, Mapping set, Notes notes) {
        record.first("failover_routing_policy").ifPresent(p -> p.string("type").ifPresent(t ->
                set.put("failover_routing_policy", new Mapping().put("type", Scalar.of(t.toUpperCase(Locale.ROOT)), p.at("type")), p.origin())));
        record.first("weighted_routing_policy").ifPresent(p -> p.integer("weight").ifPresent(w ->
                set.put("weighted_routing_policy", new Mapping().put("weight", Scalar.raw(w), p.at("weight")), p.origin())));
        record.bool("multivalue_answer_routing_policy").filter(b -> b).ifPresent(b ->
                set.put("multivalue_answer_routing_policy", Scalar.raw(true), record.at("multivalue_answer_routing_policy")));
        String region = null;
        for (String policy : List.of("latency_routing_policy", "geolocation_routing_policy", "geoproximity_routing_policy", "cidr_routing_policy")) {
            Optional<Res> block = record.first(policy);
            if (block.isEmpty()) {
                continue;
            }
            if (policy.equals("latency_routing_policy")) {
                region = block.get().string("region").orElse(null);
            }
            set.put("weighted_routing_policy", new Mapping().put("weight", Scalar.raw(1), block.get().origin(),
                    "written as equal weights: the format has no " + policy), block.get().origin());
            notes.notExpressible(record.address() + " " + policy + ": written as weighted routing with equal weights; unhealthy"
                    + " members are skipped the same way, but which healthy member answers a client is not modelled", block.get().origin());
        }
        return region;
    }

    /** An alias: to a record of the zone when it points to one, else to a stand-in for the outside target. */
    private Optional<String> alias(Res record, Res alias, String zone, String type, Mapping set, List<YamlNode> sets, Resources resources,
                                   Regions regions, Notes notes) {
        Optional<Boolean> evaluate = alias.bool("evaluate_target_health");
        Optional<Value.ResourceRef> target = alias.ref("name");
        String targetName;
        String ttlText;
        String ttlComment;
        String region = null;
        if (target.isPresent() && target.get().type().equals("aws_route53_record")) {
            Optional<Res> targetRecord = resources.resolve(record, target.get());
            targetName = targetRecord.flatMap(t -> t.string("name")).map(Records::strip).orElse(target.get().name());
            Optional<Integer> ttl = targetRecord.flatMap(t -> t.integer("ttl"));
            ttlText = ttl.orElse(60) + "s";
            ttlComment = ttl.isPresent() ? "alias: the TTL of its target " + target.get().address() + " ("
                    + targetRecord.get().at("ttl") + ")" : "alias: its target's TTL is unknown; 60s assumed";
        } else {
            String described = target.map(Value.ResourceRef::address).orElseGet(() -> alias.string("name").orElse("an unknown target"));
            targetName = standIn(record, described, zone, type, sets, alias.origin());
            boolean loadBalancer = target.isPresent() && LOAD_BALANCERS.contains(target.get().type());
            ttlText = "60s";
            ttlComment = loadBalancer ? "alias: its target " + described + " answers with TTL 60s (an AWS load balancer's own TTL)"
                    : "alias: the TTL of " + described + " is not in Terraform; 60s assumed";
            notes.assumed(record.address() + ": an alias has its target's TTL; " + described + " -> " + ttlText
                    + (loadBalancer ? " (AWS load balancers answer with 60s)" : " (not known from Terraform)"), alias.origin());
            region = target.flatMap(t -> resources.resolve(record, t)).flatMap(regions::of).map(Regions.Located::region).orElse(null);
        }
        set.put("ttl", Scalar.raw(ttlText), alias.origin(), ttlComment);
        Mapping out = new Mapping().put("name", Scalar.of(targetName), alias.at("name"));
        out.put("evaluate_target_health", Scalar.raw(evaluate.orElse(false)), alias.at("evaluate_target_health"));
        set.put("alias", out, alias.origin());
        return Optional.ofNullable(region);
    }

    /** A simple record set standing for a target outside the zone, with a documentation address (RFC 5737/3849). */
    private String standIn(Res record, String described, String zone, String type, List<YamlNode> sets, Origin origin) {
        String key = described + " " + type;
        String existing = standIns.get(key);
        if (existing != null) {
            return existing;
        }
        String label = described.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        String name = (label.isEmpty() ? "target" : label) + ".alias-target." + zone;
        standIns.put(key, name);
        Mapping standIn = new Mapping();
        standIn.put("name", Scalar.of(name), origin, "stands for " + described + " (outside the zone; the format aliases within a zone)");
        standIn.put("type", Scalar.of(type), origin);
        standIn.put("ttl", Scalar.raw("60s"), origin, "the target's own TTL");
        standIn.put("records", new YamlNode.Sequence(List.of(Scalar.of(placeholder(type)))), origin,
                "documentation address: the real one is " + described + "'s, known when Terraform runs");
        sets.add(standIn);
        return name;
    }

    private void values(Res record, String type, Mapping set, Notes notes) {
        List<YamlNode> values = new ArrayList<>();
        for (Value item : record.items("records")) {
            if (item instanceof Value.Known known && known.value() != null) {
                values.add(Scalar.of(String.valueOf(known.value())));
            } else if (item instanceof Value.ResourceRef ref) {
                values.add(Scalar.of(placeholder(type)));
                notes.assumed(record.address() + " records: " + ref.address() + "." + ref.attribute()
                        + " is computed when Terraform runs; a documentation address stands for it", record.at("records"));
            }
        }
        if (values.isEmpty()) {
            values.add(Scalar.of(placeholder(type)));
            notes.assumed(record.address() + ": no known value; a documentation address stands for it", record.at("records"));
        }
        set.put("records", new YamlNode.Sequence(values), record.at("records"));
    }

    private String placeholder(String type) {
        placeholders++;
        return switch (type) {
            case "AAAA" -> "2001:db8::" + placeholders;
            case "A" -> "192.0.2." + Math.min(254, placeholders);
            case "CNAME", "NS" -> "target-" + placeholders + ".invalid";
            case "MX" -> "10 mail-" + placeholders + ".invalid";
            default -> "unknown-" + placeholders;
        };
    }

    private String zoneOf(Res record, String name, Resources resources, Notes notes) {
        Optional<Value.ResourceRef> ref = record.ref("zone_id");
        if (ref.isPresent() && ref.get().type().equals("aws_route53_zone")) {
            Optional<String> zone = resources.resolve(record, ref.get()).flatMap(z -> z.string("name")).map(Records::strip);
            if (zone.isPresent()) {
                return zone.get();
            }
        }
        String parent = name.contains(".") ? name.substring(name.indexOf('.') + 1) : name;
        notes.assumed(record.address() + ": its zone is not known from zone_id; taken as " + parent + ", the parent of " + name,
                record.at("zone_id"));
        return parent;
    }

    private static String strip(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
